using CircuitSim.Output;
using CircuitSim.Recording;
using ScottPlot;
using SkiaSharp;

namespace CircuitSim.Tests.Output;

public partial class FigureWriterTests
{
    static bool Near(SKColor px, Color c, int tol = 40) =>
        Math.Abs(px.Red - c.R) <= tol && Math.Abs(px.Green - c.G) <= tol && Math.Abs(px.Blue - c.B) <= tol;

    static bool NearAround(SKBitmap bmp, Pixel p, Color c)
    {
        for (int dx = -1; dx <= 1; dx++)
            for (int dy = -1; dy <= 1; dy++)
            {
                int x = (int)Math.Round(p.X) + dx, y = (int)Math.Round(p.Y) + dy;
                if (x >= 0 && y >= 0 && x < bmp.Width && y < bmp.Height && Near(bmp.GetPixel(x, y), c)) return true;
            }
        return false;
    }

    static int CountNear(SKBitmap bmp, Color c) => CountNear(bmp, c, new PixelRect(0, bmp.Width, bmp.Height, 0));

    /// <summary>
    /// Pixels inside <paramref name="rect"/> that are <paramref name="c"/> anti-aliased over white, covering at
    /// least 40 % of the pixel: thin lines (legend symbols) rarely have a pixel of their exact colour.
    /// </summary>
    static int CountDrawnIn(SKBitmap bmp, Color c, PixelRect rect)
    {
        int n = 0;
        for (int y = Math.Max(0, (int)rect.Top); y < Math.Min(bmp.Height, rect.Bottom); y++)
            for (int x = Math.Max(0, (int)rect.Left); x < Math.Min(bmp.Width, rect.Right); x++)
            {
                var p = bmp.GetPixel(x, y);
                // coverage a from the channel that moves most, then every channel must agree with a·c + (1 − a)·white
                int[] from = [255 - c.R, 255 - c.G, 255 - c.B], to = [255 - p.Red, 255 - p.Green, 255 - p.Blue];
                int k = Array.IndexOf(from, from.Max());
                if (from[k] < 40) continue;
                double a = (double)to[k] / from[k];
                if (a >= 0.4 && a <= 1.05 && Enumerable.Range(0, 3).All(j => Math.Abs(to[j] - a * from[j]) <= 12)) n++;
            }
        return n;
    }

    /// <summary>Pixels inside <paramref name="rect"/> within <paramref name="tolerance"/> of <paramref name="c"/> in every channel.</summary>
    static int CountNear(SKBitmap bmp, Color c, PixelRect rect, int tolerance = 10)
    {
        int n = 0;
        int x0 = Math.Max(0, (int)rect.Left), x1 = Math.Min(bmp.Width, (int)Math.Ceiling(rect.Right));
        int y0 = Math.Max(0, (int)rect.Top), y1 = Math.Min(bmp.Height, (int)Math.Ceiling(rect.Bottom));
        for (int y = y0; y < y1; y++)
            for (int x = x0; x < x1; x++)
                if (Near(bmp.GetPixel(x, y), c, tolerance)) n++;
        return n;
    }

    /// <summary>WDR neurons 0 and 2: sine waves (period 20 ms, opposite phase), 1 ms sampling, 100 ms.</summary>
    static TraceData Wave(string variable, string unit, float mean, float amplitude)
    {
        var values = new float[101, 2];
        for (int k = 0; k <= 100; k++)
        {
            values[k, 0] = mean + amplitude * MathF.Sin(k * MathF.PI / 10);
            values[k, 1] = mean - amplitude * MathF.Sin(k * MathF.PI / 10);
        }
        return new TraceData { Population = "WDR", Variable = variable, Unit = unit, Neurons = [0, 2], EveryMs = 1, Values = values };
    }

