using CircuitSim.Engine;
using CircuitSim.Scenarios;

namespace CircuitSim.Tests.Validation;

/// <summary>Every ready scenario loads without warnings and runs; the nerve-injury scenario shows what it says.</summary>
public class ScenarioSuiteTests
{
    public static TheoryData<string> Files()
    {
        var dir = Path.GetDirectoryName(ScenarioRuns.Path("x"))!;
        var d = new TheoryData<string>();
        // library/ holds the receptor and drug libraries, merged under every scenario, not scenarios themselves
        foreach (var f in Directory.GetFiles(dir, "*.yaml", SearchOption.AllDirectories).OrderBy(f => f))
            if (!Path.GetRelativePath(dir, f).StartsWith("library", StringComparison.Ordinal)) d.Add(Path.GetRelativePath(dir, f));
        return d;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_ready_scenario_loads_cleanly_describes_itself_and_runs(string file)
    {
        var spec = ScenarioLoader.Load(ScenarioRuns.Path(file));
        Assert.Empty(spec.Warnings);
        Assert.True(spec.Description.Length > 100, $"{file} must say what it shows");
        // the first second (or less) of it, to show that it builds and steps
        var shortRun = ScenarioLoader.Load(ScenarioRuns.Path(file), new[] { $"duration={Math.Min(spec.DurationMs, 1000)}ms", "record.figures=false" });
        var r = Runner.Run(shortRun, new RunOptions());
        Assert.Equal((long)Math.Round(shortRun.DurationMs / shortRun.DtMs), r.Steps);
    }

    [Fact]
    public void Nerve_injury_makes_a_fraction_of_fibres_fire_and_drives_projection_and_wdr_neurons()
    {
        var r = ScenarioRuns.Run("nerve-injury.yaml", "record.figures=false");
        double Rate(string pop, double from, double to) => r.PerNeuron(pop, from, to) / ((to - from) / 1000);
        var c = r.Spikes("C_pep");
        int firing = c.NodeIds.Where((_, k) => c.TimesMs[k] >= 5000).Distinct().Count();
        // 35 % of 80 fibres at 1.8 Hz over 10 s: ~28 fibres fire (each ~18 times); the rest stay silent
        Assert.InRange(firing, 18, 40);
        Assert.Equal(0, r.PerNeuron("Adelta", 0, 5000));
        Assert.True(Rate("PN", 6000, 15_000) > 5 * Rate("PN", 0, 5000) + 0.3,
            $"PN {Rate("PN", 0, 5000):F2} → {Rate("PN", 6000, 15_000):F2} Hz");
        Assert.True(Rate("WDR", 6000, 15_000) > 2 * Rate("WDR", 0, 5000) + 1,
            $"WDR {Rate("WDR", 0, 5000):F2} → {Rate("WDR", 6000, 15_000):F2} Hz");
    }
}
