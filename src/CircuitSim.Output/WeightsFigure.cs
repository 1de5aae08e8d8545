using CircuitSim.Recording;
using ScottPlot;

namespace CircuitSim.Output;

/// <summary><c>weights.png</c>: per plastic projection, its mean weight scale over time (top) and the fraction of synapses UP (bottom).</summary>
internal static class WeightsFigure
{
    public const string FileName = "weights.png";

    public static void Write(string path, IReadOnlyList<WeightTrace> traces)
    {
        var scale = FigureWriter.NewPlot();
        var up = FigureWriter.NewPlot();
        double tMax = 0;
        for (int q = 0; q < traces.Count; q++)
        {
            var t = traces[q];
            double[] time = Enumerable.Range(0, t.MeanScale.Length).Select(k => k * t.EveryMs / 1000.0).ToArray();
            if (time.Length > 0) tMax = Math.Max(tMax, time[^1]);
            var a = scale.Add.ScatterLine(time, t.MeanScale.Select(x => (double)x).ToArray(), FigureWriter.LineColor(q));
            a.LineWidth = 1.5f;
            a.LegendText = t.Projection;
            var b = up.Add.ScatterLine(time, t.FractionUp.Select(x => (double)x).ToArray(), FigureWriter.LineColor(q));
            b.LineWidth = 1.5f;
        }
        scale.YLabel("mean weight (× scenario's)");
        scale.Title("Plastic synapses");
        scale.ShowLegend(Alignment.UpperLeft);
        up.YLabel("fraction of synapses UP");
        up.Axes.SetLimitsY(0, 1.05);
        up.XLabel("time (s)");
        foreach (var p in new[] { scale, up }) p.Axes.SetLimitsX(0, Math.Max(tMax, 1e-3));
        var multiplot = new Multiplot(scale);
        multiplot.AddPlot(up);
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Rows();
        FigureWriter.SaveMultiplot(path, multiplot, FigureWriter.TracesWidth, 600);
    }
}
