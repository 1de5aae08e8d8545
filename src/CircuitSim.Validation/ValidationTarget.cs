using CircuitSim.Engine;
using CircuitSim.Recording;
using CircuitSim.Scenarios;

namespace CircuitSim.Validation;

/// <summary>
/// A published result the model must reproduce (shared/VALIDATION.md): a protocol run on one network
/// realisation gives measures, and criteria on those measures decide whether it holds. The same code
/// serves the tests (seeds other than the ones the parameters were tuned on), the sensitivity analysis
/// (scripts/sensitivity) and the command line.
/// </summary>
public abstract class ValidationTarget
{
    public abstract string Id { get; }
    public abstract string Title { get; }
    /// <summary>The measure that best sums the target up (reported by the sensitivity analysis).</summary>
    public abstract string KeyMeasure { get; }
    /// <summary>The populations whose activity the target measures: a parameter that cannot reach any of them
    /// through the circuit's projections cannot change the target.</summary>
    public abstract string[] MeasuredPopulations { get; }

    /// <summary>Runs the protocol on the network of <paramref name="seed"/>, with extra --set overrides, and returns its measures.</summary>
    public abstract Dictionary<string, double> Measure(ulong seed, IReadOnlyList<string> sets);

    /// <summary>The criteria that fail for these measures (empty when the target holds).</summary>
    public abstract List<string> Check(IReadOnlyDictionary<string, double> m);

    /// <summary>
    /// Published criteria that the model is known to miss (each stated with its measured value): reported with
    /// every result and in docs/validation.md, while <see cref="Check"/> bounds how far the model may miss them.
    /// </summary>
    public virtual List<string> KnownDeviations(IReadOnlyDictionary<string, double> m) => new();

    public TargetResult Evaluate(ulong seed, IReadOnlyList<string> sets)
    {
        var m = Measure(seed, sets);
        return new TargetResult(Id, seed, m, Check(m)) { Deviations = KnownDeviations(m) };
    }

    /// <summary>
    /// The target on several seeds, one job per seed through the study machinery (<see cref="Studies.Running.JobRunner"/>:
    /// <paramref name="parallelism"/> seeds at a time, each single-threaded), summarised over the seeds.
    /// </summary>
    public TargetSummary Evaluate(IEnumerable<ulong> seeds, IReadOnlyList<string> sets, int parallelism = 1)
    {
        var list = seeds.ToList();
        var jobs = list.Select((seed, k) => new Studies.Running.StudyJob(k, JobKey(seed, sets))).ToList();
        var (_, records) = Studies.Running.JobRunner.Run(jobs, null, Studies.Shard.Whole, parallelism,
            (job, _) => Record(job, list[job.Index], sets), null, CancellationToken.None);
        return Summarize(records.Select(r => FromRecord(list[r.Index], r)).ToList());
    }

    /// <summary>What a job of this target on this seed with these overrides computes, as a journal key.</summary>
    public string JobKey(ulong seed, IReadOnlyList<string> sets) =>
        Studies.Running.StudyJob.KeyOf($"{Id}\n{seed}\n{string.Join('\n', sets)}");

