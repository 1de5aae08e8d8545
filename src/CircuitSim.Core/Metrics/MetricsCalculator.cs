using CircuitSim.Recording;

namespace CircuitSim.Metrics;

/// <summary>Per-population spike statistics for metrics.json.</summary>
public static class MetricsCalculator
{
    /// <summary>Fewest spikes (two intervals) a neuron needs for its ISI CV to count.</summary>
    public const int MinSpikesForCv = 3;

    /// <summary>
    /// For each population: spike count; mean rate = spikes / size / duration (Hz, NaN when the size
    /// or duration is zero); and the CV of the inter-spike intervals, computed per neuron and then
    /// averaged: every neuron with at least <see cref="MinSpikesForCv"/> spikes gets
    /// CV = SD / mean of its own ISIs (population SD, i.e. divided by the number of intervals), and the
    /// population's value is the plain mean of those per-neuron CVs (the way Brian2's COBA benchmark
    /// usually reports it, not the CV of all intervals pooled together). NaN when no neuron qualifies.
    /// </summary>
    public static List<PopulationMetrics> Compute(IReadOnlyList<PopulationSpikes> spikes, double durationMs)
    {
        ArgumentNullException.ThrowIfNull(spikes);
        var result = new List<PopulationMetrics>(spikes.Count);
        foreach (var p in spikes)
        {
            if (p.NodeIds.Length != p.TimesMs.Length)
                throw new ArgumentException($"Population '{p.Population}': {p.NodeIds.Length} node ids but {p.TimesMs.Length} spike times.");
            long count = p.TimesMs.Length;
            double rate = p.Size > 0 && durationMs > 0 ? count / (double)p.Size / (durationMs / 1000.0) : double.NaN;
            result.Add(new PopulationMetrics(p.Population, p.Size, count, rate, MeanCvIsi(p.NodeIds, p.TimesMs)));
        }
        return result;
    }

    /// <summary>Mean over neurons (with ≥ 3 spikes) of each neuron's ISI CV; NaN when none qualifies.</summary>
    public static double MeanCvIsi(ReadOnlySpan<int> nodeIds, ReadOnlySpan<double> timesMs)
    {
        int n = timesMs.Length;
        if (n == 0) return double.NaN;

        // Group spike times by neuron with a stable counting sort (keeps time order within a neuron).
        int maxId = -1;
        foreach (int id in nodeIds)
        {
            if (id < 0) throw new ArgumentException($"Negative node id {id}.");
            if (id > maxId) maxId = id;
        }
        var start = new int[maxId + 2];
        foreach (int id in nodeIds) start[id + 1]++;
        for (int i = 0; i <= maxId; i++) start[i + 1] += start[i];
        var fill = (int[])start.Clone();
        var grouped = new double[n];
        for (int i = 0; i < n; i++) grouped[fill[nodeIds[i]]++] = timesMs[i];

        double sumCv = 0;
        int neurons = 0;
        for (int id = 0; id <= maxId; id++)
        {
            var t = grouped.AsSpan(start[id], start[id + 1] - start[id]);
            if (t.Length < MinSpikesForCv) continue;
            t.Sort(); // no-op for time-sorted input
            int m = t.Length - 1;
            double mean = (t[m] - t[0]) / m;
            if (!(mean > 0)) continue;
            double ss = 0;
            for (int k = 0; k < m; k++)
            {
                double d = t[k + 1] - t[k] - mean;
                ss += d * d;
            }
            sumCv += Math.Sqrt(ss / m) / mean;
            neurons++;
        }
        return neurons > 0 ? sumCv / neurons : double.NaN;
    }
}
