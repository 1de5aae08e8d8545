using CircuitSim.Metrics;
using ScottPlot;

namespace CircuitSim.Output;

/// <summary>
/// The wind-up figure, one line per wind-up metric (condition), against pulse number, in two panels:
/// spikes per neuron in the counted window after each pulse (with the after-discharge dashed, where it
/// was counted), and the same responses divided by the first response of their train, so trains of
/// different strength or frequency compare at a glance (1 = no wind-up). A train whose first response is
/// 0 has nothing to divide by: it is left out of the second panel, and its legend says so.
/// </summary>
public static class WindupFigure
{
    public const string FileName = "windup.png";
    public const int Width = 1100, Height = 850;
    const string AfterDischarge = "after_discharge";

    public static void Write(string path, IReadOnlyList<WindupResult> results) =>
        FigureWriter.SaveMultiplot(path, Build(results), Width, Height);

    /// <summary>Two panels: the counts (index 0), then the normalised responses (index 1).</summary>
    internal static Multiplot Build(IReadOnlyList<WindupResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var counts = CountsPanel(results);
        var normalised = NormalisedPanel(results);
        var multiplot = new Multiplot(counts);
        multiplot.AddPlot(normalised);
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Rows();
        // one pulse-number axis for both, even when the second panel leaves a longer train out
        int pulses = Math.Max(1, results.Select(r => r.SpikesPerStimulus.Length).DefaultIfEmpty(0).Max());
        foreach (var p in new[] { counts, normalised })
        {
            p.Axes.SetLimitsX(0.5, pulses + 0.5);
            p.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true }; // pulses are counted
        }
        return multiplot;
    }

    /// <summary>Each response over the first; null when there is no first response, or it is 0.</summary>
    public static double[]? Normalised(double[] responses) =>
        responses.Length > 0 && responses[0] > 0 ? responses.Select(r => r / responses[0]).ToArray() : null;

    static Plot CountsPanel(IReadOnlyList<WindupResult> results)
    {
        var plot = FigureWriter.NewPlot();
        for (int i = 0; i < results.Count; i++)
        {
            var r = results[i];
            var line = AddTrain(plot, r.SpikesPerStimulus, FigureWriter.LineColor(i));
            line.LegendText = $"{r.Name}: {r.Population}, {r.FrequencyHz:G3} Hz\n{r.WindowStartMs:0}–{r.WindowEndMs:0} ms after each pulse, index {r.WindupIndex:0.00}";
            if (r.ByWindow.TryGetValue(AfterDischarge, out var after) && after.Length > 0)
            {
                var dashed = AddTrain(plot, after, FigureWriter.LineColor(i));
                dashed.LinePattern = LinePattern.Dashed;
                dashed.MarkerShape = MarkerShape.OpenCircle;
                dashed.LegendText = $"{r.Name}: after-discharge";
            }
        }
        plot.Title("Wind-up: spikes per neuron after each pulse");
        plot.YLabel("spikes per pulse (per neuron)");
        FromZero(plot);
        plot.ShowLegend(Edge.Right);
        return plot;
    }

    static Plot NormalisedPanel(IReadOnlyList<WindupResult> results)
    {
        var plot = FigureWriter.NewPlot();
        plot.Add.HorizontalLine(1, 1, Colors.Gray, LinePattern.Dotted); // the first response
        for (int i = 0; i < results.Count; i++)
        {
            var r = results[i];
            if (Normalised(r.SpikesPerStimulus) is { } ys)
                AddTrain(plot, ys, FigureWriter.LineColor(i)).LegendText = $"{r.Name}: {r.FrequencyHz:G3} Hz";
            else
                plot.Legend.ManualItems.Add(new LegendItem
                {
                    LabelText = r.SpikesPerStimulus.Length == 0 ? $"{r.Name}: no pulse counted,\nnot normalised" : $"{r.Name}: first response 0,\nnot normalised",
                    LineWidth = 0,
                    MarkerShape = MarkerShape.None,
                });
        }
        plot.Title("Normalised to the first response of each train");
        plot.XLabel("pulse number");
        plot.YLabel("response / first response");
        FromZero(plot);
        plot.ShowLegend(Edge.Right);
        return plot;
    }

    static ScottPlot.Plottables.Scatter AddTrain(Plot plot, double[] ys, Color color)
    {
        var xs = Enumerable.Range(1, ys.Length).Select(k => (double)k).ToArray();
        var line = plot.Add.Scatter(xs, ys, color);
        line.LineWidth = 2;
        line.MarkerSize = 7;
        return line;
    }

    /// <summary>y from 0, so a flat response looks flat, and to at least 1 (≥ 1.1 × the highest point).</summary>
    static void FromZero(Plot plot)
    {
        plot.Axes.AutoScale();
        var lim = plot.Axes.GetLimits();
        plot.Axes.SetLimitsY(0, Math.Max(lim.Top * 1.1, 1));
    }
}
