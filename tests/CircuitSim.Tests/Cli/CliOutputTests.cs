namespace CircuitSim.Tests.Cli;

/// <summary>The results folder: checked before the run, cleared of an earlier run's files only, write errors as one line.</summary>
[Collection("console")]
public class CliOutputTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("circuitsim-out-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private const string Scenario = """
        name: out
        duration: 200 ms
        populations:
          C: { kind: afferent, fibre: C, count: 5, conduction_distance: 10 mm }
          N: { kind: neuron, model: lif, count: 2 }
        projections:
          C_N: { from: C, to: N, connect: all, receptors: { AMPA: 3 nS } }
        stimuli:
          volley: { target: C, protocol: pulse_train, start: 10 ms, count: 2, frequency: 10 Hz }
        record:
          figures: false
          network: true
          traces: [ { population: N, variables: [v, g_AMPA], every: 1 ms } ]
        """;

    private string Write(string text)
    {
        var path = Path.Combine(_dir, "s.yaml");
        File.WriteAllText(path, text);
        return path;
    }

    // the network cannot be built (gL = 0): an --out error, not this one, shows --out is checked before building and running
    private string Unbuildable() => Write(Scenario.Replace("model: lif, count: 2", "model: lif, count: 2, params: { gL: 0 nS }"));

    [Fact]
    public void Out_that_is_a_file_is_refused_before_the_run()
    {
        var file = Path.Combine(_dir, "taken");
        File.WriteAllText(file, "a user's file");
        var (code, _, err) = CliProcess.Run("run", Unbuildable(), "--quiet", "--out", file);
        Assert.Equal((2, $"error: --out '{file}' is a file, not a folder"), (code, err.TrimEnd()));
        Assert.Equal("a user's file", File.ReadAllText(file));

        var (code2, _, err2) = CliProcess.Run("run", Unbuildable(), "--quiet", "--out", Path.Combine(file, "sub"));
        Assert.Equal((2, $"error: --out '{Path.Combine(file, "sub")}': '{file}' is a file, not a folder"), (code2, err2.TrimEnd()));
    }

    [Fact]
    public void Out_that_cannot_be_written_is_refused_before_the_run()
    {
        if (!Directory.Exists("/sys/kernel")) return; // sysfs: no one may create files in it, not even root
        var (code, _, err) = CliProcess.Run("run", Unbuildable(), "--quiet", "--out", "/sys/circuitsim-out");
        Assert.Equal(2, code);
        Assert.StartsWith("error: --out '/sys/circuitsim-out': cannot write in '/sys' (", err);
        Assert.Single(err.TrimEnd().Split('\n'));
    }

    [Fact]
    public void Rerun_into_a_folder_removes_the_earlier_runs_files_and_nothing_else()
    {
        var outDir = Path.Combine(_dir, "out");
        var file = Write(Scenario);
        Assert.Equal(0, CliProcess.Run("run", file, "--quiet", "--out", outDir).Code);
        foreach (var f in new[] { "traces/N.v.csv", "traces/N.g_AMPA.csv", "edges.h5", "nodes.h5" })
            Assert.True(File.Exists(Path.Combine(outDir, f)), f);
        File.WriteAllText(Path.Combine(outDir, "notes.txt"), "mine");
        File.WriteAllText(Path.Combine(outDir, "traces", "mine.csv"), "mine");

        // the second run records only v, and not the network
        Assert.Equal(0, CliProcess.Run("run", file, "--quiet", "--out", outDir, "--set", "record.network=false",
            "--set", "record.traces=[{population: N, variables: [v]}]").Code);
        Assert.False(File.Exists(Path.Combine(outDir, "traces", "N.g_AMPA.csv")), "stale trace left");
        Assert.False(File.Exists(Path.Combine(outDir, "edges.h5")), "stale edges.h5 left");
        Assert.False(File.Exists(Path.Combine(outDir, "nodes.h5")), "stale nodes.h5 left");
        foreach (var f in new[] { "traces/N.v.csv", "spikes.h5", "metrics.json", "notes.txt", "traces/mine.csv" })
            Assert.True(File.Exists(Path.Combine(outDir, f)), f);
    }

    [Fact]
    public void Results_that_cannot_be_written_are_one_line_and_exit_code_1()
    {
        var outDir = Path.Combine(_dir, "blocked");
        Directory.CreateDirectory(outDir);
        File.WriteAllText(Path.Combine(outDir, "traces"), "a file where the traces folder goes");
        var (code, _, err) = CliProcess.Run("run", Write(Scenario), "--quiet", "--out", outDir);
        Assert.Equal(1, code);
        Assert.StartsWith($"error: cannot write the results in {outDir}: ", err);
        Assert.Single(err.TrimEnd().Split('\n'));
        Assert.Equal("a file where the traces folder goes", File.ReadAllText(Path.Combine(outDir, "traces")));
    }
}
