using CircuitSim.Scenarios;
using CircuitSim.Studies;
using CircuitSim.Studies.Cohorts;
using CircuitSim.Studies.Design;
using CircuitSim.Tests.Scenarios;

namespace CircuitSim.Tests.Studies;

/// <summary>Virtual patients: expression to parameters, sampled and tabled cohorts, and the clustering that stratifies them.</summary>
public class CohortTests
{
    private static readonly GeneProfile Kcc2 = new("SLC12A5", "test", [new ProfileEffect("populations.PN.params.ECl", 1, -4, "mV", null, -50, "t:1")], "t");
    private static readonly GeneProfile Nav = new("SCN9A", "test",
        [new ProfileEffect("populations.C.ectopic_rate", 1.5, 0, "", null, null, "t:2"), new ProfileEffect("populations.PN.params.ECl", 1, 1, "mV", null, null, "t:3")], "t");

    private static string? Scenario(string path) => path switch
    {
        "populations.PN.params.ECl" => "-60 mV",
        "populations.C.ectopic_rate" => "2 Hz",
        _ => null,
    };

    [Fact]
    public void Expression_changes_a_value_by_fold_and_shift_per_sd_within_its_limits()
    {
        var p = new Patient("P1", new Dictionary<string, double> { ["SLC12A5"] = -1.5, ["SCN9A"] = 2 });
        var v = ProfileValues.For(p, [Kcc2, Nav], Scenario).ToDictionary(kv => kv.Key, kv => kv.Value);
        Assert.Equal("4.5 Hz", v["populations.C.ectopic_rate"]);          // 2 Hz · 1.5²
        Assert.Equal("-52 mV", v["populations.PN.params.ECl"]);           // -60 − 4·(−1.5) + 1·2
        var low = new Patient("P2", new Dictionary<string, double> { ["SLC12A5"] = -4, ["SCN9A"] = 0 });
        Assert.Equal("-50 mV", ProfileValues.For(low, [Kcc2, Nav], Scenario).Single(kv => kv.Key == "populations.PN.params.ECl").Value); // max -50 mV
    }

    [Fact]
    public void A_profile_on_a_value_the_scenario_does_not_have_or_in_another_unit_is_refused_with_its_line()
    {
        var p = new Patient("P1", new Dictionary<string, double> { ["X"] = 1 });
        var missing = new GeneProfile("X", "s", [new ProfileEffect("populations.PN.params.VT", 1.1, 0, "", null, null, "f.yaml:40:9")], "f");
        Assert.Contains("f.yaml:40:9", Assert.Throws<StudyException>(() => ProfileValues.For(p, [missing], Scenario)).Message);
        var unit = new GeneProfile("X", "s", [new ProfileEffect("populations.PN.params.ECl", 1, 0.004, "V", null, null, "f.yaml:41:9")], "f");
        var e = Assert.Throws<StudyException>(() => ProfileValues.For(p, [unit], Scenario));
        Assert.Contains("same unit", e.Message);
    }

    [Fact]
    public void A_sampled_cohort_follows_its_distributions_and_its_seed()
    {
        var cohort = new CohortSpec { Size = 2000, Seed = 9, Expression = [new GeneDistribution("SCN9A", 0.5, 2)] };
        var a = Patients.Of(cohort, [Kcc2, Nav], 1);
        Assert.Equal(2000, a.Count);
        var nav = a.Select(p => p.Z["SCN9A"]).ToList();
        var kcc = a.Select(p => p.Z["SLC12A5"]).ToList();
        Assert.InRange(nav.Average(), 0.35, 0.65);
        Assert.InRange(Math.Sqrt(nav.Sum(x => (x - nav.Average()) * (x - nav.Average())) / 1999), 1.85, 2.15);
        Assert.InRange(kcc.Average(), -0.08, 0.08); // the default N(0, 1)
        Assert.Equal(nav, Patients.Of(cohort, [Kcc2, Nav], 1).Select(p => p.Z["SCN9A"]));
        Assert.NotEqual(nav, Patients.Of(new CohortSpec { Size = 2000, Seed = 10, Expression = cohort.Expression }, [Kcc2, Nav], 1).Select(p => p.Z["SCN9A"]));
    }

    [Fact]
    public void A_cohort_table_is_read_and_its_mistakes_are_named_by_line()
    {
        using var f = new StudyFiles();
        string table = Path.Combine(f.Dir, "z.csv");
        File.WriteAllText(table, "patient,SCN9A\nA,1.5\nB,-0.25\n");
        var ps = Patients.Of(new CohortSpec { Table = table }, [Kcc2, Nav], 1);
        Assert.Equal(["A", "B"], ps.Select(p => p.Id));
        Assert.Equal(-0.25, ps[1].Z["SCN9A"]);
        Assert.Equal(0, ps[1].Z["SLC12A5"]); // a gene without a column: z = 0
        File.WriteAllText(table, "patient,SCN9A\nA,1.5\nB,high\n");
        Assert.Contains("z.csv:3: SCN9A: expected a z-score, found 'high'", Assert.Throws<StudyException>(() => Patients.Of(new CohortSpec { Table = table }, [Nav], 1)).Message);
        File.WriteAllText(table, "patient,SCN9A,TNF\nA,1.5,0\n");
        Assert.Contains("column 'TNF' is not a gene of sweep.profiles", Assert.Throws<StudyException>(() => Patients.Of(new CohortSpec { Table = table }, [Nav], 1)).Message);
    }

    [Fact]
    public void K_means_recovers_three_planted_groups_and_numbers_them_by_their_first_coordinate()
    {
        var pts = new List<double[]>();
        for (int i = 0; i < 30; i++)
        {
            double j = (i % 10) * 0.01;
            pts.Add([5 + j, 0 - j]);
            pts.Add([0 + j, 5 + j]);
            pts.Add([-5 - j, 0 + j]);
        }
        var (labels, centroids) = KMeans.Fit(pts.ToArray(), 3);
        for (int i = 0; i < pts.Count; i++)
        {
            int expected = pts[i][0] > 2 ? 2 : pts[i][0] < -2 ? 0 : 1;
            Assert.Equal(expected, labels[i]);
        }
        Assert.True(centroids[0][0] < centroids[1][0] && centroids[1][0] < centroids[2][0]);
    }

    [Fact]
    public void The_cohort_section_is_checked_with_lines_and_keys()
    {
        using var f = new ScenarioTestFiles();
        var errors = f.Errors("x.yaml", ScenarioTestFiles.Base + """
            sweep:
              mode: cohort
              cohort: { size: 10, expression: { TNF: { mean: 0, sd: 1 } } }
              profiles:
                SCN9A:
                  effects:
                    populations.C.ectopic_rate: { fold: -1 }
              stratify: { phenotypes: [a], outcome: b, base_arm: none }
              arms: { base: {}, drug: { duration: 1 s } }
            """);
        Assert.Contains(errors, e => e.KeyPath == "sweep.profiles.SCN9A.source");
        Assert.Contains(errors, e => e.KeyPath == "sweep.profiles.SCN9A.effects.populations.C.ectopic_rate.fold" && e.Message.Contains("above 0"));
        Assert.Contains(errors, e => e.KeyPath == "sweep.cohort.expression.TNF" && e.Message.Contains("no profile"));
        Assert.Contains(errors, e => e.KeyPath == "sweep.stratify.base_arm" && e.Message.Contains("no arm 'none'"));
    }
}
