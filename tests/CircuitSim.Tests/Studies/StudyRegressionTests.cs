using CircuitSim.Scenarios;
using CircuitSim.Studies;
using CircuitSim.Studies.Cluster;
using CircuitSim.Studies.Cohorts;
using CircuitSim.Studies.Design;
using CircuitSim.Studies.Results;
using CircuitSim.Tests.Scenarios;

namespace CircuitSim.Tests.Studies;

/// <summary>Regressions found in review of the study machinery, each named after what broke.</summary>
public class StudyRegressionTests
{
    [Fact]
    public void K_means_with_fewer_distinct_patients_than_clusters_numbers_only_the_clusters_it_fills()
    {
        // regression: an empty cluster got a number and the stratification crashed averaging it
        double[][] pts = [[0, 0], [0, 0], [0, 0], [1, 1]];
        var (labels, centroids) = KMeans.Fit(pts, 3);
        Assert.Equal([0, 1], labels.Distinct().Order());
        Assert.Equal(2, centroids.Length);
        Assert.Equal([0, 0, 0, 1], labels);
    }

    [Fact]
    public void Seed_is_refused_as_a_swept_parameter_and_in_an_arm()
    {
        // regression: a swept seed was overridden by the replicate's seed and gave two 'seed' columns
        using var f = new ScenarioTestFiles();
        var e1 = Assert.Single(f.Errors("x.yaml", ScenarioTestFiles.Base + "sweep:\n  parameters: { seed: [1, 2] }\n"));
        Assert.Equal("sweep.parameters.seed", e1.KeyPath);
        Assert.Contains("replicates", e1.Message);
        var e2 = Assert.Single(f.Errors("x.yaml", ScenarioTestFiles.Base + "sweep:\n  arms: { a: { seed: 3 } }\n"));
        Assert.Equal("sweep.arms.a.seed", e2.KeyPath);
    }

    [Fact]
    public void A_profile_effect_whose_min_is_above_its_max_is_refused()
    {
        // regression: Math.Clamp threw an ArgumentException with a stack trace
        using var f = new ScenarioTestFiles();
        var errors = f.Errors("x.yaml", ScenarioTestFiles.Base + """
            sweep:
              mode: cohort
              cohort: { size: 3 }
              profiles:
                G: { source: s, effects: { populations.WDR.count: { fold: 1.5, min: 10, max: 1 } } }
            """);
        Assert.Contains(errors, e => e.KeyPath == "sweep.profiles.G.effects.populations.WDR.count" && e.Message.Contains("min (10) is above max (1)"));
        var p = new Patient("P", new Dictionary<string, double> { ["A"] = 1, ["B"] = 1 });
        GeneProfile G(string gene, double? lo, double? hi) => new(gene, "s", [new ProfileEffect("x", 1.1, 0, "", lo, hi, "f:1")], "f");
        Assert.Contains("do not overlap", Assert.Throws<StudyException>(() => ProfileValues.For(p, [G("A", 5, null), G("B", null, 2)], _ => "3")).Message);
    }

