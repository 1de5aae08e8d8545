using CircuitSim.Metrics;
using CircuitSim.Output;
using CircuitSim.Recording;
using ScottPlot;
using ScottPlot.Plottables;
using SkiaSharp;
using static CircuitSim.Tests.Output.ColourMeasures;

namespace CircuitSim.Tests.Output;

public partial class FigureWriterTests
{
    /// <summary>A wind-up result of the WDR neurons, counted 60–390 ms after each pulse.</summary>
    static WindupResult Windup(string name, double hz, double[] counts, double[]? afterDischarge = null) =>
        new(name, "WDR", "train", hz, 60, 390, counts, 0, null)
        {
            ByWindow = afterDischarge is null ? new Dictionary<string, double[]>() : new() { ["after_discharge"] = afterDischarge },
        };

    /// <summary>
    /// What a plot draws as data or marks: lines and markers of series, vertical mark lines. Horizontal
    /// lines (raster band separators, the normalised panel's "1") are left out: they are faint on purpose, like the grid.
    /// </summary>
    static IEnumerable<(string What, Color Colour)> StrokeColours(Plot plot)
    {
        foreach (var p in plot.GetPlottables())
            switch (p)
            {
                case Scatter s:
                    if (s.LineWidth > 0) yield return ($"line of {s.LegendText}", s.LineColor);
                    if (s.MarkerSize > 0 && s.MarkerShape != MarkerShape.None)
                    {
                        yield return ($"marker fill of {s.LegendText}", s.MarkerFillColor);
                        yield return ($"marker outline of {s.LegendText}", s.MarkerLineColor);
                    }
                    break;
                case Markers m:
                    yield return ("raster markers", m.MarkerFillColor);
                    break;
                case Signal g:
                    yield return ($"trace {g.LegendText}", g.LineColor);
                    break;
                case VerticalLine v:
                    yield return ("mark line", v.LineColor);
                    break;
            }
    }

    [Fact]
    public void Every_line_and_marker_colour_stands_out_against_white()
    {
        // regression: every second population was drawn in Category20's light half (pale blue, pale
        // orange, pale green, ...): 14 of its 20 colours have less than 3:1 contrast against white (WCAG 2)
        var spikes = OutputTestData.BaseCircuit();
        var marks = new TimeMarks([new StimulusSpan("touch", 100, 300)], [new StimulusPulses("pulse", [500])], [new InterventionMark("drug", 600)]);
        var eight = new float[11, 8];
        for (int k = 0; k < 11; k++) for (int c = 0; c < 8; c++) eight[k, c] = -65 + c + k;
        var trace = new TraceData { Population = "WDR", Variable = "v", Unit = "mV", Neurons = [.. Enumerable.Range(0, 8)], EveryMs = 1, Values = eight };

        var plots = new List<Plot> { RasterFigure.Build(spikes, 1000, FigureWriter.MaxRasterPoints, marks) };
        plots.AddRange(RatesFigure.Build(spikes, 1000, marks).Subplots.GetPlots());
        plots.AddRange(WindupFigure.Build([Windup("slow", 0.1, [1, 1, 1], [0.2, 0.1, 0.3]), Windup("fast", 1, [1, 2, 3], [0.2, 0.5, 0.9])]).Subplots.GetPlots());
        plots.AddRange(TracesFigure.Build([trace])!.Subplots.GetPlots());
        var drawn = plots.SelectMany(StrokeColours).Where(d => d.Colour.A > 0).ToList();
        foreach (var p in plots) p.Dispose();

        Assert.Contains(drawn, d => d.What == "raster markers");
        Assert.Contains(drawn, d => d.What == "line of WDR");
        Assert.Contains(drawn, d => d.What.StartsWith("trace"));
        Assert.Contains(drawn, d => d.What == "mark line");
        Assert.Contains(drawn, d => d.What == "marker outline of fast: after-discharge");
        Assert.All(drawn, d => Assert.True(ContrastAgainstWhite(d.Colour) >= 3,
            $"{d.What}: {d.Colour.ToHex()} has {ContrastAgainstWhite(d.Colour):F2}:1 against white"));

        // the colours checked are the colours drawn: each population's line is in rates.png
        using var dir = new TempDir();
        var path = dir.File("rates.png");
        FigureWriter.WriteRates(path, spikes, 1000);
        using var bmp = SKBitmap.Decode(path);
        for (int i = 0; i < spikes.Count; i++)
            Assert.True(CountNear(bmp, FigureWriter.PopulationColor(i)) > 50, $"{spikes[i].Population}'s colour is not in rates.png");
    }

    [Fact]
    public void Lines_that_share_a_rates_panel_differ_clearly_in_colour()
    {
        var spikes = OutputTestData.BaseCircuit();
        foreach (var panel in RatePanels.Split(spikes))
            foreach (int a in panel.Populations)
                foreach (int b in panel.Populations.Where(b => b > a))
                {
                    double d = DeltaE76(FigureWriter.PopulationColor(a), FigureWriter.PopulationColor(b));
                    Assert.True(d >= 15, $"{spikes[a].Population} and {spikes[b].Population} in '{panel.Title}': ΔE {d:F1}");
                }
    }
}
