using BenchmarkDotNet.Attributes;
using CircuitSim.Scenarios;
using CircuitSim.Viz;

namespace CircuitSim.Benchmarks;

/// <summary>
/// One frame of the live view (compose the panels, upload, draw, glFinish) at 1280 × 720, headless through
/// EGL on whatever OpenGL the machine has (Mesa llvmpipe here), for the base circuit in the middle of a
/// 1 Hz wind-up train (raster, traces, wind-up bars) and for the neuroimmune loop (raster, traces,
/// substances, chloride, a 40 × 55 field and 80 microglia). The budget is 16 ms (issue 11).
/// </summary>
[MemoryDiagnoser]
public class VizFrameBenchmarks
{
    [Params("windup.yaml", "neuroimmune-loop.yaml")]
    public string Scenario { get; set; } = "windup.yaml";

    private VizSession _session = null!;

    [GlobalSetup]
    public void Setup()
    {
        var loaded = ScenarioLoader.LoadWithOrigins(ScenarioFiles.Path(Scenario));
        _session = new VizSession(loaded, new VizOptions(1280, 720, ScreenshotPath: "unused.png"));
        _session.StartHeadless();
        _session.AdvanceTo(Scenario == "windup.yaml" ? 189_500 : 60_000);
    }

    [Benchmark]
    public double Frame() => _session.DrawFrame();

    [GlobalCleanup]
    public void Cleanup() => _session.Dispose();
}