    [Fact]
    public void A_second_process_on_the_same_journal_is_refused_while_the_first_holds_it()
    {
        // regression: two processes on one shard overwrote each other's lines
        var dir = Directory.CreateTempSubdirectory("circuitsim-journal-").FullName;
        try
        {
            string path = Path.Combine(dir, "study.jsonl");
            using (var first = RunJournal.Open(path))
            {
                var e = Assert.Throws<StudyException>(() => RunJournal.Open(path));
                Assert.Contains("another circuitsim is writing", e.Message);
                first.Append(new RunRecord(0, "k0", RunStatus.Ok, null, [new("m", 1.5)], 0.1, "v"));
            }
            File.AppendAllText(path, "{\"index\": 1, \"key\": \"k1\", \"sta"); // a line torn by a kill
            using (var again = RunJournal.Open(path))
                again.Append(new RunRecord(2, "k2", RunStatus.Ok, null, [new("m", 2.5)], 0.1, "v"));
            Assert.Equal([0, 2], RunJournal.ReadAll(dir).Select(r => r.Index));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public void Quoted_sweep_values_are_numbers_in_the_table_and_patient_ids_stay_text()
    {
        // regression: '0.5 nS' became a text column with quotes; patient 007 became 7
        Assert.Equal((0.5, "nS"), ResultTable.Quantity("'0.5 nS'"));
        var runs = new[] { "007", "010" }.Select((id, i) => new PlannedRun(i, i, "base", 0, 1, [new("projections.X.receptors.AMPA", i == 0 ? "'0.5 nS'" : "'1 nS'")], [])
            { Covariates = [new("patient", id)] }).ToList();
        var table = ResultTable.Build(runs, runs.Select(r => new RunRecord(r.Index, r.Key, RunStatus.Ok, null, [], 0, "v")));
        var ampa = Assert.IsType<NumberColumn>(table.Columns.Single(c => c.Name == "projections.X.receptors.AMPA"));
        Assert.Equal([0.5, 1.0], ampa.Values);
        Assert.Equal("nS", ampa.Unit);
        Assert.Equal(new string?[] { "007", "010" }, Assert.IsType<TextColumn>(table.Columns.Single(c => c.Name == "patient")).Values);
    }

    [Fact]
    public void Integer_ranges_give_each_whole_number_an_equal_share_and_a_grid_runs_each_value_once()
    {
        // regression: rounding gave the ends half the probability, and a grid ran rounded duplicates twice
        var p = new SweepParameter { Path = "populations.WDR.count", Where = "t", From = 1, To = 3, Integer = true, Steps = 5 };
        var counts = Enumerable.Range(0, 300).Select(i => p.Sample((i + 0.5) / 300)).GroupBy(v => v).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(new Dictionary<string, int> { ["1"] = 100, ["2"] = 100, ["3"] = 100 }, counts);
        Assert.Equal(["1", "2", "3"], p.GridValues());
    }

    [Fact]
    public void Slurm_shards_keep_the_options_given_to_sweep_and_quote_their_log_paths()
    {
        // regression: --keep-runs and --backend were dropped from the shards' command line
        var dir = Directory.CreateTempSubdirectory("circuitsim slurm ").FullName;
        try
        {
            SlurmJob.Write(dir, "s", ["/usr/bin/dotnet", "/x/circuitsim.dll"], "/x/s.yaml", ["duration=1s"], new SlurmSettings(4, 2, null, null),
                ["--keep-runs", "--backend", "reference"]);
            var array = File.ReadAllText(Path.Combine(dir, "slurm", "array.sbatch"));
            Assert.Contains("--set duration=1s --keep-runs --backend reference", array);
            Assert.Contains($"#SBATCH --output=\"{dir}/slurm/shard-%a.log\"", array);
            Assert.Contains("--array=0-3", array);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public void A_folder_with_a_journal_but_no_study_json_is_not_resumed()
    {
        // regression: deleting study.json alone let old runs pass as finished runs of a changed scenario
        using var f = new StudyFiles();
        var file = f.Scenario();
        Directory.CreateDirectory(Path.Combine(f.Out("s"), "journal"));
        File.WriteAllText(Path.Combine(f.Out("s"), "journal", "study.jsonl"), "");
        var e = Assert.Throws<StudyException>(() => Study.Prepare(file, [], f.Out("s")));
        Assert.Contains("no study.json", e.Message);
    }

    [Fact]
    public async Task A_scenario_edited_while_the_study_runs_stops_it_and_keeps_the_finished_runs()
    {
        // regression: each run reads the file again, so an edit mid-study mixed two scenarios under one hash
        if (OperatingSystem.IsWindows()) return;
        using var f = new StudyFiles();
        var file = f.Scenario(duration: "40 s") /* runs long enough (~1 s each) to be stopped mid-study */;
        string original = File.ReadAllText(file);
        string journal = Path.Combine(f.Out("s"), "journal", "study.jsonl");
        using (var p = StudyFiles.Start(null, "sweep", file, "--out", f.Out("s"), "--jobs", "1", "--quiet"))
        {
            var err = p.StandardError.ReadToEndAsync();
            var until = DateTime.UtcNow.AddMinutes(3);
            while (!(File.Exists(journal) && File.ReadAllLines(journal).Length >= 1))
            {
                Assert.False(p.HasExited, "the study ended before the edit");
                Assert.True(DateTime.UtcNow < until);
                await Task.Delay(20);
            }
            File.WriteAllText(file, original.Replace("AMPA: 4 nS", "AMPA: 5 nS"));
            Assert.True(p.WaitForExit(120_000));
            Assert.Equal(1, p.ExitCode);
            Assert.Contains("changed while the study ran", await err);
        }
        int kept = File.ReadAllLines(journal).Length;
        Assert.InRange(kept, 1, 11);
        File.WriteAllText(file, original);
        var (code, _, err2) = StudyFiles.RunCli(null, "sweep", file, "--out", f.Out("s"), "--quiet");
        Assert.True(code == 0, err2);
        Assert.Equal(13, File.ReadAllLines(Path.Combine(f.Out("s"), "results.csv")).Length);
    }
}

/// <summary>A validation run the model cannot run is a failed seed, not a crash of the sensitivity analysis.</summary>
public class ValidationJobRegressionTests
{
    [Fact]
    public void A_failed_seed_counts_as_failing_and_a_target_whose_seeds_all_failed_says_so()
    {
        // regression: a blow-up under a perturbation aborted the analysis and was never journaled, so every rerun crashed again
        var t = CircuitSim.Validation.Targets.Find("V3");
        var failed = new RunRecord(0, "k", RunStatus.Failed, "numerical blow-up: PN.v", [], 0.1, "v");
        var r = t.FromRecord(11, failed);
        Assert.False(r.Passed);
        Assert.Contains("the run failed: numerical blow-up", r.Failures[0]);
        var s = t.Summarize([r, t.FromRecord(12, failed with { Index = 1 })]);
        Assert.False(s.Passed);
        Assert.Equal(["every seed's run failed"], s.MedianFailures);
    }
}
