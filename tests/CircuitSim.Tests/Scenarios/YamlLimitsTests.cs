using System.Text;
using CircuitSim.Scenarios;

namespace CircuitSim.Tests.Scenarios;

/// <summary>Files that are not scenarios, or YAML built to exhaust the loader, are refused quickly with one error naming the file.</summary>
public class YamlLimitsTests
{
    private static ScenarioError LoadFails(string path)
    {
        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(path));
        var error = Assert.Single(e.Errors);
        Assert.Equal(path, error.File);
        return error;
    }

    [Fact]
    public void DevZero_is_refused_after_reading_at_most_the_size_limit()
    {
        if (!File.Exists("/dev/zero")) return;
        long before = GC.GetTotalAllocatedBytes();
        var e = LoadFails("/dev/zero");
        Assert.Contains("larger than 16 MiB", e.Message);
        Assert.True(GC.GetTotalAllocatedBytes() - before < 200_000_000, "read with a cap, not to the end");
    }

    [Fact]
    public void File_over_16_MiB_is_refused()
    {
        using var f = new ScenarioTestFiles();
        var path = f.Write("big.yaml", ScenarioTestFiles.Base + new string('#', 17 << 20) + "\n");
        var e = LoadFails(path);
        Assert.Equal(("(file)", 1, 1), (e.KeyPath, e.Line, e.Column));
        Assert.StartsWith("the file is larger than 16 MiB", e.Message);
    }

    [Fact]
    public void Folder_given_as_the_scenario_file_says_so()
    {
        using var f = new ScenarioTestFiles();
        Assert.Equal("this is a folder, not a scenario file", LoadFails(f.Dir).Message);
    }

    [Fact]
    public void Nesting_deeper_than_64_is_refused_and_never_overflows_the_stack()
    {
        using var f = new ScenarioTestFiles();
        var e = LoadFails(f.Write("deep.yaml", "name: x\nduration: " + new string('[', 1000) + new string(']', 1000) + "\n"));
        Assert.Equal("(syntax)", e.KeyPath);
        Assert.Contains("nested more than 64 deep", e.Message);
        Assert.Equal(2, e.Line);

        // deep enough to overflow a recursive loader's stack (which would end the process)
        var deeper = LoadFails(f.Write("deeper.yaml", "a: " + new string('[', 100_000) + "\n"));
        Assert.Contains("nested more than 64 deep", deeper.Message);
    }

    /// <summary>Anchors of 10 aliases each, <paramref name="levels"/> deep: 10^levels leaves once expanded.</summary>
    private static string Laughs(int levels)
    {
        var sb = new StringBuilder("name: lol\nduration: 1 s\n");
        sb.Append("l0: &l0 [").Append(string.Join(", ", Enumerable.Repeat("lol", 10))).Append("]\n");
        for (int i = 1; i < levels; i++)
            sb.Append($"l{i}: &l{i} [").Append(string.Join(", ", Enumerable.Repeat($"*l{i - 1}", 10))).Append("]\n");
        return sb.ToString();
    }

    [Fact]
    public void Alias_expansion_past_a_million_values_is_refused()
    {
        using var f = new ScenarioTestFiles();
        var e = LoadFails(f.Write("laughs.yaml", Laughs(6))); // 1.1 million values
        Assert.Equal("(syntax)", e.KeyPath);
        Assert.Contains("expands to more than 1,000,000 values", e.Message);

        // the classic billion laughs: refused as quickly
        var started = DateTime.UtcNow;
        Assert.Contains("expands to more than", LoadFails(f.Write("billion.yaml", Laughs(9))).Message);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(20));
    }

    [Fact]
    public void Limits_apply_to_set_values_too()
    {
        using var f = new ScenarioTestFiles();
        var e = Assert.Single(f.Errors("base.yaml", ScenarioTestFiles.Base, "record.spikes=" + new string('[', 200)));
        Assert.Equal("--set", e.File);
        Assert.Contains("nested more than 64 deep", e.Message);
    }
}
