using System.Text;
using System.Text.Json;

namespace CircuitSim.Validation;

/// <summary>Options of the validation commands.</summary>
public sealed class Options
{
    public List<ulong> Seeds { get; set; } = Targets.TestSeeds.ToList();
    public List<ValidationTarget> Only { get; set; } = Targets.All.ToList();
    public List<string> Sets { get; } = new();
    public string? Json { get; set; }
    public string? Params { get; set; }
    public string? Out { get; set; }
    public double Scale { get; set; } = 0.2;
    public int Jobs { get; set; } = Environment.ProcessorCount;
    public string? Study { get; set; }
    public string? Shard { get; set; }
    // dose-response
    public string? Scenario { get; set; }
    public string? Intervention { get; set; }
    public List<string> Doses { get; } = new();
    public List<string> Scenarios { get; } = new();
    public string? Metric { get; set; }

    public static Options Parse(string[] a)
    {
        var o = new Options();
        for (int i = 0; i < a.Length; i++)
        {
            string Next() => i + 1 < a.Length ? a[++i] : throw new ArgumentException($"{a[i]} needs a value");
            switch (a[i])
            {
                case "--seeds": o.Seeds = Next().Split(',').Select(s => ulong.Parse(s.Trim())).ToList(); break;
                case "--only": o.Only = Next().Split(',').Select(s => Targets.Find(s.Trim())).ToList(); break;
                case "--set": o.Sets.Add(Next()); break;
                case "--json": o.Json = Next(); break;
                case "--params": o.Params = Next(); break;
                case "--out": o.Out = Next(); break;
                case "--scale": o.Scale = double.Parse(Next()); break;
                case "--jobs": o.Jobs = int.Parse(Next()); break;
                case "--resume": throw new ArgumentException("--resume is no longer needed: the analysis resumes by itself from the journal in its --study folder (default results/sensitivity)");
                case "--study": o.Study = Next(); break;
                case "--shard": o.Shard = Next(); break;
                case "--scenario": o.Scenario = Next(); o.Scenarios.Add(o.Scenario); break;
                case "--metric": o.Metric = Next(); break;
                case "--intervention": o.Intervention = Next(); break;
                case "--doses": o.Doses.AddRange(Next().Split(',').Select(d => d.Trim())); break;
                default: throw new ArgumentException($"unknown option '{a[i]}'");
            }
        }
        return o;
    }
}

public static class Commands
{
    public static int Targets(Options o)
    {
        var summaries = new List<TargetSummary>();
        foreach (var t in o.Only)
        {
            var s = t.Evaluate(o.Seeds, o.Sets, o.Jobs);
            summaries.Add(s);
            Print(s);
        }
        if (o.Json is { } path) File.WriteAllText(path, JsonSerializer.Serialize(summaries, new JsonSerializerOptions { WriteIndented = true }));
        return summaries.All(s => s.Passed) ? 0 : 1;
    }

    private static void Print(TargetSummary s)
    {
        Console.WriteLine($"{s.Id} {s.Title}: {(s.Passed ? "holds" : "FAILS")} ({s.SeedsPassed}/{s.PerSeed.Count} seeds, median {(s.MedianFailures.Count == 0 ? "ok" : "fails")})");
        foreach (var (k, v) in s.Median)
            Console.WriteLine($"  {k,-28} median {v,9:G4}   seeds: {string.Join(" ", s.PerSeed.Select(r => r.Measures.GetValueOrDefault(k, double.NaN).ToString("G3")))}");
        foreach (var f in s.MedianFailures) Console.WriteLine($"  median fails: {f}");
        foreach (var f in s.MedianDeviations) Console.WriteLine($"  known deviation (median): {f}");
        foreach (var r in s.PerSeed.Where(r => !r.Passed)) Console.WriteLine($"  seed {r.Seed} fails: {string.Join("; ", r.Failures)}");
    }

