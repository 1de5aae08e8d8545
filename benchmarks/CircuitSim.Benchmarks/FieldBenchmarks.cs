using BenchmarkDotNet.Attributes;
using CircuitSim.Tissue;

namespace CircuitSim.Benchmarks;

/// <summary>One step of a diffusing, decaying field (the implicit LOD solver): the slab at 10 µm (40 × 55) and a 256 × 256 grid.</summary>
public class FieldBenchmarks
{
    [Params(40, 256)]
    public int Nx { get; set; } = 40;

    private DiffusionField _f = null!;

    [GlobalSetup]
    public void Setup()
    {
        int ny = Nx == 40 ? 55 : Nx;
        _f = new DiffusionField("ATP", Nx, ny, 10, 300, 300);
        for (int k = 0; k < _f.Values.Length; k++) _f.Values[k] = k % 17;
    }

    [Benchmark]
    public double Step()
    {
        _f.Step(10);
        return _f.Values[0];
    }
}

/// <summary>The base circuit for 1 s with and without a 256 × 256 tissue (one field, 10 000 microglia sensing it), fields every 10 ms.</summary>
public class TissueRunBenchmarks
{
    [Params(false, true)]
    public bool Tissue { get; set; }

    /// <summary>The fields' clock: 10 ms (ATP on its own time scale) or 100 ms (a slow glial field).</summary>
    [Params(10, 100)]
    public int ClockMs { get; set; }

    private CircuitSim.Model.ScenarioSpec _spec = null!;

    [GlobalSetup]
    public void Setup()
    {
        var sets = new List<string> { "duration=1s" };
        if (Tissue)
        {
            // 400 µm / 256 cells = 1.5625 µm; depth 550 µm at the same grid gives 352 rows: use 1.5625 µm and state the true size
            sets.Add($"tissue={{grid: 1.5625 um, clock: {ClockMs} ms, fields: {{ATP: {{diffusion: 300 um^2/s, decay: 300 ms, release: {{WDR: 1 uM, PN: 1 uM, DYN: 1 uM}}}}}}}}");
            sets.Add("glia={time_compression: 60, microglia: {count: 10000, senses: ATP, chemotaxis: 2 um/min, random_walk: 1 um^2/min}}");
        }
        _spec = CircuitSim.Scenarios.ScenarioLoader.Load(ScenarioFiles.Path("base/dorsal-horn.yaml"), sets);
    }

    [Benchmark]
    public long BaseCircuitOneSecond()
    {
        var net = CircuitSim.Engine.NetworkBuilder.Build(_spec);
        var sim = new CircuitSim.Engine.Simulation(net, CircuitSim.Model.BackendKind.Simd, 1);
        sim.Run();
        return sim.SynapticEvents;
    }
}
