using CircuitSim.Recording;
using ScottPlot;

namespace CircuitSim.Output;

/// <summary>Builds the population-rate figure (see <see cref="FigureWriter"/>).</summary>
internal static class RatesFigure
{
    /// <summary>
    /// Rate of a population in each bin [k·bin, (k+1)·bin) ∩ [0, duration], Hz: spikes / size / bin width
    /// (the last bin may be shorter; a spike at exactly the duration counts in the last bin).
    /// </summary>
    public static double[] BinnedRates(PopulationSpikes p, double durationMs, double binMs)
    {
        int bins = Math.Max(1, (int)Math.Ceiling(durationMs / binMs - 1e-9));
        var counts = new double[bins];
        foreach (double t in p.TimesMs)
        {
            if (t < 0 || t > durationMs) continue;
            counts[Math.Min((int)(t / binMs), bins - 1)]++;
        }
        for (int k = 0; k < bins; k++)
        {
            double width = Math.Min(binMs, durationMs - k * binMs);
            counts[k] = p.Size > 0 && width > 0 ? counts[k] / p.Size / (width / 1000.0) : 0;
        }
        return counts;
    }

    /// <summary>Room the y axis and the legend take, px: the rest of the width is about the data area.</summary>
    const int AxisAndLegendWidthPx = 260;

    /// <summary>
    /// One panel per <see cref="RatePanels"/> group, stacked, all on the same time axis; stimuli and
    /// interventions marked in every panel, named above the first.
    /// </summary>
    public static Multiplot Build(IReadOnlyList<PopulationSpikes> spikes, double durationMs, TimeMarks? marks = null)
    {
        ArgumentNullException.ThrowIfNull(spikes);
        double duration = durationMs > 0 ? durationMs : 1;
        double bin = FigureWriter.RateBinMs(duration);
        var groups = RatePanels.Split(spikes);
        var plots = groups.Select((g, k) => Panel(spikes, g, duration, bin, marks ?? TimeMarks.None, labels: k == 0)).ToList();
        plots[0].Title($"Population rates ({bin:G} ms bins): {groups[0].Title}");
        plots[^1].XLabel("time (ms)");
        var multiplot = new Multiplot(plots[0]);
        foreach (var p in plots.Skip(1)) multiplot.AddPlot(p);
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Rows();
        return multiplot;
    }

    static Plot Panel(IReadOnlyList<PopulationSpikes> spikes, RatePanel group, double duration, double bin, TimeMarks marks, bool labels)
    {
        var plot = FigureWriter.NewPlot();
        foreach (int i in group.Populations)
        {
            var rates = BinnedRates(spikes[i], duration, bin);
            // Step line over bin edges: the value of bin k holds from k·bin to (k+1)·bin.
            var xs = new double[rates.Length + 1];
            var ys = new double[rates.Length + 1];
            for (int k = 0; k < rates.Length; k++) { xs[k] = k * bin; ys[k] = rates[k]; }
            xs[^1] = duration;
            ys[^1] = rates[^1];
            var line = plot.Add.ScatterLine(xs, ys, FigureWriter.PopulationColor(i));
            line.ConnectStyle = ConnectStyle.StepHorizontal;
            line.LineWidth = 1.5f;
            line.LegendText = spikes[i].Population;
        }
        TimeMarksLayer.Draw(plot, marks, 0, duration, labels, FigureWriter.RatesWidth - AxisAndLegendWidthPx);
        plot.Axes.SetLimitsX(0, duration);
        plot.Axes.AutoScaleY();
        var limits = plot.Axes.GetLimits();
        plot.Axes.SetLimitsY(0, Math.Max(limits.Top * 1.05, 1));
        plot.YLabel("rate (Hz)");
        plot.Title(group.Title);
        plot.Axes.Title.Label.FontSize = 13;
        plot.Axes.Title.Label.Bold = false;
        plot.ShowLegend(Edge.Right); // outside the data area, where it hides no line
        return plot;
    }
}