    /// <summary>
    /// Perturbs each listed parameter by ±scale (one at a time, every other value as tuned) and reports,
    /// per target, whether it still holds (median and most seeds) and how its key measures move. Every
    /// (parameter, sign, target, seed) is one job of a study (<see cref="Studies.Running.JobRunner"/>) with its
    /// journal in <c>--study DIR</c> (default results/sensitivity): an interrupted analysis resumes by itself,
    /// <c>--shard i/N</c> runs one slice (on a cluster, one array task each), and the same command without
    /// --shard, once the slices are done, writes the table from the journals.
    /// </summary>
    public static int Sensitivity(Options o)
    {
        if (o.Params is null) throw new ArgumentException("sensitivity needs --params FILE (one key path per line, with its tuned value: key=value unit)");
        var shard = Studies.Shard.Whole;
        if (o.Shard is { } st && !Studies.Shard.TryParse(st, out shard, out var why)) throw new ArgumentException("--shard: " + why);
        var lines = File.ReadAllLines(o.Params).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        var circuit = Scenarios.ScenarioLoader.Load(ScenarioFiles.Path("base/dorsal-horn.yaml"));

        // the jobs: the baseline on every seed, then each parameter at -scale and +scale for every target it can reach
        var jobs = new List<(Studies.Running.StudyJob Job, ValidationTarget Target, ulong Seed, IReadOnlyList<string> Sets)>();
        void Add(ValidationTarget t, IReadOnlyList<string> sets)
        {
            foreach (var seed in o.Seeds) jobs.Add((new Studies.Running.StudyJob(jobs.Count, t.JobKey(seed, sets)), t, seed, sets));
        }
        foreach (var t in o.Only) Add(t, o.Sets);
        var parameters = lines.Select(SplitParam).ToList();
        var cellSets = new Dictionary<(string Key, string Target, int Sign), IReadOnlyList<string>>();
        foreach (var (key, value, unit) in parameters)
        {
            var reach = Downstream(circuit, key);
            foreach (var t in o.Only)
            {
                if (reach is not null && !t.MeasuredPopulations.Any(reach.Contains)) continue;
                foreach (int sign in new[] { -1, 1 })
                {
                    var sets = o.Sets.Append($"{key}={(value * (1 + sign * o.Scale)).ToString("G6")}{unit}").ToList();
                    cellSets[(key, t.Id, sign)] = sets;
                    Add(t, sets);
                }
            }
        }
        string studyDir = o.Study ?? Path.Combine(ScenarioFiles.Root, "results", "sensitivity");
        Console.Error.WriteLine($"sensitivity: {jobs.Count} evaluations ({parameters.Count} parameters, {o.Only.Count} targets, {o.Seeds.Count} seeds){(shard.IsWhole ? "" : $", shard {shard}")}; journal in {studyDir}");
        var (outcome, _) = Studies.Running.JobRunner.Run(jobs.Select(j => j.Job).ToList(), Path.Combine(studyDir, "journal"), shard, o.Jobs,
            (job, _) => jobs[job.Index].Target.Record(job, jobs[job.Index].Seed, jobs[job.Index].Sets), new JobLines(jobs.Count), CancellationToken.None);
        // the table is written from every journal in the folder (all shards), whatever this process ran
        var all = Studies.Results.RunJournal.ReadAll(Path.Combine(studyDir, "journal"))
            .Where(r => r.Index < jobs.Count && jobs[r.Index].Job.Key == r.Key).GroupBy(r => r.Index).ToDictionary(g => g.Key, g => g.First());
        TargetSummary? Cell(ValidationTarget t, IReadOnlyList<string> sets)
        {
            var mine = jobs.Where(j => j.Target == t && j.Sets.SequenceEqual(sets)).ToList();
            if (!mine.All(j => all.ContainsKey(j.Job.Index))) return null;
            return t.Summarize(mine.Select(j => t.FromRecord(j.Seed, all[j.Job.Index])).ToList());
        }

        var baseline = o.Only.ToDictionary(t => t.Id, t => Cell(t, o.Sets));
        var sb = new StringBuilder();
        sb.AppendLine($"# Sensitivity of the validation targets to the tuned parameters (±{o.Scale:P0})");
        sb.AppendLine();
        sb.AppendLine($"Seeds {string.Join(", ", o.Seeds)}; a target holds when its criteria hold on the median of the seeds and on most seeds.");
        sb.AppendLine($"Generated by `scripts/sensitivity` on {DateTime.UtcNow:yyyy-MM-dd} ({jobs.Count} evaluations through the study machinery). Baseline (as tuned): " +
                      string.Join(", ", o.Only.Select(t => baseline[t.Id] is { } b
                          ? $"{b.Id} {(b.Passed ? "holds" : "FAILS")} ({b.SeedsPassed}/{b.PerSeed.Count}; {t.KeyMeasure} {b.Median.GetValueOrDefault(t.KeyMeasure, double.NaN):G3})"
                          : $"{t.Id} (not finished)")) + ".");
        sb.AppendLine("Each cell: the target at −20 % / +20 % of the parameter: holds or **flips**, seeds passing, and the median of its key measure; " +
                      "\"no path\" when no projection leads from the parameter's population to the populations the target measures (it cannot change).");
        sb.AppendLine();
        sb.AppendLine("| parameter | tuned | " + string.Join(" | ", o.Only.Select(t => $"{t.Id} −{o.Scale:P0}/+{o.Scale:P0}")) + " |");
        sb.AppendLine("|---|---|" + string.Concat(o.Only.Select(_ => "---|")));
        int rowsDone = 0;
        foreach (var (key, value, unit) in parameters)
        {
            var cells = new List<string>();
            bool complete = true;
            foreach (var t in o.Only)
            {
                if (!cellSets.ContainsKey((key, t.Id, -1)))
                {
                    cells.Add("no path"); // no projection path from the parameter's population to what the target measures
                    continue;
                }
                var parts = new List<string>();
                foreach (int sign in new[] { -1, 1 })
                {
                    if (Cell(t, cellSets[(key, t.Id, sign)]) is not { } s) { complete = false; parts.Add("…"); continue; }
                    string measured = $"{t.KeyMeasure} {s.Median.GetValueOrDefault(t.KeyMeasure, double.NaN):G3}";
                    parts.Add(s.Passed ? $"holds ({s.SeedsPassed}/{s.PerSeed.Count}; {measured})"
                        : $"**flips** ({s.SeedsPassed}/{s.PerSeed.Count}; {measured}: {s.MedianFailures.FirstOrDefault() ?? s.PerSeed.First(r => !r.Passed).Failures[0]})");
                }
                cells.Add(string.Join(" / ", parts));
            }
            if (complete) rowsDone++;
            sb.AppendLine($"| `{key}` | {value:G4}{unit} | {string.Join(" | ", cells)} |");
        }
        if (all.Count < jobs.Count) sb.AppendLine($"\n(in progress: {all.Count} of {jobs.Count} evaluations, {rowsDone} of {parameters.Count} parameters complete; run the same command to go on)");
        var text = sb.ToString();
        if (o.Out is { } path) Output.AtomicFile.WriteAllText(path, text); else Console.Write(text);
        return outcome.Interrupted ? 1 : 0;
    }

