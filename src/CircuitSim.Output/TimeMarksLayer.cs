using ScottPlot;

namespace CircuitSim.Output;

/// <summary>
/// Draws <see cref="TimeMarks"/> on a plot whose x axis is time in ms: stimulus spans as a light band
/// behind the data, pulses of short trains as dotted lines and interventions as dashed black lines over
/// it (behind it, a dense panel of rate lines hid them). Their names are tick labels on the top axis,
/// outside the data area, so they never cover data; names that would overlap go up a row.
/// </summary>
internal static class TimeMarksLayer
{
    public static readonly Color SpanFill = Color.FromHex("#4682B4").WithAlpha(0.14);
    public static readonly Color PulseLine = Color.FromHex("#3D5A80");
    public static readonly Color InterventionLine = Colors.Black;
    const float LabelGapPx = 8;

    /// <summary>
    /// Draws the marks; call it after adding the data, so the bands go behind it and the lines over it. With
    /// <paramref name="labels"/> the names go on the top axis (whose range is set to the x range);
    /// <paramref name="dataWidthPx"/>, about the width of the data area, decides which labels overlap.
    /// </summary>
    public static void Draw(Plot plot, TimeMarks marks, double xMin, double xMax, bool labels, double dataWidthPx)
    {
        var ticks = new List<Tick>();
        var named = new List<(double X, string Text)>();
        foreach (var s in marks.Spans)
        {
            var span = plot.Add.HorizontalSpan(s.StartMs, s.EndMs);
            span.FillColor = SpanFill;
            span.LineWidth = 0;
            plot.MoveToBack(span);
            named.Add(((s.StartMs + s.EndMs) / 2, s.Label));
        }
        foreach (var p in marks.Pulses.Where(p => p.TimesMs.Length > 0))
        {
            foreach (double t in p.TimesMs)
            {
                plot.Add.VerticalLine(t, 1.5f, PulseLine, LinePattern.Dotted);
                ticks.Add(Tick.Major(t, ""));
            }
            named.Add(((p.TimesMs[0] + p.TimesMs[^1]) / 2, p.Label));
        }
        foreach (var i in marks.Interventions)
        {
            plot.Add.VerticalLine(i.AtMs, 1.5f, InterventionLine, LinePattern.Dashed);
            named.Add((i.AtMs, i.Label));
        }
        if (!labels || named.Count == 0) return;

        ticks.AddRange(Stacked(plot, named, xMin, xMax, dataWidthPx));
        plot.Axes.Top.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks.ToArray());
        plot.Axes.SetLimitsX(xMin, xMax, plot.Axes.Top);
    }

    /// <summary>
    /// The labels as top-axis ticks, each in the lowest row where it clears the labels before it; a
    /// label of row r ends in r line breaks, which lift it r lines above the axis.
    /// </summary>
    static IEnumerable<Tick> Stacked(Plot plot, List<(double X, string Text)> named, double xMin, double xMax, double dataWidthPx)
    {
        using var paint = Paint.NewDisposablePaint();
        double pxPerMs = dataWidthPx / Math.Max(xMax - xMin, 1e-9);
        var rowEnds = new List<double>();
        foreach (var (x, text) in named.OrderBy(n => n.X))
        {
            double half = plot.Axes.Top.TickLabelStyle.Measure(text, paint).Width / 2;
            double centre = (x - xMin) * pxPerMs;
            int row = rowEnds.FindIndex(end => centre - half >= end + LabelGapPx);
            if (row < 0) { row = rowEnds.Count; rowEnds.Add(0); }
            rowEnds[row] = centre + half;
            yield return Tick.Major(x, text + new string('\n', row));
        }
    }
}
