using CircuitSim.Scenarios;
using CircuitSim.Studies.Design;
using CircuitSim.Studies.Results;

namespace CircuitSim.Studies;

/// <summary>
/// A study folder's life: <see cref="Prepare"/> plans the design from the scenario's <c>sweep:</c>,
/// checks every swept value, and writes (or, on a rerun, checks) study.json; the runner fills the
/// journal; <see cref="WriteTables"/> turns study.json and the journals into results.csv and
/// results.parquet, as <c>circuitsim merge</c> does for shards.
/// </summary>
public static class Study
{
    public const string CsvFile = "results.csv";
    public const string ParquetFile = "results.parquet";

    /// <summary>Loads the scenario and its sweep, plans the runs, checks values, and writes or checks study.json.</summary>
    public static StudyManifest Prepare(string scenarioFile, IReadOnlyList<string> sets, string outDir)
    {
        var loaded = ScenarioLoader.LoadWithOrigins(scenarioFile, sets);
        var sweep = loaded.Sweep ?? throw new StudyException(
            $"{scenarioFile}: no 'sweep:' section; `circuitsim sweep` needs one (parameters, mode, replicates: see scenarios/README.md)");
        var runs = StudyDesign.Plan(sweep, loaded.Spec.Seed, loaded.ValueAt);
        CheckValues(scenarioFile, sets, sweep, runs);
        var manifest = new StudyManifest
        {
            Scenario = loaded.Spec.Name, ScenarioFile = scenarioFile, Sets = sets.ToList(), Mode = sweep.Mode.ToString().ToLowerInvariant(),
            DesignHash = StudyManifest.Hash(loaded.Fingerprint(), sets, runs), ScenarioHash = StudyManifest.HashOf(loaded.Fingerprint()),
            CodeVersion = StudyManifest.CodeVersionOfThisBuild(), Runs = runs,
            Stratify = sweep.Stratify, Figures = sweep.Figures,
        };
        if (StudyManifest.Read(outDir) is { } existing)
        {
            if (existing.DesignHash != manifest.DesignHash)
                throw new StudyException(
                    $"{outDir} holds another study ('{existing.Scenario}' from {existing.ScenarioFile}, {existing.Runs.Count} runs): the scenario, its sweep or the --set " +
                    "overrides changed since it started, so its results would not belong in one table. Use another --out, or delete the folder to start again");
            // the same runs; how they are summarised (stratify:) may have changed, and is rewritten
            if (JsonSame(existing, manifest)) return existing;
        }
        string journals = Path.Combine(outDir, StudyManifest.JournalFolder);
        if (Directory.Exists(journals) && Directory.EnumerateFiles(journals, "*.jsonl").Any())
            throw new StudyException($"{outDir} has a journal of runs but no {StudyManifest.FileName}, so what they computed cannot be checked; delete the folder (or use another --out) to start again");
        Directory.CreateDirectory(outDir);
        manifest.Write(outDir);
        return manifest;
    }

    private static bool JsonSame(StudyManifest a, StudyManifest b) =>
        System.Text.Json.JsonSerializer.Serialize(a.Stratify) == System.Text.Json.JsonSerializer.Serialize(b.Stratify)
        && System.Text.Json.JsonSerializer.Serialize(a.Figures) == System.Text.Json.JsonSerializer.Serialize(b.Figures);

    /// <summary>
    /// Loads the scenario once with each value of each swept path (its smallest and largest when it
    /// takes more than 8 numeric values, as a range or a cohort does), and with each arm, so that a
    /// value the model refuses stops the study before it starts, with the line that wrote it.
    /// </summary>
    private static void CheckValues(string file, IReadOnlyList<string> sets, SweepSpec sweep, IReadOnlyList<PlannedRun> runs)
    {
        var problems = new List<string>();
        var paths = runs.SelectMany(r => r.Parameters.Select(p => p.Key)).Distinct().ToList();
        foreach (var path in paths)
        {
            var values = runs.Select(r => r.Parameters.FirstOrDefault(p => p.Key == path).Value).Where(v => v is not null).Distinct().ToList();
            if (values.Count > 8 && values.All(v => ResultTable.Quantity(v) is not null))
            {
                var ordered = values.OrderBy(v => ResultTable.Quantity(v)!.Value.Value).ToList();
                values = [ordered[0], ordered[^1]];
            }
            string where = sweep.Parameters.FirstOrDefault(p => p.Path == path)?.Where
                           ?? sweep.Profiles.SelectMany(g => g.Effects).FirstOrDefault(e => e.Path == path)?.Where ?? sweep.Where;
            string key = sweep.Mode == SweepMode.Cohort ? $"sweep.profiles (effect on {path})" : $"sweep.parameters.{path}";
            foreach (var v in values)
                if (Problem(file, sets, [$"{path}={v}"]) is { } why)
                    problems.Add($"{where}: {key}: the value '{v}' is refused: {why}");
        }
        foreach (var arm in sweep.Arms)
            if (Problem(file, sets, arm.Sets.Select(s => $"{s.Key}={s.Value}").ToList()) is { } why)
                problems.Add($"{sweep.Where}: sweep.arms.{arm.Name}: {why}");
        if (problems.Count > 0) throw new StudyException(string.Join('\n', problems));
    }

