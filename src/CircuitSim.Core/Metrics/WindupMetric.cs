using CircuitSim.Engine;
using CircuitSim.Model;
using CircuitSim.Recording;
using CircuitSim.Stimuli;

namespace CircuitSim.Metrics;

/// <summary>A latency window after each pulse, ms: where the responses driven by one fibre class fall (or the after-discharge).</summary>
public sealed record LatencyWindow(string Name, double StartMs, double EndMs);

/// <summary>Wind-up of one population to one pulse train.</summary>
/// <param name="WindowStartMs">Start of the counted window after each pulse (the C-fibre window, unless the scenario gave one).</param>
/// <param name="SpikesPerStimulus">Spikes per neuron in the counted window after each delivered pulse, by pulse index.</param>
/// <param name="WindupIndex">
/// Herrero, Laird &amp; Lopez-Garcia (2000, Prog Neurobiol 61:169): total response minus N × the first
/// response, divided by N — the extra spikes per stimulus that the train added (0 without wind-up).
/// </param>
/// <param name="RatioLastFirst">Mean response to the last 3 pulses over the response to the first (null when the first is 0).</param>
public sealed record WindupResult(string Name, string Population, string Stimulus, double FrequencyHz, double WindowStartMs,
    double WindowEndMs, double[] SpikesPerStimulus, double WindupIndex, double? RatioLastFirst)
{
    /// <summary>Every window counted: one per recruited fibre class (Abeta, Adelta, C) and the after-discharge, ms after a pulse.</summary>
    public IReadOnlyList<LatencyWindow> Windows { get; init; } = Array.Empty<LatencyWindow>();
    /// <summary>Spikes per neuron in each window, by pulse (same order as <see cref="Windows"/>).</summary>
    public IReadOnlyDictionary<string, double[]> ByWindow { get; init; } = new Dictionary<string, double[]>();
    /// <summary>Pulses of the train whose windows ended before the run did (an interrupted run counts only those).</summary>
    public int PulsesDelivered { get; init; }
    /// <summary>What was clipped or could not be derived, in words.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = Array.Empty<string>();
}

/// <summary>
/// Counts, for each pulse of a pulse_train stimulus, the spikes of a population in latency windows after
/// the pulse, per neuron. The windows come from the conduction latencies of the fibres the stimulus
/// recruits (their conduction delay plus the synaptic delay onto the population), one per fibre class, as
/// electrophysiologists separate Aβ-, Aδ- and C-evoked responses by latency (e.g. Aβ 0–20, Aδ 20–90, C
/// 90–300 ms, after-discharge 300–800 ms in rat with ~100 mm of nerve: Urch &amp; Dickenson 2003; Herrero et
/// al. 2000). A class's window runs from its earliest arrival to its latest arrival plus a tail (the time a
/// late input takes to make its spike, default 50 ms), and stops where the next class's starts; the
/// after-discharge runs from the end of the last class window to the next pulse (for the last pulse, as
/// long again; 1 s for a single pulse). No window reaches past the next pulse, and only pulses whose windows ended before the run did
/// are counted. Wind-up is measured on the C window (the C-fibre-evoked response).
/// </summary>
public static class WindupMetric
{
    public const double DefaultTailMs = 50;
    /// <summary>The interval after a single pulse that its windows cover, ms.</summary>
    public const double SinglePulseSpanMs = 1000;

    public static double[] PulseTimesMs(StimulusSpec s) =>
        Enumerable.Range(0, s.Count).Select(k => s.StartMs + k * 1000.0 / s.FrequencyHz).ToArray();

    /// <summary>Earliest and latest arrival, ms after a pulse, of the recruited fibres of each class onto the population.</summary>
    public static Dictionary<FibreClass, (double First, double Last)> Arrivals(Network network, string stimulus, string population)
    {
        var result = new Dictionary<FibreClass, (double, double)>();
        double dt = network.Spec.DtMs;
        foreach (var drive in network.Drives.OfType<PulseTrainDrive>().Where(d => d.Name == stimulus))
        {
            var src = drive.Target;
            if (src.Kind != PopulationKind.Afferent) continue;
            // the synaptic delay of the afferents' projection onto the population (or the shortest onto anything)
            var onto = network.Projections.Where(p => p.Source == src).ToList();
            var direct = onto.Where(p => p.Target.Name == population).ToList();
            int synaptic = (direct.Count > 0 ? direct : onto).Select(p => p.DelaySteps).DefaultIfEmpty(0).Min();
            double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
            for (int i = 0; i < src.Count; i++)
            {
                if (!drive.Recruited[i]) continue;
                int c = src.ConductionSteps.Length > 0 ? src.ConductionSteps[i] : 0;
                double t = StepTime.Ms(c + synaptic, dt);
                lo = Math.Min(lo, t);
                hi = Math.Max(hi, t);
            }
            if (double.IsInfinity(lo)) continue;
            result[src.Fibre] = result.TryGetValue(src.Fibre, out var old) ? (Math.Min(old.Item1, lo), Math.Max(old.Item2, hi)) : (lo, hi);
        }
        return result;
    }

    private static string ClassName(FibreClass f) => f switch { FibreClass.Abeta => "Abeta", FibreClass.Adelta => "Adelta", _ => "C" };

