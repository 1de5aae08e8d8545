using System.Diagnostics;
using CircuitSim.Engine;
using CircuitSim.Model;
using CircuitSim.Output;
using CircuitSim.Scenarios;
using CircuitSim.Studies.Design;
using CircuitSim.Studies.Results;

namespace CircuitSim.Studies.Running;

/// <summary>What a study run needs besides its design: where the scenario is, how to run, where to write.</summary>
/// <param name="Jobs">Runs at once; with the gpu backend, the copies per batch.</param>
public sealed record StudyOptions(string ScenarioFile, IReadOnlyList<string> BaseSets, string OutDir,
    int Jobs, BackendKind Backend, Shard Shard, bool KeepRuns, string GpuDevice = "auto");

/// <summary>How a study (or a shard of it) ended.</summary>
public sealed record StudyOutcome(int Planned, int DoneBefore, int RanNow, int Failed, bool Interrupted);

/// <summary>
/// Runs the runs of a study that are not finished yet through <see cref="JobRunner"/>: <see
/// cref="StudyOptions.Jobs"/> at a time, each on one thread (several single-threaded simulations fill
/// the cores without their spinning barriers competing), each loaded from the scenario with its
/// overrides, as <c>circuitsim run --set</c> would. The engine is driven through <see cref="Runner"/>,
/// as the CLI does.
/// </summary>
public static class StudyRunner
{
    public static StudyOutcome Run(StudyManifest manifest, StudyOptions o, IJobProgress? progress, CancellationToken cancel,
        Action? onRecord = null)
    {
        string code = StudyManifest.CodeVersionOfThisBuild();
        var jobs = manifest.Runs.Select(r => new StudyJob(r.Index, r.Key)).ToList();
        // runs with the same seed and population sizes share their connectivity (built once; values differ per run)
        var connectivity = new Synapses.ConnectivityCache();
        // with the gpu backend, the runs the workers start together go to the device as one batch
        var batcher = o.Backend == BackendKind.Gpu
            ? new GpuRunBatcher(o.Jobs, new RunOptions(BackendKind.Gpu, Threads: 1, Connectivity: connectivity, GpuDevice: o.GpuDevice), TimeSpan.FromMilliseconds(300))
            : null;
        var (outcome, _) = JobRunner.Run(jobs, Path.Combine(o.OutDir, StudyManifest.JournalFolder), o.Shard, o.Jobs,
            (job, cancel) => RunOne(manifest, manifest.Runs[job.Index], o, code, connectivity, batcher, cancel), progress, cancel, onRecord);
        return outcome;
    }

    /// <summary>
    /// Each run reads the scenario file again: an edit while the study runs would put other values under the
    /// study's hash, so the scenario (with the study's --set) must still be the one the study started from.
    /// </summary>
    private static void CheckScenarioUnchanged(StudyManifest manifest, StudyOptions o)
    {
        if (manifest.ScenarioHash.Length == 0) return;
        string now;
        try { now = StudyManifest.HashOf(ScenarioLoader.LoadWithOrigins(o.ScenarioFile, o.BaseSets).Fingerprint()); }
        catch (ScenarioException e)
        {
            throw new StudyException($"the scenario no longer loads, so the study stopped (the runs that finished are kept; fix it, or restore it, and run the same command):\n{e.Message}");
        }
        if (now != manifest.ScenarioHash)
            throw new StudyException($"{o.ScenarioFile} changed while the study ran, so the study stopped: its remaining runs would not belong with the finished ones. " +
                                     "Restore the file and run the same command to finish, or use another --out for the new scenario");
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
    private static RunRecord? RunOne(StudyManifest manifest, PlannedRun run, StudyOptions o, string code, Synapses.ConnectivityCache connectivity,
        GpuRunBatcher? batcher, CancellationToken cancel)
    {
        var clock = Stopwatch.StartNew();
        CheckScenarioUnchanged(manifest, o);
        LoadedScenario? loaded = null;
        try
        {
            loaded = ScenarioLoader.LoadWithOrigins(o.ScenarioFile, o.BaseSets.Concat(run.Sets).ToList());
            var spec = loaded.Spec;
            var result = batcher?.Run(spec, cancel)
                ?? Runner.Run(spec, new RunOptions(o.Backend, Threads: 1, Connectivity: connectivity, GpuDevice: o.GpuDevice), null, cancel);
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
