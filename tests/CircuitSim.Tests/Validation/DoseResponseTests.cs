using CircuitSim.Validation;

namespace CircuitSim.Tests.Validation;

[Trait("Category", "Slow")]
public class DoseResponseTests
{
    [Fact]
    public void Morphine_dose_response_falls_with_dose_and_is_written_as_csv_and_png()
    {
        string prefix = Path.Combine(Path.GetTempPath(), "circuitsim-dr-" + Guid.NewGuid().ToString("N"));
        try
        {
            var o = Options.Parse(new[]
            {
                "--scenario", ScenarioRuns.Path("drugs/morphine.yaml"), "--intervention", "morphine",
                "--doses", "0.0003 uM,0.03 uM", "--seeds", "21", "--out", prefix,
            });
            Assert.Equal(0, DoseResponse.Run(o));
            var rows = File.ReadAllLines(prefix + ".csv").Skip(1).Select(l => l.Split(',')).ToList();
            Assert.Equal(3, rows.Count);
            double none = double.Parse(rows[0][4]), low = double.Parse(rows[1][4]), high = double.Parse(rows[2][4]);
            Assert.True(high < low && low < none, $"no drug {none:F1} %, 0.3 nM {low:F1} %, 30 nM {high:F1} %");
            Assert.True(new FileInfo(prefix + ".png").Length > 10_000);
        }
        finally
        {
            foreach (var f in new[] { prefix + ".csv", prefix + ".png" }) if (File.Exists(f)) File.Delete(f);
        }
    }

    [Fact]
    public void Compare_windup_draws_two_scenarios_in_one_figure()
    {
        string png = Path.Combine(Path.GetTempPath(), "circuitsim-cw-" + Guid.NewGuid().ToString("N") + ".png");
        try
        {
            var o = Options.Parse(new[]
            {
                "--scenario", ScenarioRuns.Path("temporal-summation.yaml"), "--scenario", ScenarioRuns.Path("fibromyalgia.yaml"),
                "--seeds", "21", "--set", "stimuli.train.count=3", "--set", "duration=12s", "--out", png,
            });
            Assert.Equal(0, CompareWindup.Run(o, o.Scenarios, "windup"));
            Assert.True(new FileInfo(png).Length > 10_000);
            Assert.Throws<ArgumentException>(() => CompareWindup.Run(Options.Parse(new[] { "--scenario", "x.yaml", "--out", png }), new[] { "x.yaml" }, "windup"));
        }
        finally { if (File.Exists(png)) File.Delete(png); }
    }
}
