using BenchmarkDotNet.Attributes;
using CircuitSim.Engine;
using CircuitSim.Model;
using CircuitSim.Scenarios;
using CircuitSim.Synapses;

namespace CircuitSim.Benchmarks;

/// <summary>
/// What a study saves by sharing connectivity between runs that differ only in values: building the
/// network of a point, with the connectivity built here (every run alone) or taken from a cache that an
/// earlier point of the same seed filled (every later run of a study). COBA (320 000 synapses) and the
/// base dorsal horn circuit (7 646).
/// </summary>
public class StudyBuildBenchmarks
{
    [Params("coba.yaml", "base/dorsal-horn.yaml")]
    public string Scenario { get; set; } = "coba.yaml";

    private ScenarioSpec _spec = null!;
    private ConnectivityCache _warm = null!;

    [GlobalSetup]
    public void Setup()
    {
        _spec = ScenarioLoader.Load(ScenarioFiles.Path(Scenario), new[] { "duration=100ms" });
        _warm = new ConnectivityCache();
        NetworkBuilder.Build(_spec, null, _warm);
    }

    [Benchmark(Baseline = true)]
    public long BuildAlone() => NetworkBuilder.Build(_spec).SynapseCount;

    [Benchmark]
    public long BuildWithSharedConnectivity() => NetworkBuilder.Build(_spec, null, _warm).SynapseCount;
}

/// <summary>Loading a point of a study: the scenario file (with its extends chain and the libraries) read, overridden and checked, per run.</summary>
public class StudyLoadBenchmarks
{
    [Benchmark]
    public int LoadCohortPoint() => ScenarioLoader.Load(ScenarioFiles.Path("cohorts/neuropathic-cohort.yaml"),
        new[] { "populations.PN.params.ECl=-58 mV", "seed=5" }).Populations.Count;
}

/// <summary>The whole cost of a study's run besides its time steps: load, build (connectivity shared), 1 ms of simulation, metrics as columns.</summary>
public class StudyRunOverheadBenchmarks
{
    private readonly ConnectivityCache _cache = new();

    [Benchmark]
    public int CohortPointOneMillisecond()
    {
        var spec = ScenarioLoader.Load(ScenarioFiles.Path("cohorts/neuropathic-cohort.yaml"), new[] { "populations.PN.params.ECl=-58 mV", "seed=5", "duration=1ms" });
        var r = Runner.Run(spec, new RunOptions(BackendKind.Auto, 1, Connectivity: _cache));
        return CircuitSim.Studies.Results.MetricColumns.Of(r).Count;
    }
}
