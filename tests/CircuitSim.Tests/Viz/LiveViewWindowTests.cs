using System.Diagnostics;
using CircuitSim.Tests.Studies;

namespace CircuitSim.Tests.Viz;

/// <summary>
/// The view in a real window (GLFW under Xvfb, Mesa llvmpipe): keys sent by xdotool reach the simulation
/// through GLFW's key callback and the command queue (1 gives the scenario's first drug, p writes a
/// screenshot, q quits with exit code 0).
/// </summary>
public sealed class LiveViewWindowTests : IDisposable
{
    private readonly VizFiles _files = new();
    public void Dispose() => _files.Dispose();

    [Fact]
    public void Keys_pressed_in_the_window_give_the_drug_take_a_screenshot_and_quit()
    {
        Assert.True(File.Exists("/usr/bin/xvfb-run"), "xvfb-run is needed (scripts/install-test-deps.sh installs xvfb, xauth, xdotool, libglfw3)");
        string script = Path.Combine(StudyFiles.RepoRoot(), "tests", "tools", "viz", "window-keys.sh");
        var psi = new ProcessStartInfo("xvfb-run") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-a", "-s", "-screen 0 1280x720x24", "bash", script, StudyFiles.CliDll(), _files.Windup(), _files.Dir })
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        string output = p.StandardOutput.ReadToEnd(), error = p.StandardError.ReadToEnd();
        Assert.True(p.WaitForExit(120_000), "the window test finished");
        string viewOut = File.Exists(Path.Combine(_files.Dir, "stdout.txt")) ? File.ReadAllText(Path.Combine(_files.Dir, "stdout.txt")) : "";
        string viewErr = File.Exists(Path.Combine(_files.Dir, "stderr.txt")) ? File.ReadAllText(Path.Combine(_files.Dir, "stderr.txt")) : "";
        string all = $"{output}\n{error}\n--- view:\n{viewOut}\n{viewErr}";
        Assert.Contains("rc 0", output);
        Assert.Matches(@"at \d+(\.\d+)? s: viz: drug ketamine \(60 %\)", viewOut);
        var shot = Directory.GetFiles(_files.Dir, "circuitsim-viz-windup-*.png");
        Assert.True(shot.Length == 1 && new FileInfo(shot[0]).Length > 10_000, all);
        Assert.Matches(@"\d+ frames, [\d.]+ ms each", viewOut);
    }
}