    [Fact]
    public void RasterHasPopulationColouredDotsExactlyWhereTheSpikesAre()
    {
        using var dir = new TempDir();
        var spikes = new List<PopulationSpikes> { OutputTestData.Afferents(), OutputTestData.Wdr(), OutputTestData.Silent() };
        var path = dir.File("raster.png");
        FigureWriter.WriteRaster(path, spikes, 20);

        using var bmp = SKBitmap.Decode(path);
        Assert.NotNull(bmp);
        Assert.Equal(FigureWriter.RasterWidth, bmp.Width);
        Assert.Equal(FigureWriter.RasterHeight, bmp.Height);

        // Same plot, same size: same layout, so its coordinate → pixel map applies to the file.
        using var plot = RasterFigure.Build(spikes, 20, FigureWriter.MaxRasterPoints);
        var again = plot.GetImageBytes(FigureWriter.RasterWidth, FigureWriter.RasterHeight, ImageFormat.Png);
        Assert.Equal(File.ReadAllBytes(path), again);

        double[] offsets = [0, 4, 7];
        for (int i = 0; i < 2; i++)
            for (int s = 0; s < spikes[i].TimesMs.Length; s++)
            {
                var px = plot.GetPixel(new Coordinates(spikes[i].TimesMs[s], offsets[i] + spikes[i].NodeIds[s]));
                Assert.True(NearAround(bmp, px, FigureWriter.PopulationColor(i)),
                    $"no {spikes[i].Population} dot at t={spikes[i].TimesMs[s]} id={spikes[i].NodeIds[s]} (pixel {px})");
            }

        // Where no neuron spiked (C neuron 1 at t = 15 ms; WDR neuron 0 at t = 5 ms) the background shows.
        Assert.False(NearAround(bmp, plot.GetPixel(new Coordinates(15, 1)), FigureWriter.PopulationColor(0)));
        Assert.False(NearAround(bmp, plot.GetPixel(new Coordinates(5, 4)), FigureWriter.PopulationColor(1)));
        // Nothing is drawn in the third colour (the silent population).
        Assert.Equal(0, CountNear(bmp, FigureWriter.PopulationColor(2)));
    }

    [Fact]
    public void LargeRastersAreSubsampledByNeuronUnderTheCap()
    {
        var ids = new List<int>();
        var times = new List<double>();
        for (int k = 0; k < 100; k++)
            for (int id = 0; id < 100; id++) { ids.Add(id); times.Add(k * 10.0 + id * 0.01); }
        var p = new PopulationSpikes { Population = "Big", Size = 100, NodeIds = ids.ToArray(), TimesMs = times.ToArray() };

        int stride = RasterFigure.NeuronStride([p], 2_000);
        Assert.Equal(5, stride);   // 10 000 spikes, 100 per neuron: 1 in 5 neurons keeps 2 000
        Assert.Equal(1, RasterFigure.NeuronStride([p], 10_000));

        using var plot = RasterFigure.Build([p], 1000, 2_000);
        var shown = plot.GetPlottables<ScottPlot.Plottables.Markers>().Sum(m => m.Data.GetScatterPoints().Count);
        Assert.Equal(2_000, shown);
        Assert.All(plot.GetPlottables<ScottPlot.Plottables.Markers>().SelectMany(m => m.Data.GetScatterPoints()),
            c => Assert.Equal(0, (int)c.Y % 5));
        Assert.Contains("1 in 5 neurons", plot.Axes.Title.Label.Text);
    }

    [Fact]
    public void RateBinsAreNiceAndRatesAreInHertz()
    {
        Assert.Equal(1.0, FigureWriter.RateBinMs(20));
        Assert.Equal(2.0, FigureWriter.RateBinMs(350));
        Assert.Equal(5.0, FigureWriter.RateBinMs(1000));
        Assert.Equal(50.0, FigureWriter.RateBinMs(10_000));
        Assert.Equal(500.0, FigureWriter.RateBinMs(100_000));

        // WDR (3 neurons): spikes at 3, 5, 7, 9, 9.5 ms; 5 ms bins over 20 ms.
        var rates = RatesFigure.BinnedRates(OutputTestData.Wdr(), 20, 5);
        Assert.Equal(4, rates.Length);
        Assert.Equal(1 / 3.0 / 0.005, rates[0], 9);   // 1 spike in [0, 5)
        Assert.Equal(4 / 3.0 / 0.005, rates[1], 9);   // 5, 7, 9, 9.5
        Assert.Equal(0.0, rates[2]);
        // A partial last bin is normalised by its own width; a spike at exactly the end counts.
        var edge = new PopulationSpikes { Population = "E", Size = 1, TimesMs = [11.0, 12.0], NodeIds = [0, 0] };
        var partial = RatesFigure.BinnedRates(edge, 12, 5);
        Assert.Equal(3, partial.Length);
        Assert.Equal(2 / 0.002, partial[2], 9);
    }

