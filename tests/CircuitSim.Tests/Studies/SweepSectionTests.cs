using CircuitSim.Scenarios;
using CircuitSim.Studies;
using CircuitSim.Tests.Scenarios;

namespace CircuitSim.Tests.Studies;

/// <summary>The sweep: section is read with file, line and key in every error, and refused where it cannot act.</summary>
public class SweepSectionTests
{
    private static readonly int BaseLines = ScenarioTestFiles.Base.Split('\n').Length - 1;

    private static IReadOnlyList<ScenarioError> Errors(string sweep)
    {
        using var f = new ScenarioTestFiles();
        return f.Errors("x.yaml", ScenarioTestFiles.Base + sweep);
    }

    [Fact]
    public void A_grid_is_read_with_lists_ranges_and_replicates()
    {
        using var f = new ScenarioTestFiles();
        var loaded = ScenarioLoader.LoadWithOrigins(f.Write("x.yaml", ScenarioTestFiles.Base + """
            sweep:
              parameters:
                stimuli.train.frequency: [0.5 Hz, 1 Hz]
                projections.C_WDR.receptors.NMDA: { from: 0 nS, to: 0.3 nS, steps: 4 }
                populations.WDR.count: { from: 2, to: 200, steps: 3, scale: log, integer: true }
              replicates: 3
            """));
        var s = Assert.IsType<SweepSpec>(loaded.Sweep);
        Assert.Equal(SweepMode.Grid, s.Mode);
        Assert.Equal(3, s.Replicates);
        Assert.Equal(["0.5 Hz", "1 Hz"], s.Parameters[0].GridValues());
        Assert.Equal(["0 nS", "0.1 nS", "0.2 nS", "0.3 nS"], s.Parameters[1].GridValues());
        Assert.Equal(["2", "20", "200"], s.Parameters[2].GridValues());
        Assert.Equal(10, loaded.Spec.Populations.Single(p => p.Name == "WDR").Count); // the spec keeps the base values
    }

    [Theory]
    [InlineData("sweep:\n  parameters: { duration: [1 s] }\n  mdoe: grid\n", "sweep.mdoe", "did you mean 'mode'", 3)]
    [InlineData("sweep:\n  parameters:\n    duration: { from: 1 s, to: 2 s }\n", "sweep.parameters.duration", "needs 'steps'", 3)]
    [InlineData("sweep:\n  mode: random\n  parameters: { duration: [1 s, 2 s] }\n", "sweep.samples", "needs 'samples'", 2)]
    [InlineData("sweep:\n  mode: montecarlo\n  parameters: { duration: [1 s] }\n", "sweep.mode", "grid, random or cohort", 2)]
    [InlineData("sweep:\n  parameters:\n    duration: { from: 1 s, to: 2000 ms, steps: 2 }\n", "sweep.parameters.duration", "same unit", 3)]
    [InlineData("sweep:\n  parameters:\n    duration: { from: 1 s, to: 2 s, steps: 0 }\n", "sweep.parameters.duration.steps", "at least 1", 3)]
    [InlineData("sweep:\n  replicates: 2\n  parameters:\n    duration: []\n", "sweep.parameters.duration", "empty", 4)]
    [InlineData("sweep:\n  parameters: { duration: [1 s] }\n  samples: 10\n", "sweep.samples", "mode: random", 3)]
    public void A_bad_sweep_is_refused_with_its_line_and_key(string sweep, string key, string why, int line)
    {
        var e = Assert.Single(Errors(sweep));
        Assert.Equal(key, e.KeyPath);
        Assert.Contains(why, e.Message);
        Assert.Equal(BaseLines + line, e.Line); // line within the sweep section
    }

    [Fact]
    public void A_value_the_model_refuses_stops_the_study_before_it_starts_naming_the_sweep_line()
    {
        using var f = new StudyFiles();
        var file = f.Scenario(sweep: "sweep:\n  parameters:\n    populations.WDR.count: [5, -3]\n");
        var e = Assert.Throws<StudyException>(() => Study.Prepare(file, [], f.Out("s")));
        int sweepLine = File.ReadAllLines(file).ToList().IndexOf("    populations.WDR.count: [5, -3]") + 1;
        Assert.Contains($"study.yaml:{sweepLine}", e.Message);
        Assert.Contains("populations.WDR.count", e.Message);
        Assert.Contains("'-3'", e.Message);
        Assert.False(Directory.Exists(f.Out("s")));
    }

    [Fact]
    public void A_misspelt_path_in_a_sweep_is_refused_with_a_suggestion()
    {
        using var f = new StudyFiles();
        var file = f.Scenario(sweep: "sweep:\n  parameters:\n    projections.C_WRD.receptors.NMDA: [0 nS, 1 nS]\n");
        var e = Assert.Throws<StudyException>(() => Study.Prepare(file, [], f.Out("s")));
        Assert.Contains("did you mean 'C_WDR'", e.Message);
    }
}