    private static string? Problem(string file, IReadOnlyList<string> sets, IReadOnlyList<string> extra)
    {
        try
        {
            ScenarioLoader.LoadWithOrigins(file, sets.Concat(extra).ToList());
            return null;
        }
        catch (ScenarioException e)
        {
            // the error points at the override ("--set:N:C: key: message"); the sweep line is given instead
            return string.Join("; ", e.Message.Split('\n').Select(l => l.StartsWith("--set:", StringComparison.Ordinal) ? l[(l.IndexOf(' ') + 1)..] : l));
        }
    }

    /// <summary>results.csv and results.parquet from study.json and every journal in the folder(s); returns the table.</summary>
    public static ResultTable WriteTables(StudyManifest manifest, string outDir, IEnumerable<string>? moreFolders = null)
    {
        var records = RunJournal.ReadAll(Path.Combine(outDir, StudyManifest.JournalFolder));
        foreach (var f in moreFolders ?? []) records.AddRange(RunJournal.ReadAll(Path.Combine(f, StudyManifest.JournalFolder)));
        var table = ResultTable.Build(manifest.Runs, records);
        CsvTableWriter.Write(Path.Combine(outDir, CsvFile), table);
        ParquetTableWriter.Write(Path.Combine(outDir, ParquetFile), table, new Dictionary<string, string>
        {
            ["circuitsim.scenario"] = manifest.Scenario, ["circuitsim.scenario_file"] = manifest.ScenarioFile,
            ["circuitsim.design_hash"] = manifest.DesignHash, ["circuitsim.code_version"] = StudyManifest.CodeVersionOfThisBuild(),
        });
        return table;
    }

    /// <summary>
    /// For a cohort with <c>stratify:</c> whose every run has finished: patients.csv, clusters.csv,
    /// stratification.md and the cohort figures. Null when there is nothing to stratify yet.
    /// </summary>
    /// <summary>The sweep's figures, once every run has finished; returns the files written.</summary>
    public static IReadOnlyList<string> Figures(StudyManifest manifest, string outDir, ResultTable table) =>
        table.RowCount < manifest.Runs.Count ? [] : TableFigures.Write(manifest.Figures, manifest.Scenario, manifest.Runs, table, outDir);

    public static Cohorts.Stratification? Stratify(StudyManifest manifest, string outDir, ResultTable table)
    {
        if (manifest.Stratify is not { } spec || table.RowCount < manifest.Runs.Count) return null;
        var s = Cohorts.Stratification.Compute(spec, manifest.Runs, table);
        s.Write(outDir);
        return s;
    }

    /// <summary>
    /// <c>circuitsim merge</c>: joins the journals of a study's shards (in one folder, or in several
    /// folders of the same study) into the first folder's tables. Returns the table and the runs still missing.
    /// </summary>
    public static (ResultTable Table, IReadOnlyList<int> Missing) Merge(IReadOnlyList<string> folders)
    {
        var manifest = StudyManifest.Read(folders[0]) ?? throw new StudyException($"{folders[0]}: no {StudyManifest.FileName}; is this a study folder?");
        foreach (var f in folders.Skip(1))
        {
            var other = StudyManifest.Read(f) ?? throw new StudyException($"{f}: no {StudyManifest.FileName}; is this a study folder?");
            if (other.DesignHash != manifest.DesignHash) throw new StudyException($"{f} holds another study than {folders[0]} (design hashes differ)");
        }
        var table = WriteTables(manifest, folders[0], folders.Skip(1));
        var records = folders.SelectMany(f => RunJournal.ReadAll(Path.Combine(f, StudyManifest.JournalFolder)));
        var done = Running.StudyRunner.FinishedRuns(manifest.Runs, records);
        return (table, manifest.Runs.Where(r => !done.Contains(r.Index)).Select(r => r.Index).ToList());
    }
}
