using CircuitSim.Model;
using CircuitSim.Output;
using CircuitSim.Recording;
using ScottPlot;
using ScottPlot.Plottables;
using SkiaSharp;
using static CircuitSim.Tests.Output.ColourMeasures;

namespace CircuitSim.Tests.Output;

public partial class FigureWriterTests
{
    [Fact]
    public void Stimuli_become_spans_or_pulse_ticks_and_interventions_at_one_time_share_a_line()
    {
        var spec = new ScenarioSpec { Name = "marks", DurationMs = 9000 };
        StimulusSpec Stimulus(string name, StimulusProtocol protocol, double start) => new() { Name = name, Target = "X", Protocol = protocol, StartMs = start };
        var touch = Stimulus("touch", StimulusProtocol.PulseTrain, 1000);
        (touch.Count, touch.FrequencyHz, touch.PulseWidthMs) = (10, 5, 2);
        var triplet = Stimulus("triplet", StimulusProtocol.PulseTrain, 5000);
        (triplet.Count, triplet.FrequencyHz) = (3, 10);
        var step = Stimulus("step", StimulusProtocol.Current, 500);
        step.DurationMs = 100;
        var press = Stimulus("press", StimulusProtocol.Natural, 8000);
        press.DurationMs = 5000;   // past the end of the run
        spec.Stimuli.AddRange([touch, Stimulus("single", StimulusProtocol.PulseTrain, 4500), triplet,
            Stimulus("sa", StimulusProtocol.Poisson, 6000), Stimulus("ra", StimulusProtocol.Poisson, 6000), step, press,
            Stimulus("late", StimulusProtocol.PulseTrain, 9500)]);
        spec.Interventions.AddRange([new InterventionSpec { Name = "bicuculline", AtMs = 4000 }, new InterventionSpec { Name = "strychnine", AtMs = 4000 },
            new InterventionSpec { Name = "washout", AtMs = 20_000 }]);

        var marks = TimeMarks.From(spec, 9000);
        Assert.Equal([new StimulusSpan("touch", 1000, 2802), new StimulusSpan("sa + ra", 6000, 9000), new StimulusSpan("step", 500, 600),
            new StimulusSpan("press", 8000, 9000)], marks.Spans);
        Assert.Equal(["single", "triplet"], marks.Pulses.Select(p => p.Label));
        Assert.Equal([4500.0], marks.Pulses[0].TimesMs);
        Assert.Equal([5000.0, 5100, 5200], marks.Pulses[1].TimesMs);
        Assert.Equal([new InterventionMark("bicuculline + strychnine", 4000)], marks.Interventions);
        Assert.True(TimeMarks.From(new ScenarioSpec { Name = "none" }, 1000).IsEmpty);
    }

    [Fact]
    public void The_results_folder_marks_the_scenarios_stimuli_and_interventions()
    {
        using var dir = new TempDir();
        var r = OutputTestData.Result();
        r.Spec.Interventions.Add(new InterventionSpec { Name = "drug", AtMs = 10.5 });
        ResultsWriter.WriteAll(r, dir.Path);
        var marks = TimeMarks.From(r.Spec, r.DurationMs);
        Assert.Single(marks.Interventions);
        using var plot = RasterFigure.Build(r.Spikes, r.DurationMs, FigureWriter.MaxRasterPoints, marks);
        Assert.Equal(plot.GetImageBytes(FigureWriter.RasterWidth, FigureWriter.RasterHeight, ImageFormat.Png),
            File.ReadAllBytes(Path.Combine(dir.Path, ResultsWriter.RasterFile)));
    }

    static readonly TimeMarks SmallMarks = new([new StimulusSpan("touch", 12, 16)], [new StimulusPulses("pulse", [4])], [new InterventionMark("drug", 10.5)]);

    /// <summary>Pixels near <paramref name="c"/> in the column at <paramref name="x"/>, inside the data area and its frame.</summary>
    static int ColumnNear(SKBitmap bmp, Color c, float x, PixelRect data) =>
        CountNear(bmp, c, new PixelRect(x - 1, x + 2, data.Bottom - 2, data.Top + 2));

