using System.Globalization;
using CircuitSim.Output;
using CircuitSim.Tests.Output;
using SkiaSharp;

namespace CircuitSim.Tests.Studies;

/// <summary>The neuropathic cohort end to end on a few patients: table, stratification, figures with the clusters' colours.</summary>
public class CohortStudyTests
{
    [Fact]
    public void A_small_neuropathic_cohort_is_stratified_and_its_changes_follow_from_the_results_table()
    {
        using var f = new StudyFiles();
        string file = Path.Combine(StudyFiles.RepoRoot(), "scenarios", "cohorts", "neuropathic-cohort.yaml");
        var (code, stdout, err) = StudyFiles.RunCli(null, "sweep", file, "--out", f.Out("c"), "--jobs", "2",
            "--set", "sweep.cohort.size=5", "--set", "sweep.stratify.clusters=2", "--set", "sweep.arms.ketamine=null", "--set", "sweep.arms.pregabalin=null");
        Assert.True(code == 0, err);
        Assert.Contains("# Stratification: 5 patients, 2 clusters", stdout);

        // the design: 5 patients x 2 arms, z-scores and changed parameters in the table
        var check = ExternalTool.RunPython("""
            import sys, json, pandas as pd
            r = pd.read_csv(sys.argv[1] + "/results.csv")
            p = pd.read_csv(sys.argv[1] + "/patients.csv")
            c = pd.read_csv(sys.argv[1] + "/clusters.csv")
            base = r[r.arm == "base"].set_index("patient")["response.noxious_pn.rate_hz"]
            mor = r[r.arm == "morphine"].set_index("patient")["response.noxious_pn.rate_hz"]
            want = ((mor - base) / base).reindex(p.patient).tolist()
            # ECl of PN from the two genes that act on it: -60 mV - 4 mV z(SLC12A5) + 2 mV z(BDNF)
            ecl = (-60 - 4 * r["z.SLC12A5"] + 2 * r["z.BDNF"] - r["populations.PN.params.ECl"]).abs().max()
            print(json.dumps({"rows": len(r), "arms": sorted(set(r.arm)), "patients": p.patient.tolist(),
                "clusters": sorted(set(p.cluster)), "change": p["change.morphine"].tolist(), "want": want,
                "ecl_error": float(ecl), "sizes": c.patients.tolist()}))
            """, f.Out("c"));
        using var doc = System.Text.Json.JsonDocument.Parse(check);
        var j = doc.RootElement;
        Assert.Equal(10, j.GetProperty("rows").GetInt32());
        Assert.Equal(["base", "morphine"], j.GetProperty("arms").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["P0001", "P0002", "P0003", "P0004", "P0005"], j.GetProperty("patients").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal([1, 2], j.GetProperty("clusters").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(5, j.GetProperty("sizes").EnumerateArray().Sum(e => e.GetInt32()));
        Assert.True(j.GetProperty("ecl_error").GetDouble() < 1e-6);
        var change = j.GetProperty("change").EnumerateArray().Select(e => e.GetDouble()).ToList();
        var want = j.GetProperty("want").EnumerateArray().Select(e => e.GetDouble()).ToList();
        for (int i = 0; i < 5; i++) Assert.Equal(want[i], change[i], 9);
        Assert.All(change, c => Assert.True(c < 0, "morphine lowers the projection neurons' noxious output"));

        // both clusters' colours appear among the patients' markers
        using var bmp = SKBitmap.Decode(Path.Combine(f.Out("c"), "cohort-phenotypes.png"));
        foreach (int cluster in new[] { 0, 1 })
        {
            var c = FigureWriter.LineColor(cluster);
            int n = 0;
            for (int y = 0; y < bmp.Height; y++)
                for (int x = 0; x < bmp.Width * 82 / 100; x++) // left of the legend, which sits outside the data on the right
                {
                    var p = bmp.GetPixel(x, y);
                    if (Math.Abs(p.Red - c.R) < 8 && Math.Abs(p.Green - c.G) < 8 && Math.Abs(p.Blue - c.B) < 8) n++;
                }
            Assert.True(n > 5, $"cluster {cluster + 1}'s colour: {n} pixels");
        }
        Assert.True(File.Exists(Path.Combine(f.Out("c"), "cohort-interventions.png")));
    }

    [Fact]
    public void A_heat_map_is_brighter_where_the_metric_is_larger()
    {
        using var f = new StudyFiles();
        var file = f.Scenario(sweep: """
            sweep:
              parameters:
                stimuli.train.frequency: [0.5 Hz, 2 Hz]
                projections.C_WDR.receptors.AMPA: [2 nS, 6 nS]
              figures:
                map: { type: heatmap, metric: populations.WDR.spike_count, x: stimuli.train.frequency, y: projections.C_WDR.receptors.AMPA }
            """);
        var (code, _, err) = StudyFiles.RunCli(null, "sweep", file, "--out", f.Out("h"), "--quiet");
        Assert.True(code == 0, err);
        var rows = File.ReadAllLines(Path.Combine(f.Out("h"), "results.csv"));
        var header = rows[0].Split(',').ToList();
        double Count(int row) => double.Parse(rows[row].Split(',')[header.IndexOf("populations.WDR.spike_count")], CultureInfo.InvariantCulture);
        Assert.True(Count(4) > Count(1)); // 2 Hz and 6 nS against 0.5 Hz and 2 nS

        using var bmp = SKBitmap.Decode(Path.Combine(f.Out("h"), "figures", "map.png"));
        // the data area spans roughly x 7-88 %, y 7-93 % of the 900 x 640 image; sample each cell near its corner, away from the number
        float Lum(double fx, double fy) { var p = bmp.GetPixel((int)(fx * bmp.Width), (int)(fy * bmp.Height)); return 0.2126f * p.Red + 0.7152f * p.Green + 0.0722f * p.Blue; }
        float lowLow = Lum(0.12, 0.85), highHigh = Lum(0.72, 0.15);
        Assert.True(highHigh > lowLow + 40, $"luminance {lowLow} (0.5 Hz, 2 nS) vs {highHigh} (2 Hz, 6 nS)");
    }
}
