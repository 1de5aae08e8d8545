using CircuitSim.Output;
using ScottPlot;
using ScottPlot.Plottables;
using SkiaSharp;

namespace CircuitSim.Tests.Output;

public partial class FigureWriterTests
{
    [Fact]
    public void Rates_of_the_17_base_populations_come_in_panels_of_at_most_six_lines_with_the_legend_beside_the_data()
    {
        // regression: one panel of 17 lines, 17 legend entries beside it, colours repeating in pale copies
        var spikes = OutputTestData.BaseCircuit();
        var panels = RatePanels.Split(spikes);
        Assert.Equal(["lamina I", "laminae II–III (1 of 2)", "laminae II–III (2 of 2)", "laminae IV–V", "afferents and other inputs"],
            panels.Select(p => p.Title));
        Assert.Equal(Enumerable.Range(0, spikes.Count), panels.SelectMany(p => p.Populations).Order());
        Assert.All(panels, p => Assert.InRange(p.Populations.Length, 1, RatePanels.MaxSeries));

        using var dir = new TempDir();
        var path = dir.File("rates.png");
        FigureWriter.WriteRates(path, spikes, 1000);
        using var bmp = SKBitmap.Decode(path);
        int width = FigureWriter.RatesWidth, height = FigureWriter.RatesHeight(panels.Count);
        Assert.Equal((width, height), (bmp.Width, bmp.Height));

        // the same figure laid out again: its panels' data areas and legends are where the file has them
        var multiplot = RatesFigure.Build(spikes, 1000);
        FigureWriter.AlignDataAreas(multiplot, width, height);
        Assert.Equal(File.ReadAllBytes(path), multiplot.Render(width, height).GetImageBytes(ImageFormat.Png, 100));
        var plots = multiplot.Subplots.GetPlots();
        Assert.Equal(panels.Count, plots.Length);
        using var paint = Paint.NewDisposablePaint();
        for (int k = 0; k < plots.Length; k++)
        {
            var named = plots[k].GetPlottables().OfType<Scatter>().Select(s => s.LegendText).Where(t => !string.IsNullOrEmpty(t));
            Assert.Equal(panels[k].Populations.Select(i => spikes[i].Population), named);
            var layout = plots[k].RenderManager.LastRender.Layout;
            // a legend inside the data area has no panel of its own
            var legend = Assert.Single(layout.PanelSizes.Keys.OfType<ScottPlot.Panels.LegendPanel>());
            var legendRect = legend.GetPanelRect(layout.DataRect, layout.PanelSizes[legend], layout.PanelOffsets[legend], paint);
            Assert.True(legendRect.Left >= layout.DataRect.Right, $"panel {k}: legend {legendRect} reaches into the data area {layout.DataRect}");
            foreach (int i in panels[k].Populations)
            {
                Color c = FigureWriter.PopulationColor(i);
                Assert.True(CountDrawnIn(bmp, c, legendRect) > 5, $"{spikes[i].Population}: no legend entry beside panel {k}");
                Assert.True(CountNear(bmp, c, layout.DataRect) > 50, $"{spikes[i].Population}: no line in panel {k}");
            }
        }
        // one time axis: every panel's data area spans the same pixels
        Assert.Single(plots.Select(p => (p.RenderManager.LastRender.DataRect.Left, p.RenderManager.LastRender.DataRect.Right)).Distinct());
        foreach (var p in plots) p.Dispose();
    }

    [Fact]
    public void Rate_panels_without_laminae_are_equal_parts_in_file_order()
    {
        var spikes = OutputTestData.BaseCircuit().Select(p => new CircuitSim.Recording.PopulationSpikes
            { Population = p.Population, Size = p.Size, NodeIds = p.NodeIds, TimesMs = p.TimesMs }).ToList();
        var panels = RatePanels.Split(spikes);
        Assert.Equal([6, 6, 5], panels.Select(p => p.Populations.Length));
        Assert.Equal(Enumerable.Range(0, 17), panels.SelectMany(p => p.Populations));
        Assert.Equal("populations (1 of 3)", panels[0].Title);
        Assert.Equal("populations", Assert.Single(RatePanels.Split([OutputTestData.Afferents(), OutputTestData.Wdr()])).Title);
    }
}
