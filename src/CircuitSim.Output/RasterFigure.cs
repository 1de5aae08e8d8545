using CircuitSim.Recording;
using ScottPlot;

namespace CircuitSim.Output;

/// <summary>Builds the spike raster (see <see cref="FigureWriter"/>).</summary>
internal static class RasterFigure
{
    /// <summary>
    /// The neuron stride k ≥ 1 such that drawing only neurons with id % k == 0 keeps at most
    /// <paramref name="maxPoints"/> spikes (deterministic: depends on the spikes only).
    /// </summary>
    public static int NeuronStride(IReadOnlyList<PopulationSpikes> spikes, int maxPoints)
    {
        long total = spikes.Sum(p => (long)p.NodeIds.Length);
        if (total <= maxPoints) return 1;
        int maxId = 0;
        foreach (var p in spikes) foreach (int id in p.NodeIds) maxId = Math.Max(maxId, id);
        var counts = new long[maxId + 1];
        foreach (var p in spikes) foreach (int id in p.NodeIds) counts[id]++;
        int k = (int)Math.Max(2, total / Math.Max(1, maxPoints));
        while (true)
        {
            long kept = 0;
            for (int id = 0; id <= maxId; id += k) kept += counts[id];
            if (kept <= maxPoints || k > maxId) return k;
            k++;
        }
    }

    private static readonly string[] LaminaOrder = { "V", "IV", "III", "IIi", "II", "IIo", "I" };

    /// <summary>
    /// Drawing order, bottom to top: as given when no population has a lamina; otherwise afferents and
    /// other sources first, then neuron populations from lamina V up to lamina I (dorsal at the top, as
    /// in a transverse section), so the raster reads by lamina.
    /// </summary>
    public static int[] DrawingOrder(IReadOnlyList<PopulationSpikes> spikes)
    {
        var idx = Enumerable.Range(0, spikes.Count);
        if (spikes.All(p => p.Lamina is null)) return idx.ToArray();
        int Rank(PopulationSpikes p) => p.Lamina is null ? -1 : Array.IndexOf(LaminaOrder, p.Lamina) is var r and >= 0 ? r : LaminaOrder.Length;
        return idx.OrderBy(i => Rank(spikes[i])).ThenBy(i => i).ToArray();
    }

    /// <summary>Room the band labels on the left take, px: the rest of the width is about the data area.</summary>
    const int LabelsWidthPx = 160;

    public static Plot Build(IReadOnlyList<PopulationSpikes> spikes, double durationMs, int maxPoints, TimeMarks? marks = null)
    {
        ArgumentNullException.ThrowIfNull(spikes);
        var order = DrawingOrder(spikes);
        bool byLamina = spikes.Any(p => p.Lamina is not null);
        var plot = FigureWriter.NewPlot();
        double duration = durationMs > 0 ? durationMs : 1;
        int stride = NeuronStride(spikes, maxPoints);
        long total = 0, shown = 0;

        var tickPositions = new List<double>();
        var tickLabels = new List<string>();
        // Marker about one row tall: 1.5 px for thousands of neurons, up to 4 px for a handful.
        int[] sizes = spikes.Select(p => Math.Max(p.Size, p.NodeIds.Length == 0 ? 0 : p.NodeIds.Max() + 1)).ToArray();
        int drawn = 0;
        int rows = sizes.Sum(n => Math.Max(n, 1));
        float markerSize = (float)Math.Clamp(FigureWriter.RasterHeight * 0.8 * stride / Math.Max(rows, 1), 1.5, 4.0);
        double offset = 0;
        foreach (int i in order)
        {
            var p = spikes[i];
            int size = sizes[i];
            var xs = new List<double>();
            var ys = new List<double>();
            for (int s = 0; s < p.NodeIds.Length; s++)
            {
                total++;
                if (p.NodeIds[s] % stride != 0) continue;
                xs.Add(p.TimesMs[s]);
                ys.Add(offset + p.NodeIds[s]);
            }
            shown += xs.Count;
            if (xs.Count > 0)
                plot.Add.Markers(xs.ToArray(), ys.ToArray(), MarkerShape.FilledSquare, markerSize, FigureWriter.PopulationColor(i));
            tickPositions.Add(offset + (Math.Max(size, 1) - 1) / 2.0);
            tickLabels.Add(p.Lamina is null ? p.Population : $"{p.Population} ({p.Lamina})");
            if (drawn++ > 0)
                plot.Add.HorizontalLine(offset - 0.5, 1, Colors.Gray.WithAlpha(0.6), LinePattern.Dashed);
            offset += Math.Max(size, 1);
        }

        TimeMarksLayer.Draw(plot, marks ?? TimeMarks.None, 0, duration, labels: true, FigureWriter.RasterWidth - LabelsWidthPx);
        plot.Axes.Left.SetTicks(tickPositions.ToArray(), tickLabels.ToArray());
        plot.Axes.SetLimits(0, duration, -0.5, Math.Max(offset, 1) - 0.5);
        plot.XLabel("time (ms)");
        plot.YLabel("population / neuron");
        string what = byLamina ? "Spike raster by lamina" : "Spike raster";
        plot.Title(stride == 1
            ? $"{what} ({total:N0} spikes)"
            : $"{what}: 1 in {stride} neurons shown ({shown:N0} of {total:N0} spikes)");
        return plot;
    }
}