    /// <summary>Runs the target on one seed as a job: its measures become the record's metrics.</summary>
    public Studies.Results.RunRecord Record(Studies.Running.StudyJob job, ulong seed, IReadOnlyList<string> sets)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            var m = Measure(seed, sets);
            return new Studies.Results.RunRecord(job.Index, job.Key, Studies.Results.RunStatus.Ok, null, m.ToList(), clock.Elapsed.TotalSeconds,
                Studies.StudyManifest.CodeVersionOfThisBuild());
        }
        catch (Exception e) when (e is NumericalBlowupException or BuildException or ScenarioException)
        {
            // a perturbation the model cannot run is a result (the target fails on that seed), not a crash, and is not redone
            return new Studies.Results.RunRecord(job.Index, job.Key, Studies.Results.RunStatus.Failed, e.Message.ReplaceLineEndings(" | "), [],
                clock.Elapsed.TotalSeconds, Studies.StudyManifest.CodeVersionOfThisBuild());
        }
    }

    /// <summary>A seed's result from a job's record (its criteria checked again, so a journal stays valid when they change).</summary>
    public TargetResult FromRecord(ulong seed, Studies.Results.RunRecord r)
    {
        if (r.Status == Studies.Results.RunStatus.Failed)
            return new TargetResult(Id, seed, new Dictionary<string, double>(), [$"the run failed: {r.Error}"]);
        var m = r.Metrics.ToDictionary(kv => kv.Key, kv => kv.Value);
        return new TargetResult(Id, seed, m, Check(m)) { Deviations = KnownDeviations(m) };
    }

    /// <summary>Per-seed results and the criteria checked on the median of every measure.</summary>
    public TargetSummary Summarize(IReadOnlyList<TargetResult> results)
    {
        var median = new Dictionary<string, double>();
        // a seed whose run failed has no measures: the keys come from the seeds that ran, and it counts as failing
        foreach (var key in results.SelectMany(r => r.Measures.Keys).Distinct())
        {
            var xs = results.Select(r => r.Measures.TryGetValue(key, out var v) ? v : double.NaN).Where(double.IsFinite).OrderBy(x => x).ToArray();
            median[key] = xs.Length == 0 ? double.NaN : xs.Length % 2 == 1 ? xs[xs.Length / 2] : 0.5 * (xs[xs.Length / 2 - 1] + xs[xs.Length / 2]);
        }
        if (median.Count == 0) return new TargetSummary(Id, Title, results, median, ["every seed's run failed"]);
        return new TargetSummary(Id, Title, results, median, Check(median)) { MedianDeviations = KnownDeviations(median) };
    }

    /// <summary>Connectivity shared by every run of this process (the same seeds recur across targets and perturbations).</summary>
    private static readonly Synapses.ConnectivityCache SharedConnectivity = new();

    /// <summary>Runs a ready scenario of the repository with a seed and overrides, single-threaded (runs go in parallel instead).</summary>
    protected static SimulationResult Run(string scenario, ulong seed, IReadOnlyList<string> sets, params string[] more)
    {
        var spec = ScenarioLoader.Load(ScenarioFiles.Path(scenario), sets.Concat(more).Append("record.figures=false").ToArray());
        spec.Seed = seed;
        return Runner.Run(spec, new RunOptions(Model.BackendKind.Simd, 1, Connectivity: SharedConnectivity));
    }

    /// <summary>Adds a failure when <paramref name="ok"/> is false (NaN measures fail).</summary>
    protected static void Require(List<string> failures, bool ok, string criterion)
    {
        if (!ok) failures.Add(criterion);
    }
}

/// <summary>Finds the repository's scenarios/ folder from the working directory or the program's location.</summary>
public static class ScenarioFiles
{
    public static string Root
    {
        get
        {
            foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
                for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                    if (File.Exists(System.IO.Path.Combine(dir.FullName, "CircuitSim.sln"))) return dir.FullName;
            throw new DirectoryNotFoundException("run from inside the CircuitSim repository (no CircuitSim.sln above the working directory)");
        }
    }

    public static string Path(string scenario) => System.IO.Path.Combine(Root, "scenarios", scenario);
}

/// <summary>Reading results the way the targets need them.</summary>
public static class ResultReading
{
    public static PopulationSpikes Spikes(this SimulationResult r, string population) => r.Spikes.Single(s => s.Population == population);

    /// <summary>Spikes per neuron of a population in [fromMs, toMs).</summary>
    public static double PerNeuron(this SimulationResult r, string population, double fromMs, double toMs)
    {
        var s = r.Spikes(population);
        return s.TimesMs.Count(t => t >= fromMs && t < toMs) / (double)s.Size;
    }

    public static Metrics.WindupResult Windup(this SimulationResult r, string name) =>
        ((Dictionary<string, object>)r.Extra["windup"])[name] as Metrics.WindupResult ?? throw new InvalidOperationException(name);

    /// <summary>Mean of a trace over all its neurons in [fromMs, toMs).</summary>
    public static double MeanTrace(this SimulationResult r, string variable, double fromMs, double toMs)
    {
        var v = r.Traces.Single(t => t.Variable == variable);
        double sum = 0;
        int n = 0;
        for (int k = 0; k < v.Values.GetLength(0); k++)
        {
            double t = k * v.EveryMs;
            if (t < fromMs || t >= toMs) continue;
            for (int j = 0; j < v.Values.GetLength(1); j++) { sum += v.Values[k, j]; n++; }
        }
        return n > 0 ? sum / n : double.NaN;
    }
}