    [Fact]
    public void Raster_shows_stimuli_as_shaded_spans_and_ticks_and_interventions_as_dashed_lines_named_above_the_data()
    {
        // regression: nothing on the raster said when the stimuli came or when the drug was given
        using var dir = new TempDir();
        var spikes = new List<PopulationSpikes> { OutputTestData.Afferents(), OutputTestData.Wdr(), OutputTestData.Silent() };
        var path = dir.File("raster.png");
        FigureWriter.WriteRaster(path, spikes, 20, SmallMarks);
        using var plot = RasterFigure.Build(spikes, 20, FigureWriter.MaxRasterPoints, SmallMarks);
        Assert.Equal(File.ReadAllBytes(path), plot.GetImageBytes(FigureWriter.RasterWidth, FigureWriter.RasterHeight, ImageFormat.Png));
        using var bmp = SKBitmap.Decode(path);
        var data = plot.RenderManager.LastRender.DataRect;

        // the silent population's band (y 7–8) is shaded inside the stimulus span and white outside it
        Color tint = OnWhite(TimeMarksLayer.SpanFill);
        Assert.True(Near(bmp.GetPixel((int)plot.GetPixel(new Coordinates(13.3, 7.8)).X, (int)plot.GetPixel(new Coordinates(13.3, 7.8)).Y), tint, 6));
        var outside = plot.GetPixel(new Coordinates(8.7, 7.8));
        Assert.True(Near(bmp.GetPixel((int)outside.X, (int)outside.Y), Colors.White, 2));
        // the intervention's dashed line and the pulse's dotted line run down the data area
        Assert.True(ColumnNear(bmp, TimeMarksLayer.InterventionLine, plot.GetPixel(new Coordinates(10.5, 0)).X, data) > data.Height / 4);
        Assert.True(ColumnNear(bmp, TimeMarksLayer.PulseLine, plot.GetPixel(new Coordinates(4, 0)).X, data) > data.Height / 6);
        Assert.Equal(0, ColumnNear(bmp, TimeMarksLayer.InterventionLine, plot.GetPixel(new Coordinates(7, 0)).X, data));

        // names as labels of the top axis, above the data area: dark text there, at each mark
        var named = plot.Axes.Top.TickGenerator.Ticks.Where(t => t.Label.Length > 0).Select(t => (t.Position, t.Label.TrimEnd('\n')));
        Assert.Equal([(4.0, "pulse"), (10.5, "drug"), (14.0, "touch")], named.OrderBy(n => n.Position));
        foreach (double x in new[] { 4, 10.5, 14 })
        {
            float px = plot.GetPixel(new Coordinates(x, 0)).X;
            Assert.True(CountDark(bmp, new PixelRect(px - 15, px + 15, data.Top - 4, data.Top - 22)) > 10, $"no label above the data at {x} ms");
        }
    }

    /// <summary>Pixels darker than mid-grey inside <paramref name="rect"/> (text, lines).</summary>
    static int CountDark(SKBitmap bmp, PixelRect rect)
    {
        int n = 0;
        for (int y = (int)rect.Top; y < rect.Bottom; y++)
            for (int x = (int)rect.Left; x < rect.Right; x++)
                if (bmp.GetPixel(x, y) is var p && p.Red + p.Green + p.Blue < 3 * 128) n++;
        return n;
    }

    [Fact]
    public void Overlapping_mark_names_are_stacked_in_rows()
    {
        // two names 1 ms apart on a 1000 ms axis would print over each other
        var marks = new TimeMarks([new StimulusSpan("c_with_abeta", 500, 502), new StimulusSpan("abeta_sa + abeta_sa2", 499, 503)], [],
            [new InterventionMark("far away", 900)]);
        using var plot = RasterFigure.Build([OutputTestData.Afferents()], 1000, FigureWriter.MaxRasterPoints, marks);
        plot.RenderInMemory(FigureWriter.RasterWidth, FigureWriter.RasterHeight);   // ticks are generated for a render
        var rows = plot.Axes.Top.TickGenerator.Ticks.Where(t => t.Label.Length > 0)
            .ToDictionary(t => t.Label.TrimEnd('\n'), t => t.Label.Length - t.Label.TrimEnd('\n').Length);
        Assert.Equal(0, rows["far away"]);
        Assert.Equal(1, rows["c_with_abeta"] + rows["abeta_sa + abeta_sa2"]);
    }

    [Fact]
    public void Every_rates_panel_shows_the_marks_and_the_first_names_them()
    {
        var spikes = OutputTestData.BaseCircuit();
        var marks = new TimeMarks([new StimulusSpan("touch", 200, 400)], [new StimulusPulses("pulse", [100])], [new InterventionMark("drug", 600)]);
        using var dir = new TempDir();
        var path = dir.File("rates.png");
        FigureWriter.WriteRates(path, spikes, 1000, marks);
        var multiplot = RatesFigure.Build(spikes, 1000, marks);
        int width = FigureWriter.RatesWidth, height = FigureWriter.RatesHeight(multiplot.Subplots.Count);
        FigureWriter.AlignDataAreas(multiplot, width, height);
        Assert.Equal(File.ReadAllBytes(path), multiplot.Render(width, height).GetImageBytes(ImageFormat.Png, 100));
        using var bmp = SKBitmap.Decode(path);
        var plots = multiplot.Subplots.GetPlots();
        for (int k = 0; k < plots.Length; k++)
        {
            var data = plots[k].RenderManager.LastRender.DataRect;
            Assert.Single(plots[k].GetPlottables().OfType<HorizontalSpan>());
            Assert.True(ColumnNear(bmp, TimeMarksLayer.InterventionLine, plots[k].GetPixel(new Coordinates(600, 0)).X, data) > data.Height / 4,
                $"panel {k}: no intervention line");
            // just under the top of the data area, above every rate line, off the grid: shaded in the span
            var inSpan = plots[k].GetPixel(new Coordinates(330, 0));
            Assert.True(Near(bmp.GetPixel((int)inSpan.X, (int)data.Top + 3), OnWhite(TimeMarksLayer.SpanFill), 6), $"panel {k}: span not shaded");
            var names = plots[k].Axes.Top.TickGenerator.Ticks.Where(t => t.Label.Length > 0).Select(t => t.Label.TrimEnd('\n')).Order();
            Assert.Equal(k == 0 ? ["drug", "pulse", "touch"] : [], names);
        }
        foreach (var p in plots) p.Dispose();
    }
}
