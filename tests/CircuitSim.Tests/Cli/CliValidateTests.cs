namespace CircuitSim.Tests.Cli;

/// <summary>`circuitsim validate` refuses whatever `run` would, pointing at the value in the file.</summary>
[Collection("console")]
public class CliValidateTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("circuitsim-val-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private const string Head = """
        name: checks
        duration: 1 s
        populations:
          C: { kind: afferent, fibre: C, count: 4, conduction_distance: 10 mm }
          N:
            model: lif
            count: 2
            params: { EL: -65 mV }
        projections:
          C_N: { from: C, to: N, connect: all, receptors: { AMPA: 1 nS } }

        """;

    private string Write(string text)
    {
        var path = Path.Combine(_dir, "s.yaml");
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>"file:line:col" of the first occurrence of <paramref name="needle"/> in the text.</summary>
    private static string At(string file, string text, string needle)
    {
        var lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
            if (lines[i].IndexOf(needle, StringComparison.Ordinal) is var c and >= 0) return $"{file}:{i + 1}:{c + 1}";
        throw new ArgumentException(needle);
    }

    [Fact]
    public void Validate_refuses_a_parameter_the_model_refuses_at_the_line_of_the_parameter()
    {
        var text = Head.Replace("{ EL: -65 mV }", "{ EL: -65 mV, gL: 0 nS }");
        var file = Write(text);
        var (code, _, err) = CliProcess.Run("validate", file);
        Assert.Equal(2, code);
        Assert.Equal($"error: {At(file, text, "0 nS")}: populations.N.params.gL: population N: lif parameter gL must be positive (neuron 0 has 0 nS)",
            err.TrimEnd());

        // run says the same, before simulating
        var (runCode, _, runErr) = CliProcess.Run("run", file, "--quiet", "--out", Path.Combine(_dir, "out"));
        Assert.Equal((2, err), (runCode, runErr));
    }

    [Fact]
    public void Validate_refuses_a_threshold_below_reset_pointing_at_the_value_the_file_sets()
    {
        var text = Head.Replace("{ EL: -65 mV }", "{ EL: -65 mV, Vr: -40 mV }"); // VT keeps its default, -50 mV
        var file = Write(text);
        var (code, _, err) = CliProcess.Run("validate", file);
        Assert.Equal(2, code);
        Assert.StartsWith($"error: {At(file, text, "-40 mV")}: populations.N.params.Vr: population N: lif needs VT > Vr", err);
    }

    [Fact]
    public void Validate_refuses_an_intervention_that_sets_a_parameter_the_model_refuses()
    {
        var text = Head + "interventions:\n  leak: { at: 500 ms, set: { populations.N.params.gL: -1 nS } }\n";
        var file = Write(text);
        var (code, _, err) = CliProcess.Run("validate", file);
        Assert.Equal(2, code);
        Assert.StartsWith($"error: {At(file, text, "-1 nS")}: interventions.leak.set.populations.N.params.gL: intervention leak at 0.5 s sets populations.N.params.gL: " +
                          "population N: lif parameter gL must be positive", err);
    }

    [Fact]
    public void Validate_refuses_trace_buffers_too_large_for_memory()
    {
        // 64 traces of 2e9 samples (200 000 s at 0.1 ms), 8 GB each: more than any machine this runs on
        var traces = string.Concat(Enumerable.Repeat("    - { population: N, variables: [v], every: 0.1 ms }\n", 64));
        var text = Head.Replace("duration: 1 s", "duration: 200000 s") + "record:\n  traces:\n" + traces;
        var file = Write(text);
        var (code, _, err) = CliProcess.Run("validate", file);
        Assert.Equal(2, code);
        Assert.StartsWith($"error: {At(file, text, "- { population")}: record.traces: the run needs about 512.0 GB (trace buffers 512.0 GB", err);
        Assert.Contains("sample less often", err);
    }

    [Fact]
    public void Validate_reports_a_good_file_with_its_synapses_and_memory()
    {
        var (code, output, _) = CliProcess.Run("validate", Write(Head));
        Assert.Equal(0, code);
        Assert.Contains("(8 synapses)", output);
        Assert.Contains("under 1 MB before spikes", output);
    }
}
