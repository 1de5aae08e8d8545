using System.Diagnostics;
using CircuitSim.Tests.Scenarios;

namespace CircuitSim.Tests.Studies;

/// <summary>A temporary folder with a small scenario that has a sweep, and helpers to run the real CLI and compare tables.</summary>
internal sealed class StudyFiles : IDisposable
{
    public string Dir { get; } = Directory.CreateTempSubdirectory("circuitsim-study-").FullName;

    /// <summary>The loader tests' circuit (C fibres onto WDR, 1 Hz train) for <paramref name="duration"/>, with a 3 × 2 grid and 2 replicates: 12 runs.</summary>
    public string Scenario(string duration = "2 s", string? sweep = null)
    {
        // AMPA 4 nS instead of the loader tests' 1 nS, so that the WDR neurons fire at every point
        string yaml = ScenarioTestFiles.Base.Replace("duration: 2 s", $"duration: {duration}").Replace("AMPA: 1 nS", "AMPA: 4 nS") +
            "record:\n  spikes: [WDR]\n  metrics:\n    windup: { type: windup, population: WDR, stimulus: train }\n  figures: false\n" +
            (sweep ?? """
            sweep:
              mode: grid
              parameters:
                stimuli.train.frequency: [0.5 Hz, 1 Hz, 2 Hz]
                projections.C_WDR.receptors.NMDA: { from: 0 nS, to: 0.6 nS, steps: 2 }
              replicates: 2
            """) + "\n";
        string path = Path.Combine(Dir, "study.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    public string Out(string name) => Path.Combine(Dir, name);

    /// <summary>results.csv without the wall_seconds column (the one column that differs between two computations of the same runs).</summary>
    public static List<string> TableWithoutTimes(string folder)
    {
        var lines = File.ReadAllLines(Path.Combine(folder, "results.csv")).ToList();
        int wall = lines[0].Split(',').ToList().IndexOf("wall_seconds");
        Assert.True(wall >= 0, "results.csv has wall_seconds");
        return lines.Select(l => string.Join(',', l.Split(',').Where((_, i) => i != wall))).ToList();
    }

    public static string CliDll() => CircuitSim.Tests.Cli.CliProcess.Dll();

    public static string RepoRoot()
    {
        var d = new DirectoryInfo(AppContext.BaseDirectory);
        while (d is not null && !File.Exists(Path.Combine(d.FullName, "CircuitSim.sln"))) d = d.Parent;
        return d!.FullName;
    }

    /// <summary>Starts the real CLI as a child process.</summary>
    public static Process Start(IDictionary<string, string>? env, params string[] args)
    {
        var psi = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false,
        };
        psi.ArgumentList.Add(CliDll());
        foreach (var a in args) psi.ArgumentList.Add(a);
        foreach (var (k, v) in env ?? new Dictionary<string, string>()) psi.Environment[k] = v;
        return Process.Start(psi)!;
    }

    /// <summary>Runs the CLI to its end: exit code, stdout and stderr.</summary>
    public static (int Code, string Out, string Err) RunCli(IDictionary<string, string>? env, params string[] args)
    {
        using var p = Start(env, args);
        var err = p.StandardError.ReadToEndAsync();
        string output = p.StandardOutput.ReadToEnd();
        Assert.True(p.WaitForExit(600_000), "circuitsim did not finish within 10 minutes");
        return (p.ExitCode, output, err.Result);
    }

    public void Dispose()
    {
        try { Directory.Delete(Dir, recursive: true); } catch (IOException) { }
    }
}
