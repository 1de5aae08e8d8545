using System.Text.Json;
using CircuitSim.Studies;
using CircuitSim.Tests.Output;

namespace CircuitSim.Tests.Studies;

/// <summary>`circuitsim sweep` and `merge` end to end through the real CLI: tables, shards, resume after SIGKILL, readers.</summary>
public class StudyRunTests
{
    [Fact]
    public void A_study_writes_one_row_per_run_that_pandas_and_an_independent_parquet_reader_read_alike()
    {
        using var f = new StudyFiles();
        var file = f.Scenario();
        var (code, _, err) = StudyFiles.RunCli(null, "sweep", file, "--out", f.Out("a"), "--jobs", "2", "--quiet");
        Assert.True(code == 0, err);

        string csv = Path.Combine(f.Out("a"), "results.csv"), parquet = Path.Combine(f.Out("a"), "results.parquet");
        var pandas = ExternalTool.RunPython("""
            import sys, json, pandas as pd
            df = pd.read_csv(sys.argv[1])
            print(json.dumps({"rows": len(df), "runs": df["run"].tolist(),
                "freq": df["stimuli.train.frequency"].tolist(), "nmda": df["projections.C_WDR.receptors.NMDA"].tolist(),
                "seeds": sorted(set(df["seed"].tolist())), "status": sorted(set(df["status"])),
                "windup": df["windup.windup.windup_index"].tolist(), "wdr": df["populations.WDR.spike_count"].tolist()}))
            """, csv);
        using var p = JsonDocument.Parse(pandas);
        var r = p.RootElement;
        Assert.Equal(12, r.GetProperty("rows").GetInt32());
        Assert.Equal(Enumerable.Range(0, 12), r.GetProperty("runs").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal([0.5, 0.5, 0.5, 0.5, 1, 1, 1, 1, 2, 2, 2, 2], r.GetProperty("freq").EnumerateArray().Select(e => e.GetDouble()));
        Assert.Equal([0, 0, 0.6, 0.6], r.GetProperty("nmda").EnumerateArray().Take(4).Select(e => e.GetDouble()));
        Assert.Equal([1, 2], r.GetProperty("seeds").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(["ok"], r.GetProperty("status").EnumerateArray().Select(e => e.GetString()));
        var wdr = r.GetProperty("wdr").EnumerateArray().Select(e => e.GetDouble()).ToList();
        Assert.All(wdr, n => Assert.True(n > 0));
        // more NMDA conductance, no fewer WDR spikes at any frequency and seed, and more in all
        for (int i = 0; i < 12; i += 4)
            for (int rep = 0; rep < 2; rep++) Assert.True(wdr[i + 2 + rep] >= wdr[i + rep], $"row {i + rep}: {wdr[i + 2 + rep]} vs {wdr[i + rep]}");
        Assert.True(wdr.Where((_, k) => k % 4 >= 2).Sum() > wdr.Where((_, k) => k % 4 < 2).Sum());
        // and more at 2 Hz than at 0.5 Hz (twice the pulses in the 2 s run)
        Assert.True(wdr.Skip(8).Sum() > wdr.Take(4).Sum());

        var (ncode, json, nerr) = ExternalTool.Run("node", Path.Combine(StudyFiles.RepoRoot(), "tests", "tools", "parquet", "read-parquet.mjs"), parquet);
        Assert.True(ncode == 0, nerr);
        using var pq = JsonDocument.Parse(json);
        var cols = pq.RootElement.GetProperty("columns").EnumerateArray().Select(c => c.GetString()!).ToList();
        var header = File.ReadLines(csv).First().Split(',');
        Assert.Equal(header, cols);
        var rows = pq.RootElement.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(12, rows.Count);
        int w = cols.IndexOf("populations.WDR.spike_count");
        Assert.Equal(wdr, rows.Select(row => row[w].GetDouble()));
        int fq = cols.IndexOf("stimuli.train.frequency");
        Assert.Equal(r.GetProperty("freq").EnumerateArray().Select(e => e.GetDouble()), rows.Select(row => row[fq].GetDouble()));
        var units = JsonDocument.Parse(pq.RootElement.GetProperty("metadata").GetProperty("circuitsim.units").GetString()!).RootElement;
        Assert.Equal("Hz", units.GetProperty("stimuli.train.frequency").GetString());
        Assert.Equal("nS", units.GetProperty("projections.C_WDR.receptors.NMDA").GetString());
    }

    [Fact]
    public void Merged_shards_equal_the_unsharded_study()
    {
        using var f = new StudyFiles();
        var file = f.Scenario();
        Assert.Equal(0, StudyFiles.RunCli(null, "sweep", file, "--out", f.Out("whole"), "--jobs", "2", "--quiet").Code);
        for (int i = 0; i < 3; i++)
        {
            var (code, _, err) = StudyFiles.RunCli(null, "sweep", file, "--out", f.Out("sharded"), "--shard", $"{i}/3", "--jobs", "1", "--quiet");
            Assert.True(code == 0, err);
            Assert.False(File.Exists(Path.Combine(f.Out("sharded"), "results.csv"))); // shards write journals; merge writes the table
        }
        Assert.Equal(3, Directory.GetFiles(Path.Combine(f.Out("sharded"), "journal"), "shard-*.jsonl").Length);
        var (mcode, mout, merr) = StudyFiles.RunCli(null, "merge", f.Out("sharded"));
        Assert.True(mcode == 0, merr);
        Assert.Contains("12 runs merged", mout);
        Assert.Equal(StudyFiles.TableWithoutTimes(f.Out("whole")), StudyFiles.TableWithoutTimes(f.Out("sharded")));
    }

    [Fact]
    public void Merging_before_every_shard_has_run_says_which_runs_are_missing()
    {
        using var f = new StudyFiles();
        var file = f.Scenario();
        Assert.Equal(0, StudyFiles.RunCli(null, "sweep", file, "--out", f.Out("s"), "--shard", "1/4", "--quiet").Code);
        var (code, _, err) = StudyFiles.RunCli(null, "merge", f.Out("s"));
        Assert.Equal(1, code);
        Assert.Contains("9 runs have no result yet (runs 0, 2, 3, 4, 6, 7, 8, 10, 11)", err);
        Assert.Equal(3 + 1, File.ReadAllLines(Path.Combine(f.Out("s"), "results.csv")).Length);
    }

    [Fact]
    public void A_study_killed_mid_run_and_rerun_gives_the_uninterrupted_table_and_redoes_nothing_that_finished()
    {
        if (OperatingSystem.IsWindows()) return;
        using var f = new StudyFiles();
        var file = f.Scenario(duration: "40 s") /* runs long enough (~1 s each) to be stopped mid-study */;
        Assert.Equal(0, StudyFiles.RunCli(null, "sweep", file, "--out", f.Out("uninterrupted"), "--jobs", "2", "--quiet").Code);

        string journal = Path.Combine(f.Out("killed"), "journal", "study.jsonl");
        using (var p = StudyFiles.Start(null, "sweep", file, "--out", f.Out("killed"), "--jobs", "1", "--quiet"))
        {
            var until = DateTime.UtcNow.AddMinutes(3);
            while (!(File.Exists(journal) && File.ReadAllLines(journal).Length >= 3))
            {
                Assert.False(p.HasExited, "the study ended before it could be killed");
                Assert.True(DateTime.UtcNow < until, "no run finished within 3 minutes");
                Thread.Sleep(20);
            }
            p.Kill(); // SIGKILL: no handler runs, nothing is flushed but what already is
            p.WaitForExit();
        }
        var before = File.ReadAllLines(journal).Where(l => l.Length > 0).ToList();
        Assert.InRange(before.Count, 3, 11);

        var (code, _, err) = StudyFiles.RunCli(null, "sweep", file, "--out", f.Out("killed"), "--jobs", "2");
        Assert.True(code == 0, err);
        Assert.Contains($"resuming: {before.Count} of 12 runs already finished", err);
        var after = File.ReadAllLines(journal).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("index").GetInt32()).ToList();
        Assert.Equal(12, after.Count);
        Assert.Equal(12, after.Distinct().Count()); // nothing that finished ran twice
        Assert.Equal(StudyFiles.TableWithoutTimes(f.Out("uninterrupted")), StudyFiles.TableWithoutTimes(f.Out("killed")));
    }

    [Fact]
    public void A_changed_scenario_is_not_resumed_into_an_old_study_folder()
    {
        using var f = new StudyFiles();
        var file = f.Scenario();
        Assert.Equal(0, StudyFiles.RunCli(null, "sweep", file, "--out", f.Out("s"), "--shard", "0/4", "--quiet").Code);
        var (code, _, err) = StudyFiles.RunCli(null, "sweep", file, "--out", f.Out("s"), "--set", "populations.WDR.count=12", "--quiet");
        Assert.Equal(2, code);
        Assert.Contains("holds another study", err);
        var (code2, _, err2) = StudyFiles.RunCli(null, "sweep", file, "--out", f.Out("s"), "--quiet"); // the same command resumes
        Assert.True(code2 == 0, err2);
        Assert.Equal(13, File.ReadAllLines(Path.Combine(f.Out("s"), "results.csv")).Length);
    }

    [Fact]
    public void A_point_the_model_cannot_run_is_a_failed_row_not_a_crash()
    {
        using var f = new StudyFiles();
        // the arm 'runaway' gives an Izhikevich population a spike cut-off far away and a strong drive: its voltage diverges
        var file = f.Scenario(sweep: "sweep:\n  arms:\n    base:\n    runaway: { populations.X.params.Vpeak: 1000000000 mV, populations.X.params.I_bias: 5000 pA }\n");
        var (code, _, err) = StudyFiles.RunCli(null, "sweep", file, "--out", f.Out("s"), "--quiet",
            "--set", "populations.X={kind: neuron, model: izhikevich, count: 2}");
        var rows = File.ReadAllLines(Path.Combine(f.Out("s"), "results.csv"));
        Assert.True(code == 0, err);
        Assert.Equal(3, rows.Length);
        Assert.Contains(",ok,", rows[1]);
        Assert.Contains(",runaway,", rows[2]);
        Assert.Contains(",failed,", rows[2]);
        Assert.Contains("X", rows[2]);
    }
}
