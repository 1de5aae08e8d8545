using CircuitSim.Model;

namespace CircuitSim.Viz;

/// <summary>How `circuitsim viz` was asked to run.</summary>
/// <param name="ScreenshotPath">Headless: draw one frame at <paramref name="AtMs"/> into this PNG.</param>
/// <param name="RecordDir">Headless: draw a frame every <paramref name="EveryMs"/> up to <paramref name="AtMs"/> (or the end) into this folder.</param>
/// <param name="Presses">Keys pressed at times (ms, GLFW key code), in order: scripted input for headless runs and tests.</param>
public sealed record VizOptions(
    int Width = 1280, int Height = 720,
    string? ScreenshotPath = null, string? RecordDir = null, double? AtMs = null, double EveryMs = 100,
    IReadOnlyList<(double AtMs, int Key)>? Presses = null,
    BackendKind Backend = BackendKind.Auto, int Threads = 0, double? Speed = null, string ScreenshotDir = ".")
{
    public bool Headless => ScreenshotPath is not null || RecordDir is not null;
}
