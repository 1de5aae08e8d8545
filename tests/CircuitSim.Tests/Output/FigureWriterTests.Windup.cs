using CircuitSim.Output;
using ScottPlot;
using ScottPlot.Plottables;
using SkiaSharp;

namespace CircuitSim.Tests.Output;

public partial class FigureWriterTests
{
    [Fact]
    public void Windup_figure_normalises_each_train_to_its_first_response_and_says_when_it_cannot()
    {
        // regression: trains of different strength could only be compared in absolute spikes per pulse
        var fast = Windup("fast", 1, [0.5, 1, 1.5, 2], afterDischarge: [0.1, 0.2, 0.3, 0.4]);
        var silentFirst = Windup("silent_first", 0.1, [0, 0.5, 1, 1]);
        Assert.Equal([1.0, 2, 3, 4], WindupFigure.Normalised(fast.SpikesPerStimulus)!);
        Assert.Null(WindupFigure.Normalised(silentFirst.SpikesPerStimulus));
        Assert.Null(WindupFigure.Normalised([]));

        using var dir = new TempDir();
        var path = dir.File("windup.png");
        WindupFigure.Write(path, [fast, silentFirst]);
        var multiplot = WindupFigure.Build([fast, silentFirst]);
        FigureWriter.AlignDataAreas(multiplot, WindupFigure.Width, WindupFigure.Height);
        Assert.Equal(File.ReadAllBytes(path), multiplot.Render(WindupFigure.Width, WindupFigure.Height).GetImageBytes(ImageFormat.Png, 100));
        var plots = multiplot.Subplots.GetPlots();
        Assert.Equal(2, plots.Length);
        var (counts, normalised) = (plots[0], plots[1]);

        // the normalised panel: the fast train over its first response; the other left out, with a note
        var line = Assert.Single(normalised.GetPlottables().OfType<Scatter>());
        Assert.Equal([1.0, 2, 3, 4], line.Data.GetScatterPoints().Select(c => c.Y));
        Assert.Equal(FigureWriter.LineColor(0), line.LineColor);
        Assert.Contains(normalised.Legend.GetItems(), i => i.LabelText.StartsWith("silent_first: first response 0"));
        // the counts panel: both trains, and the fast train's after-discharge dashed
        Assert.Equal(3, counts.GetPlottables().OfType<Scatter>().Count());
        var after = Assert.Single(counts.GetPlottables().OfType<Scatter>(), s => s.LegendText == "fast: after-discharge");
        Assert.Equal(LinePattern.Dashed, after.LinePattern);
        Assert.Equal([0.1, 0.2, 0.3, 0.4], after.Data.GetScatterPoints().Select(c => c.Y));

        using var bmp = SKBitmap.Decode(path);
        var countsData = counts.RenderManager.LastRender.DataRect;
        var normalisedData = normalised.RenderManager.LastRender.DataRect;
        Assert.True(normalisedData.Top > countsData.Bottom);   // stacked, counts on top
        Assert.True(CountNear(bmp, FigureWriter.LineColor(1), countsData) > 50);
        Assert.True(CountNear(bmp, FigureWriter.LineColor(0), normalisedData) > 50);
        Assert.Equal(0, CountNear(bmp, FigureWriter.LineColor(1), normalisedData));
        foreach (var p in plots) p.Dispose();
    }
}
