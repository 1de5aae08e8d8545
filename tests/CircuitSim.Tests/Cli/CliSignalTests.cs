using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CircuitSim.Tests.Cli;

/// <summary>SIGTERM (kill, a cluster's time limit) ends a run as Ctrl-C does: partial results, exit code 1. Runs the real CLI as a child process.</summary>
public partial class CliSignalTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("circuitsim-sig-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    private const int Sigterm = 15;

    [Fact]
    public async Task Sigterm_saves_partial_results_as_ctrl_c_does()
    {
        if (OperatingSystem.IsWindows()) return;
        var file = Path.Combine(_dir, "long.yaml");
        File.WriteAllText(file, """
            name: long
            duration: 100000 s
            populations:
              N: { kind: neuron, model: lif, count: 4, params: { I_bias: 300 pA } }
            record:
              figures: false
            """);
        var outDir = Path.Combine(_dir, "out");
        var psi = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false,
        };
        foreach (var arg in new[] { CliProcess.Dll(), "run", file, "--out", outDir }) psi.ArgumentList.Add(arg);

        var err = new StringBuilder();
        var stepping = new TaskCompletionSource();
        using var cli = new Process { StartInfo = psi };
        cli.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (err) err.AppendLine(e.Data);
            if (e.Data.Contains(" s simulated")) stepping.TrySetResult(); // the progress line: the run is stepping
        };
        cli.OutputDataReceived += (_, _) => { };
        cli.Start();
        try
        {
            cli.BeginErrorReadLine();
            cli.BeginOutputReadLine();
            await stepping.Task.WaitAsync(TimeSpan.FromSeconds(120)); // a TimeoutException when it never steps
            Assert.Equal(0, Kill(cli.Id, Sigterm));
            using (var limit = new CancellationTokenSource(TimeSpan.FromSeconds(120)))
                await cli.WaitForExitAsync(limit.Token); // also waits for the last lines of stderr

            string stderr;
            lock (err) stderr = err.ToString();
            Assert.Equal(1, cli.ExitCode);
            Assert.Matches(new Regex($@"interrupted at [0-9.]+ s: partial results in {Regex.Escape(outDir)}"), stderr);
            Assert.True(File.Exists(Path.Combine(outDir, "spikes.h5")));
            using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "metrics.json")));
            Assert.False(metrics.RootElement.GetProperty("completed").GetBoolean());
        }
        finally
        {
            if (!cli.HasExited) cli.Kill(entireProcessTree: true);
        }
    }
}
