using System.Diagnostics;

namespace CircuitSim.Tests.Output;

/// <summary>Runs the external readers (Python with h5py/pandas, h5dump) that check our files.</summary>
internal static class ExternalTool
{
    /// <summary>The system Python that has h5py, pandas and numpy (CI installs them; tests fail, not skip, without them).</summary>
    public const string Python = "/usr/bin/python3";

    public static (int ExitCode, string StdOut, string StdErr) Run(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"Could not start {file}.");
        var stderrTask = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} did not finish within 120 s.");
        }
        return (process.ExitCode, stdout, stderrTask.Result);
    }

    /// <summary>Runs a Python script (sys.argv[1:] = args) and returns its stdout; fails the test on a non-zero exit.</summary>
    public static string RunPython(string script, params string[] args)
    {
        var (code, stdout, stderr) = Run(Python, ["-c", script, .. args]);
        Assert.True(code == 0, $"python exited with {code}:\n{stderr}\n{stdout}");
        return stdout;
    }
}
