using ScottPlot;

namespace CircuitSim.Output;

/// <summary>Figures of a parameter study: a metric against two parameters as a heat map, or against one as curves.</summary>
public static class StudyFigures
{
    /// <param name="values">values[iy, ix]: the metric's mean at y value iy and x value ix (NaN: no run).</param>
    public static void WriteHeatmap(string path, string title, string metric, string xName, string yName,
        IReadOnlyList<double> xs, IReadOnlyList<double> ys, double[,] values)
    {
        var plot = FigureWriter.NewPlot();
        // ScottPlot draws row 0 at the top: flip so that y grows upwards
        int ny = ys.Count, nx = xs.Count;
        var flipped = new double[ny, nx];
        for (int i = 0; i < ny; i++)
            for (int j = 0; j < nx; j++) flipped[ny - 1 - i, j] = values[i, j];
        var hm = plot.Add.Heatmap(flipped);
        hm.Colormap = new ScottPlot.Colormaps.Viridis();
        hm.Extent = new CoordinateRect(-0.5, nx - 0.5, -0.5, ny - 0.5);
        var bar = plot.Add.ColorBar(hm);
        bar.Label = metric;
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        foreach (double v in values) if (double.IsFinite(v)) { lo = Math.Min(lo, v); hi = Math.Max(hi, v); }
        for (int i = 0; i < ny; i++)
            for (int j = 0; j < nx; j++)
                if (double.IsFinite(values[i, j]))
                {
                    var t = plot.Add.Text(values[i, j].ToString("0.##", System.Globalization.CultureInfo.InvariantCulture), j, i);
                    // Viridis runs dark to bright yellow: black numbers on the brighter half, white on the darker
                    double u = hi > lo ? (values[i, j] - lo) / (hi - lo) : 0;
                    t.LabelFontColor = u > 0.55 ? Colors.Black : Colors.White;
                    t.LabelAlignment = Alignment.MiddleCenter;
                    t.LabelFontSize = 12;
                }
        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, nx).Select(i => (double)i).ToArray(), xs.Select(v => v.ToString("G4", System.Globalization.CultureInfo.InvariantCulture)).ToArray());
        plot.Axes.Left.SetTicks(Enumerable.Range(0, ny).Select(i => (double)i).ToArray(), ys.Select(v => v.ToString("G4", System.Globalization.CultureInfo.InvariantCulture)).ToArray());
        plot.Axes.SetLimits(-0.5, nx - 0.5, -0.5, ny - 0.5);
        plot.Title(title);
        plot.XLabel(xName);
        plot.YLabel(yName);
        FigureWriter.Save(path, plot, 900, 640);
    }

    /// <param name="lines">Per arm: the x values, the metric's mean at each, and every run's (x, value).</param>
    public static void WriteCurve(string path, string title, string metric, string xName,
        IReadOnlyList<(string Arm, double[] X, double[] Mean, (double X, double Y)[] Runs)> lines)
    {
        var plot = FigureWriter.NewPlot();
        for (int a = 0; a < lines.Count; a++)
        {
            var (arm, x, mean, runs) = lines[a];
            var l = plot.Add.ScatterLine(x, mean, FigureWriter.LineColor(a));
            l.LineWidth = 2;
            l.LegendText = lines.Count > 1 ? arm : "mean over seeds";
            foreach (var (rx, ry) in runs)
                if (double.IsFinite(ry)) plot.Add.Marker(rx, ry, MarkerShape.OpenCircle, 6, FigureWriter.LineColor(a));
        }
        plot.Title(title);
        plot.XLabel(xName);
        plot.YLabel(metric);
        plot.ShowLegend(Edge.Right); // outside the data: no marker hides behind it
        FigureWriter.Save(path, plot, 900, 560);
    }
}
