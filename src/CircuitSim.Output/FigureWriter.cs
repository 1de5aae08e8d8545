using CircuitSim.Recording;
using ScottPlot;

namespace CircuitSim.Output;

/// <summary>
/// PNG figures of a run, drawn with ScottPlot and written atomically:
/// <list type="bullet">
/// <item><c>raster.png</c>: spike raster, one colour and one horizontal band per population (y = band
/// offset + node id, band labelled with the population name), x in ms; above
/// <see cref="MaxRasterPoints"/> spikes every k-th neuron is drawn (k chosen deterministically) and the
/// title says so.</item>
/// <item><c>rates.png</c>: population rate (spikes / size / bin, Hz) over time, one line per population,
/// bins of <see cref="RateBinMs"/>, in stacked panels of at most six lines (<see cref="RatePanels"/>).</item>
/// <item><c>traces.png</c>: one panel per recorded population and variable, one line per neuron,
/// y labelled with the unit, x in ms.</item>
/// </list>
/// Raster and rates mark the stimuli and interventions of the run (<see cref="TimeMarks"/>). Series take
/// their colours from <see cref="FigurePalette"/>; stacked panels share one data-area width, so their
/// time axes line up.
/// </summary>
public static class FigureWriter
{
    // about one point per ten pixels of the data area: beyond it points only overlap and cost time (COBA, 864 k spikes:
    // raster 0.60 s with 200 000 points drawn)
    public const int MaxRasterPoints = 60_000;
    public const int RasterWidth = 1200, RasterHeight = 700;
    public const int RatesWidth = 1200, RatesPanelHeight = 230, RatesMinHeight = 500, RatesMaxHeight = 4000;
    public const int TracesWidth = 1200, TracePanelHeight = 260, TracesMaxHeight = 4000;

    /// <summary>The colour of the population with this index in every figure.</summary>
    public static Color PopulationColor(int index) => FigurePalette.Get(index);

    /// <summary>
    /// The colour of line <paramref name="index"/> in figures of a few lines (wind-up conditions, traced
    /// neurons): the same palette, whose first colours are distinct hues.
    /// </summary>
    public static Color LineColor(int index) => FigurePalette.Get(index);

    /// <param name="marks">Stimuli and interventions to mark on the time axis (none when null).</param>
    public static void WriteRaster(string path, IReadOnlyList<PopulationSpikes> spikes, double durationMs, TimeMarks? marks = null,
        int maxPoints = MaxRasterPoints)
    {
        using var plot = RasterFigure.Build(spikes, durationMs, maxPoints, marks);
        Save(path, plot, RasterWidth, RasterHeight);
    }

    /// <param name="marks">Stimuli and interventions to mark on the time axis (none when null).</param>
    public static void WriteRates(string path, IReadOnlyList<PopulationSpikes> spikes, double durationMs, TimeMarks? marks = null)
    {
        var multiplot = RatesFigure.Build(spikes, durationMs, marks);
        SaveMultiplot(path, multiplot, RatesWidth, RatesHeight(multiplot.Subplots.Count));
    }

    /// <summary>Height of a rates figure of this many panels, px.</summary>
    public static int RatesHeight(int panels) => Math.Clamp(panels * RatesPanelHeight + 60, RatesMinHeight, RatesMaxHeight);

    /// <summary>Writes the traces figure; nothing when there are no traces (returns false).</summary>
    public static bool WriteTraces(string path, IReadOnlyList<TraceData> traces)
    {
        var multiplot = TracesFigure.Build(traces);
        if (multiplot is null) return false;
        int panels = multiplot.Subplots.Count;
        int height = Math.Clamp(panels * TracePanelHeight + 40, 400, TracesMaxHeight);
        SaveMultiplot(path, multiplot, TracesWidth, height);
        return true;
    }

    /// <summary>
    /// Width of the rate bins: the smallest of 1, 2, 5 × 10^k ms that is at least 1 ms and at least
    /// duration / 200 (so a figure has about 100–200 bins).
    /// </summary>
    public static double RateBinMs(double durationMs)
    {
        double target = Math.Max(1.0, durationMs / 200.0);
        double decade = Math.Pow(10, Math.Floor(Math.Log10(target)));
        foreach (double m in (ReadOnlySpan<double>)[1, 2, 5, 10])
            if (m * decade >= target * (1 - 1e-12)) return m * decade;
        return 10 * decade;
    }

    /// <summary>The font of every figure: DejaVu Sans (fonts-dejavu-core) where installed, else ScottPlot's sans default.</summary>
    internal static string FontName => fontName ??= HasFont("DejaVu Sans") ? "DejaVu Sans" : Fonts.Sans;
    static string? fontName;

    static bool HasFont(string family) =>
        string.Equals(Fonts.GetTypeface(family, bold: false, italic: false)?.FamilyName, family, StringComparison.OrdinalIgnoreCase);

    /// <summary>A new plot in the house style.</summary>
    internal static Plot NewPlot()
    {
        var plot = new Plot();
        plot.Font.Set(FontName);
        return plot;
    }

    internal static void Save(string path, Plot plot, int width, int height) =>
        AtomicFile.WriteAllBytes(path, plot.GetImageBytes(width, height, ImageFormat.Png));

    /// <summary>Writes the panels with their data areas aligned (<see cref="AlignDataAreas"/>), then disposes them.</summary>
    internal static void SaveMultiplot(string path, Multiplot multiplot, int width, int height)
    {
        AlignDataAreas(multiplot, width, height);
        using var image = multiplot.Render(width, height);
        var bytes = image.GetImageBytes(ImageFormat.Png, 100);
        foreach (var p in multiplot.Subplots.GetPlots()) p.Dispose();
        AtomicFile.WriteAllBytes(path, bytes);
    }

    /// <summary>
    /// Gives every stacked panel the same left and right padding, the widest any of them needs, so their
    /// time axes line up although their tick labels and legends differ in width: lays the panels out once
    /// on their own, then fixes the padding.
    /// </summary>
    internal static void AlignDataAreas(Multiplot multiplot, int width, int height)
    {
        multiplot.Render(width, height).Dispose();
        var plots = multiplot.Subplots.GetPlots();
        var pads = plots.Select(p => (p.RenderManager.LastRender.FigureRect, p.RenderManager.LastRender.DataRect)).ToList();
        float left = pads.Max(x => x.DataRect.Left - x.FigureRect.Left);
        float right = pads.Max(x => x.FigureRect.Right - x.DataRect.Right);
        for (int k = 0; k < plots.Length; k++)
        {
            var (figure, data) = pads[k];
            plots[k].Layout.Fixed(new PixelPadding(left, right, figure.Bottom - data.Bottom, data.Top - figure.Top));
        }
    }
}
