using CircuitSim.Engine;
using CircuitSim.Model;
using CircuitSim.Scenarios;
using CircuitSim.Validation;

namespace CircuitSim.Tests.Engine;

/// <summary>The time loop allocates nothing per step (structure of arrays, buffers made when the network is built).</summary>
public class TimeLoopAllocationTests
{
    /// <summary>Managed bytes this thread allocates while the engine advances <paramref name="steps"/> steps on it (one worker).</summary>
    private static long BytesFor(ScenarioSpec spec, int steps)
    {
        var sim = new Simulation(NetworkBuilder.Build(spec), BackendKind.Simd, threads: 1);
        sim.RunUntil(2000); // every phase has run and been compiled
        long before = GC.GetAllocatedBytesForCurrentThread();
        sim.RunUntil(2000 + steps);
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    [Fact]
    public void Coba_steps_allocate_nothing()
    {
        // regression: the numbers check walked Network.NeuronPopulations, a LINQ OfType iterator, every 64 steps
        // one RunUntil call allocates its phase array, barrier and worker list (~220 bytes); 88 bytes every 64
        // steps (a LINQ iterator in the numbers check, fixed) made 4 100
        long bytes = BytesFor(Specs.Coba(4000, 1000), 3000);
        Assert.True(bytes < 1_000, $"{bytes} bytes allocated in 3000 steps");
    }

    [Fact]
    public void Dorsal_horn_wind_up_steps_allocate_nothing()
    {
        // the base circuit with every per-step mechanism: noise, fibre conduction with slowing, pulses, NK1, CAN, Mg block
        var spec = ScenarioLoader.Load(ScenarioFiles.Path("windup.yaml"));
        long bytes = BytesFor(spec, 30_000);
        Assert.True(bytes < 1_000, $"{bytes} bytes allocated in 30 000 steps");
    }

    [Fact]
    public void Neuromodulated_steps_with_a_drug_allocate_nothing()
    {
        // substances, receptors, GIRK, release scaling and a drug's pharmacokinetics on the slow clock
        var spec = ScenarioLoader.Load(ScenarioFiles.Path("temporal-summation.yaml"),
            new[] { "interventions.d={at: 0 s, drug: duloxetine, dose: 1 mg/kg, route: oral}" });
        long bytes = BytesFor(spec, 30_000);
        Assert.True(bytes < 1_000, $"{bytes} bytes allocated in 30 000 steps");
    }

    [Fact]
    public void Plastic_steps_with_weight_recording_allocate_nothing()
    {
        // the first train grows the fibres' pool of spikes in flight (it doubles while the load rises, by design);
        // the second, measured, train finds it grown
        var spec = ScenarioLoader.Load(ScenarioFiles.Path("ltp-hfs.yaml"), new[] { "stimuli.hfs1.start=0.1s", "stimuli.hfs2.start=3s" });
        var sim = new Simulation(NetworkBuilder.Build(spec), BackendKind.Simd, threads: 1);
        sim.Observers.Add(new CircuitSim.Recording.WeightRecorder(sim.Network, spec.Record.Weights, spec.Record.WeightsEveryMs));
        sim.RunUntil(25_000);
        long before = GC.GetAllocatedBytesForCurrentThread();
        sim.RunUntil(55_000); // through the second 100 Hz train
        long bytes = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(bytes < 1_000, $"{bytes} bytes allocated in 30 000 steps");
    }
}
