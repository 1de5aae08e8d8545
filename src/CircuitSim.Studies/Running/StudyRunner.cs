using System.Diagnostics;
using CircuitSim.Engine;
using CircuitSim.Model;
using CircuitSim.Output;
using CircuitSim.Scenarios;
using CircuitSim.Studies.Design;
using CircuitSim.Studies.Results;

namespace CircuitSim.Studies.Running;

/// <summary>What a study run needs besides its design: where the scenario is, how to run, where to write.</summary>
public sealed record StudyOptions(string ScenarioFile, IReadOnlyList<string> BaseSets, string OutDir,
    int Jobs, BackendKind Backend, Shard Shard, bool KeepRuns);

/// <summary>Told as runs of a study finish.</summary>
public interface IStudyProgress
{
    void Started(int toRun, int alreadyDone, int total);
    void Finished(RunRecord record, PlannedRun run);
}

/// <summary>How a study (or a shard of it) ended.</summary>
public sealed record StudyOutcome(int Planned, int DoneBefore, int RanNow, int Failed, bool Interrupted);

/// <summary>
/// Runs the runs of a study that are not finished yet: <see cref="StudyOptions.Jobs"/> at a time,
/// each on one thread (several single-threaded simulations fill the cores without their spinning
/// barriers competing), each loaded from the scenario with its overrides, as <c>circuitsim run
/// --set</c> would. A finished run goes to the journal at once; an interrupted run is not written
/// and runs again next time. The engine is driven through <see cref="Runner"/>, as the CLI does.
/// </summary>
public static class StudyRunner
{
    public static StudyOutcome Run(StudyManifest manifest, StudyOptions o, IStudyProgress? progress, CancellationToken cancel,
        Action? onRecord = null)
    {
        string journalDir = Path.Combine(o.OutDir, StudyManifest.JournalFolder);
        var done = FinishedRuns(manifest.Runs, RunJournal.ReadAll(journalDir));
        var mine = manifest.Runs.Where(r => o.Shard.Holds(r.Index)).ToList();
        var todo = mine.Where(r => !done.Contains(r.Index)).ToList();
        progress?.Started(todo.Count, mine.Count - todo.Count, mine.Count);

        using var journal = RunJournal.Open(Path.Combine(journalDir, o.Shard.JournalName));
        string code = StudyManifest.CodeVersionOfThisBuild();
        int next = -1, ran = 0, failed = 0;
        bool interrupted = false;
        var workers = Enumerable.Range(0, Math.Max(1, Math.Min(o.Jobs, todo.Count))).Select(_ => Task.Factory.StartNew(() =>
        {
            while (!cancel.IsCancellationRequested)
            {
                int k = Interlocked.Increment(ref next);
                if (k >= todo.Count) return;
                var record = RunOne(todo[k], o, code, cancel);
                if (record is null) { interrupted = true; return; }
                journal.Append(record);
                Interlocked.Increment(ref ran);
                if (record.Status == RunStatus.Failed) Interlocked.Increment(ref failed);
                progress?.Finished(record, todo[k]);
                onRecord?.Invoke();
            }
        }, TaskCreationOptions.LongRunning)).ToArray();
        Task.WaitAll(workers);
        interrupted |= cancel.IsCancellationRequested && ran < todo.Count;
        return new StudyOutcome(mine.Count, mine.Count - todo.Count, ran, failed, interrupted);
    }

    /// <summary>The indices of runs that a journal record finishes (same index, same key).</summary>
    public static HashSet<int> FinishedRuns(IReadOnlyList<PlannedRun> runs, IEnumerable<RunRecord> records)
    {
        var set = new HashSet<int>();
        foreach (var r in records)
            if (r.Index >= 0 && r.Index < runs.Count && runs[r.Index].Key == r.Key) set.Add(r.Index);
        return set;
    }

    /// <summary>One run to its record; null when it was interrupted (then it is not recorded).</summary>
    private static RunRecord? RunOne(PlannedRun run, StudyOptions o, string code, CancellationToken cancel)
    {
        var clock = Stopwatch.StartNew();
        LoadedScenario? loaded = null;
        try
        {
            loaded = ScenarioLoader.LoadWithOrigins(o.ScenarioFile, o.BaseSets.Concat(run.Sets).ToList());
            var spec = loaded.Spec;
            var result = Runner.Run(spec, new RunOptions(o.Backend, Threads: 1), null, cancel);
            if (result.Steps * spec.DtMs < spec.DurationMs - spec.DtMs / 2) return null;
            var metrics = MetricColumns.Of(result);
            if (o.KeepRuns) ResultsWriter.WriteAll(result, Path.Combine(o.OutDir, "runs", $"run-{run.Index:D6}"));
            return new RunRecord(run.Index, run.Key, RunStatus.Ok, null, metrics, clock.Elapsed.TotalSeconds, code);
        }
        catch (ScenarioException e) { return Failed(e.Message.ReplaceLineEndings(" | ")); }
        catch (BuildException e) { return Failed(loaded?.Describe(e) ?? e.Message); }
        catch (NumericalBlowupException e) { return Failed(e.Message); }

        RunRecord Failed(string why) => new(run.Index, run.Key, RunStatus.Failed, why, [], clock.Elapsed.TotalSeconds, code);
    }
}
