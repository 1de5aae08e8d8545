using BenchmarkDotNet.Attributes;
using CircuitSim.Engine;
using CircuitSim.Model;
using CircuitSim.Scenarios;

namespace CircuitSim.Benchmarks;

/// <summary>
/// Synaptic delivery and whole-network stepping on COBA (scenarios/coba.yaml, 4000 neurons,
/// 320 000 synapses), 1 s simulated per operation: the time loop of `circuitsim run` without
/// recording, for the reference and SIMD backends and 1 or 2 threads.
/// </summary>
public class CobaBenchmarks
{
    [Params("reference", "simd")]
    public string Backend { get; set; } = "simd";

    [Params(1, 2)]
    public int Threads { get; set; } = 1;

    private ScenarioSpec _spec = null!;

    [GlobalSetup]
    public void Setup() => _spec = ScenarioLoader.Load(ScenarioFiles.Path("coba.yaml"), new[] { "duration=1s" });

    [Benchmark]
    public long CobaOneSecond()
    {
        var net = NetworkBuilder.Build(_spec);
        var sim = new Simulation(net, Backend == "simd" ? BackendKind.Simd : BackendKind.Reference, Threads);
        sim.Run();
        return sim.SynapticEvents;
    }
}

/// <summary>Delivery alone: the spikes of a step (8 sources, 80 targets each) into the rings, as in COBA at 20 Hz.</summary>
public class DeliveryBenchmarks
{
    private Network _net = null!;
    private Simulation _sim = null!;

    [GlobalSetup]
    public void Setup()
    {
        var spec = ScenarioLoader.Load(ScenarioFiles.Path("coba.yaml"), new[] { "duration=100ms" });
        _net = NetworkBuilder.Build(spec);
        _sim = new Simulation(_net, BackendKind.Simd, 1);
        foreach (var pop in _net.Populations)
        {
            // 1 in 400 neurons spike in this step (20 Hz × 0.1 ms × 4000 neurons = 8 spikes)
            int n = 0;
            for (int i = 0; i < pop.Count; i += 400) pop.Spikes.Segments[0][n++] = i;
            pop.Spikes.Counts[0] = n;
        }
    }

    [Benchmark]
    public long DeliverOneStep()
    {
        long events = 0;
        foreach (var pr in _net.Projections) events += CircuitSim.Engine.Scheduling.SpikeDeliveryPhase.Deliver(pr, 0, 7);
        return events;
    }
}
