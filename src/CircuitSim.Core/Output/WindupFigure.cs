using CircuitSim.Metrics;
using ScottPlot;

namespace CircuitSim.Output;

/// <summary>Spikes per stimulus against stimulus number, one line per wind-up metric (condition).</summary>
internal static class WindupFigure
{
    public const string FileName = "windup.png";
    public const int Width = 900, Height = 550;

    public static void Write(string path, IReadOnlyList<WindupResult> results)
    {
        using var plot = FigureWriter.NewPlot();
        for (int i = 0; i < results.Count; i++)
        {
            var r = results[i];
            var xs = Enumerable.Range(1, r.SpikesPerStimulus.Length).Select(k => (double)k).ToArray();
            var line = plot.Add.Scatter(xs, r.SpikesPerStimulus, FigureWriter.LineColor(i));
            line.LineWidth = 2;
            line.MarkerSize = 7;
            line.LegendText = $"{r.Name}: {r.Population}, {r.FrequencyHz:G3} Hz (index {r.WindupIndex:0.00})";
        }
        plot.XLabel("stimulus number");
        plot.YLabel("spikes per stimulus (per neuron)");
        plot.Title("Wind-up");
        plot.Axes.AutoScale();
        var lim = plot.Axes.GetLimits();
        plot.Axes.SetLimitsY(0, Math.Max(lim.Top * 1.1, 1));
        plot.ShowLegend(Alignment.UpperLeft);
        AtomicFile.WriteAllBytes(path, plot.GetImageBytes(Width, Height, ImageFormat.Png));
    }
}
