using CircuitSim.Engine;
using CircuitSim.Model;
using CircuitSim.Recording;

namespace CircuitSim.Tests.Engine;

public class DeterminismTests
{
    private static (int[] Ids, double[] Times) AllSpikes(SimulationResult r) =>
        (r.Spikes.SelectMany((s, k) => s.NodeIds.Select(i => i + k * 1_000_000)).ToArray(),
         r.Spikes.SelectMany(s => s.TimesMs).ToArray());

    [Fact]
    public void CobaSpikesAreIdenticalForAnyThreadCountAndBothBackends()
    {
        var spec = Specs.Coba(4000, 300);
        var reference = Runner.Run(spec, new RunOptions(BackendKind.Reference, 1));
        var (ids, times) = AllSpikes(reference);
        Assert.True(ids.Length > 5000, $"only {ids.Length} spikes: the network did not sustain activity");
        foreach (var (backend, threads) in new[] { (BackendKind.Simd, 1), (BackendKind.Simd, 2), (BackendKind.Simd, 3), (BackendKind.Reference, 2) })
        {
            var (ids2, times2) = AllSpikes(Runner.Run(spec, new RunOptions(backend, threads)));
            Assert.Equal(ids.Length, ids2.Length);
            Assert.Equal(ids, ids2);
            Assert.Equal(times, times2);
        }
    }

    [Fact]
    public void Fused_two_channel_kernel_with_a_chloride_channel_matches_the_reference()
    {
        // the inhibitory channel reverses at the neurons' ECl (−75 mV) instead of a fixed −80 mV
        var spec = Specs.Coba(2000, 300);
        foreach (var p in spec.Populations)
        {
            p.Receptors["inh"].ReversalMv = null;
            p.Params["ECl"] = -75;
        }
        var (ids, times) = AllSpikes(Runner.Run(spec, new RunOptions(BackendKind.Reference, 1)));
        Assert.True(ids.Length > 2000, $"only {ids.Length} spikes");
        var (ids2, times2) = AllSpikes(Runner.Run(spec, new RunOptions(BackendKind.Simd, 1)));
        Assert.Equal(ids, ids2);
        Assert.Equal(times, times2);
    }

    [Fact]
    public void Fused_two_channel_kernel_with_a_drug_and_injected_current_matches_the_reference()
    {
        // the kernel is specialised on "no drug" and "no current stimulus": both branches must stay exact
        var spec = Specs.Coba(2000, 300);
        spec.Stimuli.Add(new StimulusSpec
        {
            Name = "step", Target = "E", Protocol = StimulusProtocol.Current, StartMs = 50, DurationMs = 150, AmplitudePa = 40,
            Neurons = Enumerable.Range(0, 400).ToArray(),
        });
        (int[] Ids, double[] Times) Run(BackendKind backend)
        {
            var net = NetworkBuilder.Build(spec);
            foreach (var pop in net.NeuronPopulations) pop.Channels[1].Availability = 0.7f; // 30 % block of inhibition
            var sim = new Simulation(net, backend, 1);
            var rec = new CircuitSim.Recording.SpikeRecorder(net, null);
            sim.Observers.Add(rec);
            sim.Run();
            var spikes = rec.Result(net.DtMs);
            return (spikes.SelectMany((s, k) => s.NodeIds.Select(i => i + k * 1_000_000)).ToArray(), spikes.SelectMany(s => s.TimesMs).ToArray());
        }
        var reference = Run(BackendKind.Reference);
        var simd = Run(BackendKind.Simd);
        Assert.True(reference.Ids.Length > 2000, $"only {reference.Ids.Length} spikes");
        Assert.Equal(reference.Ids, simd.Ids);
        Assert.Equal(reference.Times, simd.Times);
    }

    [Fact]
    public void BaseCircuitSpikesAreIdenticalOnBothBackendsAndThreadCounts()
    {
        // AdEx kernels, NMDA block, NK1 potentiation, chloride channels, a drug and pulse recruitment
        var spec = CircuitSim.Scenarios.ScenarioLoader.Load(CircuitSim.Tests.Validation.ScenarioRuns.Path("windup-ketamine.yaml"),
            new[] { "duration=4s", "stimuli.slow=null", "stimuli.fast.start=0.5s", "interventions.ketamine.at=2s", "record.metrics=null" });
        var reference = AllSpikes(Runner.Run(spec, new RunOptions(BackendKind.Reference, 1)));
        Assert.True(reference.Ids.Length > 1000, $"{reference.Ids.Length} spikes");
        foreach (var threads in new[] { 1, 2 })
        {
            var simd = AllSpikes(Runner.Run(spec, new RunOptions(BackendKind.Simd, threads)));
            Assert.Equal(reference.Ids, simd.Ids);
            Assert.Equal(reference.Times, simd.Times);
        }
    }
}
