using BenchmarkDotNet.Attributes;
using CircuitSim.Engine;
using CircuitSim.Model;

namespace CircuitSim.Benchmarks;

/// <summary>
/// One step of 100 000 neurons with two receptor channels (the COBA layout), scalar reference
/// kernel against the fused vector kernel, per model. Divide by 100 000 for ns per neuron-step.
/// </summary>
[MemoryDiagnoser]
public class NeuronUpdateBenchmarks
{
    [Params("lif", "adex", "izhikevich")]
    public string Model { get; set; } = "lif";

    [Params(4000, 100_000)]
    public int N { get; set; } = 4000;

    private NeuronPopulation _pop = null!;
    private int[] _spikes = null!;

    [GlobalSetup]
    public void Setup()
    {
        var spec = new ScenarioSpec { Name = "bench", DurationMs = 1, DtMs = 0.1 };
        var p = new PopulationSpec { Name = "N", Count = N, Model = Model };
        p.Receptors["exc"] = new ReceptorSpec { TauRiseMs = 0, TauDecayMs = 5, ReversalMv = 0 };
        p.Receptors["inh"] = new ReceptorSpec { TauRiseMs = 0, TauDecayMs = 10, ReversalMv = -80 };
        p.Initial["v"] = new InitialValueSpec(InitialKind.Uniform, -70, -55);
        p.Initial["g_exc"] = new InitialValueSpec(InitialKind.Normal, 10, 3);
        p.Initial["g_inh"] = new InitialValueSpec(InitialKind.Normal, 50, 20);
        spec.Populations.Add(p);
        var net = NetworkBuilder.Build(spec);
        _pop = (NeuronPopulation)net.Populations[0];
        _spikes = new int[_pop.Count];
    }

    [Benchmark(Baseline = true)]
    public int Scalar()
    {
        int n = 0;
        _pop.Model.UpdateScalar(_pop, 0, _pop.PaddedCount, 0, 0.1f, _spikes, ref n);
        return n;
    }

    [Benchmark]
    public int Vector()
    {
        int n = 0;
        _pop.Model.UpdateVector(_pop, 0, _pop.PaddedCount, 0, 0.1f, _spikes, ref n);
        return n;
    }
}
