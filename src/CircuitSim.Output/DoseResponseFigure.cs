using ScottPlot;

namespace CircuitSim.Output;

/// <summary>
/// A dose-response curve: the response (% of the response before the drug) against log10 of the dose, one marker
/// per seed and a line through the means; the response without the drug as a dashed line.
/// </summary>
public static class DoseResponseFigure
{
    /// <param name="points">Per dose (in the dose's unit) the responses of each seed, % of before.</param>
    public static void Write(string path, string title, string doseUnit, IReadOnlyList<(double Dose, double[] Responses)> points, double[] withoutDrug)
    {
        var plot = FigureWriter.NewPlot();
        double[] xs = points.Select(p => Math.Log10(p.Dose)).ToArray();
        double[] means = points.Select(p => p.Responses.Average()).ToArray();
        var line = plot.Add.ScatterLine(xs, means, FigureWriter.LineColor(0));
        line.LineWidth = 2;
        line.LegendText = "mean over seeds";
        for (int q = 0; q < points.Count; q++)
            foreach (double r in points[q].Responses)
            {
                var m = plot.Add.Marker(xs[q], r, MarkerShape.OpenCircle, 7, FigureWriter.LineColor(0));
                m.LegendText = "";
            }
        if (withoutDrug.Length > 0)
        {
            var h = plot.Add.HorizontalLine(withoutDrug.Average(), 1.5f, FigureWriter.LineColor(1), LinePattern.Dashed);
            h.LegendText = "no drug";
        }
        plot.Title(title);
        plot.XLabel($"log10 dose ({doseUnit})");
        plot.YLabel("response after / before (%)");
        plot.Axes.SetLimitsY(0, Math.Max(120, points.SelectMany(p => p.Responses).DefaultIfEmpty(100).Max() * 1.1));
        plot.ShowLegend(Alignment.LowerLeft);
        FigureWriter.Save(path, plot, 900, 560);
    }
}