    /// <summary>The windows of one train: class windows in latency order, then the after-discharge.</summary>
    public static List<LatencyWindow> Windows(Dictionary<FibreClass, (double First, double Last)> arrivals, double periodMs, double tailMs)
    {
        var list = new List<LatencyWindow>();
        var order = new[] { FibreClass.Abeta, FibreClass.Adelta, FibreClass.C }.Where(arrivals.ContainsKey).ToArray();
        for (int k = 0; k < order.Length; k++)
        {
            var (first, last) = arrivals[order[k]];
            double start = list.Count > 0 ? Math.Max(first, list[^1].EndMs) : first;
            double end = last + tailMs;
            if (k + 1 < order.Length) end = Math.Min(end, arrivals[order[k + 1]].First);
            end = Math.Min(end, periodMs);
            if (end > start) list.Add(new LatencyWindow(ClassName(order[k]), start, end));
        }
        double after = list.Count > 0 ? list[^1].EndMs : 0;
        if (periodMs > after) list.Add(new LatencyWindow("after_discharge", after, periodMs));
        return list;
    }

    /// <summary>The window wind-up is counted in: the C window, else the latest class window, else the whole period.</summary>
    public static LatencyWindow CountedWindow(IReadOnlyList<LatencyWindow> windows, double periodMs) =>
        windows.FirstOrDefault(w => w.Name == "C") ?? windows.LastOrDefault(w => w.Name != "after_discharge")
        ?? new LatencyWindow("window", 0, periodMs);

    public static WindupResult Compute(string name, WindupMetricSpec m, StimulusSpec stim, PopulationSpikes spikes,
        Dictionary<FibreClass, (double First, double Last)> arrivals, double runMs)
    {
        var pulses = PulseTimesMs(stim);
        var warnings = new List<string>();
        double period = pulses.Length > 1 ? 1000.0 / stim.FrequencyHz : SinglePulseSpanMs;
        var windows = Windows(arrivals, period, m.TailMs);
        LatencyWindow counted;
        if (m.WindowStartMs is { } ws && m.WindowEndMs is { } we)
        {
            double end = we;
            if (end > period)
            {
                warnings.Add($"the window {ws:G4}-{we:G4} ms reaches past the next pulse ({period:G4} ms later): counted to {period:G4} ms");
                end = period;
            }
            counted = new LatencyWindow("window", ws, end);
            windows.Insert(0, counted);
        }
        else
        {
            counted = CountedWindow(windows, period);
            if (counted.Name != "C") warnings.Add($"the stimulus recruits no C fibres: wind-up counted in the {counted.Name} window");
        }

        // a pulse counts once all its windows have passed
        double span = windows.Max(w => w.EndMs);
        int delivered = 0;
        while (delivered < pulses.Length && pulses[delivered] + span <= runMs + 1e-9) delivered++;
        if (delivered < pulses.Length) warnings.Add($"the run ended after {delivered} of {pulses.Length} pulses: only those are counted");

        var byWindow = windows.ToDictionary(w => w.Name, _ => new double[delivered]);
        foreach (double t in spikes.TimesMs)
        {
            // the pulse this spike follows: the last one at or before it
            int k = Array.BinarySearch(pulses, t);
            if (k < 0) k = ~k - 1;
            if (k < 0 || k >= delivered) continue;
            double dt = t - pulses[k];
            foreach (var w in windows)
                if (dt >= w.StartMs && dt < w.EndMs) byWindow[w.Name][k]++;
        }
        double size = Math.Max(1, spikes.Size);
        foreach (var a in byWindow.Values) for (int k = 0; k < a.Length; k++) a[k] /= size;
        var counts = byWindow[counted.Name];
        int n = counts.Length;
        double first = n > 0 ? counts[0] : 0;
        double index = n > 0 ? (counts.Sum() - n * first) / n : 0;
        double? ratio = n > 0 && first > 0 ? counts.Skip(Math.Max(0, n - 3)).Average() / first : null;
        return new WindupResult(name, m.Population, m.Stimulus, stim.FrequencyHz, counted.StartMs, counted.EndMs, counts, index, ratio)
        {
            Windows = windows, ByWindow = byWindow, PulsesDelivered = delivered, Warnings = warnings,
        };
    }

    /// <summary>All wind-up metrics a scenario asks for, from a run's spikes (the first <paramref name="runMs"/> of it).</summary>
    public static List<WindupResult> ComputeAll(Network network, IReadOnlyList<PopulationSpikes> spikes, double runMs)
    {
        var spec = network.Spec;
        var list = new List<WindupResult>();
        foreach (var (name, m) in spec.Record.Windup)
        {
            var stim = spec.Stimuli.Find(s => s.Name == m.Stimulus)
                       ?? throw new BuildException($"record.metrics.{name}: no stimulus '{m.Stimulus}'", $"record.metrics.{name}.stimulus");
            var pop = spikes.FirstOrDefault(s => s.Population == m.Population)
                      ?? throw new BuildException($"record.metrics.{name}: spikes of '{m.Population}' are not recorded", $"record.metrics.{name}.population");
            list.Add(Compute(name, m, stim, pop, Arrivals(network, m.Stimulus, m.Population), runMs));
        }
        return list;
    }
}
