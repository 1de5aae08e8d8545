using CircuitSim.Cli;
using CircuitSim.Tests.Output;

namespace CircuitSim.Tests.Cli;

/// <summary>`circuitsim run` and `validate` end to end, in process, on files in a temp folder.</summary>
[Collection("console")]
public class CliEndToEndTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("circuitsim-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private const string Scenario = """
        name: cli volley
        seed: 3
        duration: 1 s
        populations:
          C: { kind: afferent, fibre: C, count: 20, conduction_distance: 50 mm }
          N: { kind: neuron, model: lif, count: 4, params: { EL: -65 mV, VT: -50 mV } }
        projections:
          C_N: { from: C, to: N, connect: { rule: all }, receptors: { AMPA: 3 nS, NMDA: 1 nS }, delay: 1 ms }
        stimuli:
          volley: { target: C, protocol: pulse_train, start: 100 ms, count: 3, frequency: 2 Hz }
        record:
          traces: [ { population: N, variables: [v], neurons: [0, 1], every: 1 ms } ]
        """;

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static int Cli(params string[] args)
    {
        var parsed = CommandLine.Build().Parse(args);
        return parsed.Errors.Count > 0 ? CommandLine.ReportParseErrors(parsed) : parsed.Invoke();
    }

    [Fact]
    public void RunWritesSonataSpikesThatH5pyReadsBack()
    {
        var file = Write("volley.yaml", Scenario);
        var outDir = Path.Combine(_dir, "out");
        Assert.Equal(0, Cli("run", file, "--out", outDir, "--quiet"));
        foreach (var f in new[] { "spikes.h5", "metrics.json", "raster.png", "rates.png", "traces.png", "traces/N.v.csv" })
            Assert.True(File.Exists(Path.Combine(outDir, f)), $"{f} missing");
        var text = ExternalTool.RunPython("""
            import sys, h5py, json
            f = h5py.File(sys.argv[1] + "/spikes.h5")
            c = f["/spikes/C/timestamps"][:]
            n = f["/spikes/N/node_ids"][:]
            m = json.load(open(sys.argv[1] + "/metrics.json"))
            print(len(c), sorted(set(round(x) for x in c)), len(n) > 0, m["populations"]["C"]["spike_count"], m["completed"])
            """, outDir);
        // 20 fibres × 3 pulses, emitted at the pulse times (100, 600 ms; the third at 1100 ms is after the end)
        Assert.Equal("40 [100, 600] True 40 True", text.Trim());
    }

    [Fact]
    public void SetAndSeedOverridesChangeTheRun()
    {
        var file = Write("volley.yaml", Scenario);
        var outDir = Path.Combine(_dir, "out2");
        Assert.Equal(0, Cli("run", file, "--out", outDir, "--quiet", "--set", "stimuli.volley.count=1", "--seed", "9"));
        var json = File.ReadAllText(Path.Combine(outDir, "metrics.json"));
        Assert.Contains("\"seed\": 9", json);
        Assert.Contains("\"spike_count\": 20", json);
    }

    [Fact]
    public void BadInputExitsWithTwoAndWritesNothing()
    {
        var file = Write("bad.yaml", Scenario.Replace("count: 4", "count: -4"));
        var outDir = Path.Combine(_dir, "bad-out");
        var err = new StringWriter();
        var old = Console.Error;
        Console.SetError(err);
        try { Assert.Equal(2, Cli("run", file, "--out", outDir, "--quiet")); }
        finally { Console.SetError(old); }
        Assert.Contains("bad.yaml:6:", err.ToString());
        Assert.Contains("populations.N.count", err.ToString());
        Assert.False(Directory.Exists(outDir));
        Assert.Equal(2, Cli("validate", file));
        Assert.Equal(2, Cli("run", Path.Combine(_dir, "missing.yaml"), "--quiet"));
        Assert.Equal(2, Cli("run", file, "--no-such-option"));
    }

    [Fact]
    public void ValidateAcceptsAGoodFile()
    {
        Assert.Equal(0, Cli("validate", Write("ok.yaml", Scenario)));
    }

    [Fact]
    public void NumericalBlowUpExitsWithOneAndNamesTheNeuron()
    {
        var file = Write("blowup.yaml", Scenario.Replace("model: lif, count: 4, params: { EL: -65 mV, VT: -50 mV }", "model: izhikevich, count: 4, params: { Vpeak: 1000000000 mV, I_bias: 5000 pA }"));
        var err = new StringWriter();
        var old = Console.Error;
        Console.SetError(err);
        try { Assert.Equal(1, Cli("run", file, "--out", Path.Combine(_dir, "blow"), "--quiet")); }
        finally { Console.SetError(old); }
        Assert.Contains("N.v of neuron 0", err.ToString());
        Assert.Contains("smaller dt", err.ToString());
    }
}