    [Fact]
    public void RatesAndTracesFiguresDrawTheirLines()
    {
        using var dir = new TempDir();
        var spikes = new List<PopulationSpikes> { OutputTestData.Afferents(), OutputTestData.Wdr() };
        var rates = dir.File("rates.png");
        FigureWriter.WriteRates(rates, spikes, 20);
        using (var bmp = SKBitmap.Decode(rates))
        {
            Assert.Equal((FigureWriter.RatesWidth, FigureWriter.RatesHeight(1)), (bmp.Width, bmp.Height));
            Assert.True(CountNear(bmp, FigureWriter.PopulationColor(0)) > 100);
            Assert.True(CountNear(bmp, FigureWriter.PopulationColor(1)) > 100);
        }

        var traces = dir.File("traces.png");
        Assert.True(FigureWriter.WriteTraces(traces, [Wave("v", "mV", -65, 10), Wave("g_NMDA", "nS", 1, 0.5f)]));
        using (var bmp = SKBitmap.Decode(traces))
        {
            Assert.Equal(FigureWriter.TracesWidth, bmp.Width);
            Assert.Equal(2 * FigureWriter.TracePanelHeight + 40, bmp.Height);
            Assert.True(CountNear(bmp, FigureWriter.LineColor(0)) > 100);   // neuron 0's line
            Assert.True(CountNear(bmp, FigureWriter.LineColor(1)) > 100);   // neuron 2's line
        }

        Assert.False(FigureWriter.WriteTraces(dir.File("none.png"), []));
        Assert.False(File.Exists(dir.File("none.png")));
    }

    [Fact]
    public void A_single_traced_neuron_gets_no_legend_box_over_its_line()
    {
        // regression: ScottPlot shows a legend as soon as a line is named, so windup.yaml's one traced
        // WDR neuron got a "WDR[0]" box in the lower right, over the 1 Hz train at the end of the trace
        static int Named(Plot plot) => plot.GetPlottables().SelectMany(p => p.LegendItems).Count(i => !string.IsNullOrEmpty(i.LabelText));
        var one = Wave("v", "mV", -65, 10);
        var single = new TraceData { Population = one.Population, Variable = one.Variable, Unit = one.Unit, Neurons = [0], EveryMs = 1,
            Values = new float[101, 1] };
        Assert.Equal(0, Named(TracesFigure.Panel(single)));
        Assert.Equal(2, Named(TracesFigure.Panel(one)));   // two neurons: a legend that tells them apart
    }

    [Fact]
    public void Windup_conditions_are_drawn_in_different_hues()
    {
        // regression: the two conditions were a dark/light pair of one hue (Category20), the 1 Hz line pale
        using var dir = new TempDir();
        var path = dir.File("windup.png");
        double[] Rising(double a) => Enumerable.Range(0, 16).Select(k => a + 0.3 * k).ToArray();
        WindupFigure.Write(path, [
            new CircuitSim.Metrics.WindupResult("slow", "WDR", "train", 0.1, 150, 600, Enumerable.Repeat(0.6, 16).ToArray(), 0, 1),
            new CircuitSim.Metrics.WindupResult("fast", "WDR", "train", 1, 150, 600, Rising(0.6), 3, 8),
        ]);
        using var bmp = SKBitmap.Decode(path);
        Assert.Equal((WindupFigure.Width, WindupFigure.Height), (bmp.Width, bmp.Height));
        Color a = FigureWriter.LineColor(0), b = FigureWriter.LineColor(1);
        Assert.True(CountNear(bmp, a) > 100 && CountNear(bmp, b) > 100);
        // different hues, not a dark and a light shade of one (Category20's first pair differs by 9°)
        static double Hue(Color c)
        {
            double r = c.R / 255.0, g = c.G / 255.0, bl = c.B / 255.0, max = Math.Max(r, Math.Max(g, bl)), d = max - Math.Min(r, Math.Min(g, bl));
            double h = d == 0 ? 0 : max == r ? (g - bl) / d % 6 : max == g ? (bl - r) / d + 2 : (r - g) / d + 4;
            return (h * 60 + 360) % 360;
        }
        double dh = Math.Abs(Hue(a) - Hue(b));
        Assert.True(Math.Min(dh, 360 - dh) > 60, $"hues {Hue(a):F0}° and {Hue(b):F0}°");
    }
}
