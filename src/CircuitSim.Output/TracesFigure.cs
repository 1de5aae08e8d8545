using CircuitSim.Recording;
using ScottPlot;

namespace CircuitSim.Output;

/// <summary>Builds the traces figure (see <see cref="FigureWriter"/>): one stacked panel per trace.</summary>
internal static class TracesFigure
{
    /// <summary>Panels with more neurons than this get no legend (it would hide the lines).</summary>
    const int MaxLegendEntries = 8;

    /// <summary>A multiplot with one panel per trace, x shared; null when there are no traces.</summary>
    public static Multiplot? Build(IReadOnlyList<TraceData> traces)
    {
        ArgumentNullException.ThrowIfNull(traces);
        if (traces.Count == 0) return null;
        var plots = traces.Select(Panel).ToList();
        double tMax = traces.Max(t => Math.Max(t.Values.GetLength(0) - 1, 1) * t.EveryMs);
        var multiplot = new Multiplot(plots[0]);
        foreach (var p in plots.Skip(1)) multiplot.AddPlot(p);
        foreach (var p in plots) p.Axes.SetLimitsX(0, tMax);
        plots[0].Title("Recorded traces");
        plots[^1].XLabel("time (ms)");
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Rows();
        return multiplot;
    }

    /// <summary>
    /// One trace's panel: a line per neuron, named in a legend only when there are 2 to
    /// <see cref="MaxLegendEntries"/> of them. ScottPlot shows a legend as soon as a line has a
    /// name, so a single neuron's line stays unnamed: its legend box covered the end of the trace.
    /// </summary>
    internal static Plot Panel(TraceData t)
    {
        var plot = FigureWriter.NewPlot();
        int samples = t.Values.GetLength(0);
        bool legend = t.Neurons.Length > 1 && t.Neurons.Length <= MaxLegendEntries;
        for (int c = 0; c < t.Neurons.Length; c++)
        {
            var ys = new double[samples];
            for (int k = 0; k < samples; k++) ys[k] = t.Values[k, c];
            var sig = plot.Add.Signal(ys, t.EveryMs, FigureWriter.LineColor(c));
            sig.LineWidth = 1.2f;
            if (legend) sig.LegendText = $"{t.Population}[{t.Neurons[c]}]";
        }
        plot.YLabel($"{t.Population}.{t.Variable} ({t.Unit})");
        if (legend) plot.ShowLegend(Alignment.UpperRight);
        else plot.HideLegend();
        return plot;
    }
}
