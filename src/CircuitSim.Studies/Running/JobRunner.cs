using CircuitSim.Studies.Results;

namespace CircuitSim.Studies.Running;

/// <summary>One unit of work of a study: its place in the study, and a key naming what it computes.</summary>
public sealed record StudyJob(int Index, string Key)
{
    /// <summary>16 hex digits of SHA-256 over a text that says what the job computes.</summary>
    public static string KeyOf(string what) => StudyManifest.HashOf(what)[..16];
}

/// <summary>
/// The machinery every study shares, whatever a job computes (a scenario run, a validation target on
/// one seed): the jobs of one shard that no journal record finishes yet are run <c>parallel</c> at a
/// time (each job single-threaded), each finished job is appended to the shard's journal at once
/// (when there is one), and an interrupted job is not recorded. Parameter sweeps, cohorts, the
/// validation targets' seeds and the sensitivity analysis all run through it.
/// </summary>
public static class JobRunner
{
    /// <param name="journalDir">Folder of the journals (resume from, and append to, <c>shard.JournalName</c>); null: in memory only.</param>
    /// <param name="execute">Runs a job; null when it was interrupted. A <see cref="StudyException"/> stops the study (thrown again here).</param>
    /// <param name="recorded">Called after each record is in the journal (a failure there is a warning, not a lost run).</param>
    /// <returns>How it ended, and the records of every job of the shard that has one (earlier ones from the journals, then this run's).</returns>
    public static (StudyOutcome Outcome, List<RunRecord> Records) Run(IReadOnlyList<StudyJob> jobs, string? journalDir, Shard shard, int parallel,
        Func<StudyJob, CancellationToken, RunRecord?> execute, IJobProgress? progress, CancellationToken cancel, Action? recorded = null)
    {
        var byIndex = jobs.ToDictionary(j => j.Index);
        var earlier = journalDir is null ? [] : RunJournal.ReadAll(journalDir)
            .Where(r => byIndex.TryGetValue(r.Index, out var j) && j.Key == r.Key && shard.Holds(r.Index))
            .GroupBy(r => r.Index).Select(g => g.First()).ToList();
        var done = earlier.Select(r => r.Index).ToHashSet();
        var mine = jobs.Where(j => shard.Holds(j.Index)).ToList();
        var todo = mine.Where(j => !done.Contains(j.Index)).ToList();
        progress?.Started(todo.Count, mine.Count - todo.Count, mine.Count);

        using var journal = journalDir is null ? null : RunJournal.Open(Path.Combine(journalDir, shard.JournalName));
        var records = new List<RunRecord>(earlier);
        var gate = new object();
        int next = -1, ran = 0, failed = 0;
        bool interrupted = false;
        StudyException? stopped = null;
        var workers = Enumerable.Range(0, Math.Max(1, Math.Min(parallel, todo.Count))).Select(_ => Task.Factory.StartNew(() =>
        {
            while (!cancel.IsCancellationRequested && Volatile.Read(ref stopped) is null)
            {
                int k = Interlocked.Increment(ref next);
                if (k >= todo.Count) return;
                RunRecord? record;
                try { record = execute(todo[k], cancel); }
                catch (StudyException e)
                {
                    Interlocked.CompareExchange(ref stopped, e, null);
                    return;
                }
                if (record is null) { interrupted = true; return; }
                journal?.Append(record);
                lock (gate) records.Add(record);
                Interlocked.Increment(ref ran);
                if (record.Status == RunStatus.Failed) Interlocked.Increment(ref failed);
                progress?.Finished(record, todo[k]);
                try { recorded?.Invoke(); }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    Console.Error.WriteLine($"warning: the tables could not be rewritten ({e.Message}); the run is in the journal");
                }
            }
        }, TaskCreationOptions.LongRunning)).ToArray();
        Task.WaitAll(workers);
        if (stopped is not null) throw stopped;
        interrupted |= cancel.IsCancellationRequested && ran < todo.Count;
        return (new StudyOutcome(mine.Count, mine.Count - todo.Count, ran, failed, interrupted), records.OrderBy(r => r.Index).ToList());
    }
}

/// <summary>Told as the jobs of a study start and finish.</summary>
public interface IJobProgress
{
    void Started(int toRun, int alreadyDone, int total);
    void Finished(RunRecord record, StudyJob job);
}
