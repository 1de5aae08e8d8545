using CircuitSim.Cli;

namespace CircuitSim.Tests.Cli;

/// <summary>Bad option values are named in the user's words, without .NET type names, and exit with 2.</summary>
[Collection("console")]
public class CliOptionErrorTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("circuitsim-opt-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string File()
    {
        var path = Path.Combine(_dir, "s.yaml");
        System.IO.File.WriteAllText(path, "name: s\nduration: 10 ms\npopulations:\n  N: { count: 1 }\n");
        return path;
    }

    [Theory]
    [InlineData("--threads", "x", "--threads: expected a whole number ≥ 0 (0: automatic), found 'x'")]
    [InlineData("--threads", "-2", "--threads: expected a whole number ≥ 0 (0: automatic), found '-2'")]
    [InlineData("--seed", "-1", "--seed: expected a whole number from 0 to 18446744073709551615, found '-1'")]
    [InlineData("--backend", "cuda", "--backend: expected one of auto, simd, reference, gpu; found 'cuda'")]
    public void Option_type_errors_name_the_option_and_what_it_takes(string option, string value, string message)
    {
        var (code, _, err) = CliProcess.Run("run", File(), "--quiet", "--out", Path.Combine(_dir, "out"), option, value);
        Assert.Equal(2, code);
        Assert.Equal("error: " + message, err.Split('\n')[0].TrimEnd());
        Assert.DoesNotContain("System.", err);
        Assert.False(Directory.Exists(Path.Combine(_dir, "out")));
    }

    [Fact]
    public void Backend_is_matched_ignoring_case_as_in_scenarios()
    {
        Assert.Equal(0, CliProcess.Run("run", File(), "--quiet", "--out", Path.Combine(_dir, "out"), "--backend", "Reference").Code);
    }

    [Fact]
    public void A_backend_without_its_device_is_blamed_on_the_option_not_the_file()
    {
        var (code, _, err) = CliProcess.Run("run", File(), "--quiet", "--out", Path.Combine(_dir, "out"), "--backend", "gpu");
        if (new CircuitSim.Gpu.GpuEngineFactory().HasDevice) { Assert.Equal(0, code); return; }
        Assert.Equal(2, code);
        Assert.StartsWith("error: --backend: the gpu backend found no CUDA device", err.TrimEnd());
        Assert.Contains("--gpu-device cpu", err);
    }

    [Fact]
    public void A_parse_message_with_a_type_name_is_rewritten()
    {
        Assert.Equal("--quiet: expected true or false, found 'maybe'",
            OptionValues.Plain("Cannot parse argument 'maybe' for option '--quiet' as expected type 'System.Boolean'."));
        Assert.Equal("Unrecognized command or argument 'x'.", OptionValues.Plain("Unrecognized command or argument 'x'."));
    }
}
