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
        CheckValues(scenarioFile, sets, sweep);
        var runs = StudyDesign.Plan(sweep, loaded.Spec.Seed);
        var manifest = new StudyManifest
        {
            Scenario = loaded.Spec.Name, ScenarioFile = scenarioFile, Sets = sets.ToList(), Mode = sweep.Mode.ToString().ToLowerInvariant(),
            DesignHash = StudyManifest.Hash(loaded.Fingerprint(), sets, runs), CodeVersion = StudyManifest.CodeVersionOfThisBuild(), Runs = runs,
        };
        if (StudyManifest.Read(outDir) is { } existing)
        {
            if (existing.DesignHash != manifest.DesignHash)
                throw new StudyException(
                    $"{outDir} holds another study ('{existing.Scenario}' from {existing.ScenarioFile}, {existing.Runs.Count} runs): the scenario, its sweep or the --set " +
                    "overrides changed since it started, so its results would not belong in one table. Use another --out, or delete the folder to start again");
            return existing;
        }
        Directory.CreateDirectory(outDir);
        manifest.Write(outDir);
        return manifest;
    }

    /// <summary>
    /// Loads the scenario once with each list value and each end of each range, and with each arm, so a
    /// value the model refuses stops the study before it starts, with the sweep line that wrote it.
    /// </summary>
    private static void CheckValues(string file, IReadOnlyList<string> sets, SweepSpec sweep)
    {
        var problems = new List<string>();
        foreach (var p in sweep.Parameters)
        {
            var values = p.IsRange ? new[] { p.Sample(0), p.Sample(1) }.Distinct() : p.Values!;
            foreach (var v in values)
                if (Problem(file, sets, [$"{p.Path}={v}"]) is { } why)
                    problems.Add($"{p.Where}: sweep.parameters.{p.Path}: the value '{v}' is refused: {why}");
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
