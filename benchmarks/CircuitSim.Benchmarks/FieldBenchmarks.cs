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
