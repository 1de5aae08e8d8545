using CircuitSim.Engine;
using CircuitSim.Model;

namespace CircuitSim.Tests.Engine;

public class SafetyTests
{
    [Fact]
    public void RunawayVoltageStopsTheRunNamingPopulationVariableNeuronAndTime()
    {
        // The Izhikevich quadratic v' = 0.04v² + ... blows up in finite time when nothing resets it (a cut-off far away).
        var spec = Specs.Empty("blowup", 1000);
        spec.Populations.Add(Specs.Neurons("Bad", 3, "izhikevich", ("Vpeak", 1e9), ("I_bias", 5000)));
        var e = Assert.Throws<NumericalBlowupException>(() => Runner.Run(spec, new RunOptions()));
        Assert.Equal("Bad", e.Population);
        Assert.Equal("v", e.Variable);
        Assert.InRange(e.TimeMs, 1, 1000);
        Assert.Contains("smaller dt", e.Message);
    }

    [Fact]
    public void CobaSynapsesTakeAtMostSixteenBytesEach()
    {
        var net = NetworkBuilder.Build(Specs.Coba(4000, 10));
        Assert.InRange(net.SynapseCount, 300_000, 340_000);
        double perSynapse = net.SynapseBytes / (double)net.SynapseCount;
        Assert.True(perSynapse <= 16, $"{perSynapse:F2} bytes per synapse");
        Assert.True(perSynapse < 9, $"{perSynapse:F2} bytes per synapse: target + one weight + row overhead");
    }

    [Fact]
    public void NetworkTooLargeForMemoryIsRefusedBeforeBuilding()
    {
        var spec = Specs.Empty("huge", 100);
        spec.Populations.Add(Specs.Neurons("A", 2_000_000));
        var pr = new ProjectionSpec { Name = "AA", From = "A", To = "A", Connect = new ConnectSpec { Rule = ConnectRule.Probability, P = 0.5 } };
        pr.Receptors["AMPA"] = 1;
        spec.Projections.Add(pr);
        long before = GC.GetTotalAllocatedBytes();
        var e = Assert.Throws<BuildException>(() => NetworkBuilder.Build(spec));
        Assert.Contains("GB", e.Message);
        Assert.True(GC.GetTotalAllocatedBytes() - before < 100_000_000, "refusal must come before allocating the network");
    }
    [Fact]
    public void TraceBuffersCountTowardsTheMemoryLimit()
    {
        var spec = Specs.Empty("long traces", 1_000_000); // 1000 s at 0.1 ms: 1e7 samples
        spec.Populations.Add(Specs.Neurons("A", 100));
        var trace = new TraceSpec { Population = "A", Neurons = Enumerable.Range(0, 100).ToArray(), EveryMs = 0.1 };
        trace.Variables.Add("v");
        spec.Record.Traces.Add(trace); // 1e7 × 100 × 4 bytes = 4 GB
        var e = Assert.Throws<BuildException>(() => NetworkBuilder.Build(spec, memoryLimitBytes: 1_000_000_000));
        Assert.Contains("trace buffers 4.0 GB", e.Message);
        Assert.Equal(["record.traces"], e.KeyPaths);
    }

    [Fact]
    public void TraceLongerThanAnArrayIsRefusedNotOverflowed()
    {
        var spec = Specs.Empty("endless trace", 1e9); // 1e10 samples: more than an int counts
        spec.Populations.Add(Specs.Neurons("A", 1));
        var trace = new TraceSpec { Population = "A", EveryMs = 0.1 };
        trace.Variables.Add("v");
        spec.Record.Traces.Add(trace);
        var e = Assert.Throws<BuildException>(() => NetworkBuilder.Build(spec));
        Assert.Contains("more than one array can", e.Message);
    }

    [Fact]
    public void ScheduledPulsesCountTowardsTheMemoryLimit()
    {
        var spec = Specs.Empty("many pulses", 1000);
        spec.Populations.Add(new PopulationSpec { Name = "C", Kind = PopulationKind.Afferent, Count = 10 });
        spec.Stimuli.Add(new StimulusSpec { Name = "train", Target = "C", Protocol = StimulusProtocol.PulseTrain, Count = 200_000_000, FrequencyHz = 1 });
        long before = GC.GetTotalAllocatedBytes();
        var e = Assert.Throws<BuildException>(() => NetworkBuilder.Build(spec, memoryLimitBytes: 1_000_000_000));
        Assert.Contains("scheduled pulses 1.6 GB", e.Message);
        Assert.Equal(["stimuli.train.count"], e.KeyPaths);
        Assert.True(GC.GetTotalAllocatedBytes() - before < 100_000_000, "refusal must come before allocating the pulses");
    }
}