    /// <summary>A line on stderr per finished evaluation, at most every 5 s.</summary>
    private sealed class JobLines(int total) : Studies.Running.IJobProgress
    {
        private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
        private int _toRun, _done, _before;
        private double _last = double.NegativeInfinity;

        public void Started(int toRun, int alreadyDone, int mine)
        {
            (_toRun, _before) = (toRun, alreadyDone);
            if (alreadyDone > 0) Console.Error.WriteLine($"resuming: {alreadyDone} of {mine} evaluations already in the journal");
        }

        public void Finished(Studies.Results.RunRecord record, Studies.Running.StudyJob job)
        {
            int d = Interlocked.Increment(ref _done);
            double t = _clock.Elapsed.TotalSeconds;
            if (t - _last < 5 && d < _toRun) return;
            _last = t;
            Console.Error.WriteLine($"{_before + d}/{total} evaluations, ETA {(_toRun - d) * t / d:0} s");
        }
    }

    /// <summary>
    /// The populations a parameter can influence: the one it belongs to (populations.P…, or a projection's
    /// target) and everything downstream of it through projections; null when the key names no population.
    /// </summary>
    private static HashSet<string>? Downstream(Model.ScenarioSpec circuit, string key)
    {
        var parts = key.Split('.');
        string? start = parts switch
        {
            ["populations", var p, ..] => p,
            ["projections", var pr, ..] => circuit.Projections.Find(x => x.Name == pr)?.To,
            _ => null,
        };
        if (start is null) return null;
        var seen = new HashSet<string> { start };
        var queue = new Queue<string>(seen);
        while (queue.Count > 0)
        {
            var from = queue.Dequeue();
            foreach (var pr in circuit.Projections.Where(x => x.From == from))
                if (seen.Add(pr.To)) queue.Enqueue(pr.To);
        }
        return seen;
    }

    private static (string Key, double Value, string Unit) SplitParam(string line)
    {
        int eq = line.IndexOf('=');
        if (eq < 0) throw new ArgumentException($"'{line}': expected key=value unit, e.g. projections.C_WDR.receptors.NMDA=0.25 nS");
        var key = line[..eq].Trim();
        var rest = line[(eq + 1)..].Trim();
        int k = 0;
        while (k < rest.Length && (char.IsDigit(rest[k]) || rest[k] is '.' or '-' or '+' or 'e' or 'E')) k++;
        if (!double.TryParse(rest[..k], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double v))
            throw new ArgumentException($"'{line}': no number after '='");
        return (key, v, rest[k..].Trim().Replace(" ", ""));
    }
}
