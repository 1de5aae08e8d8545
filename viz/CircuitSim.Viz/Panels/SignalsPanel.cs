using CircuitSim.Viz.Live;
using CircuitSim.Viz.Rendering;

namespace CircuitSim.Viz.Panels;

/// <summary>Slow signals of one group (substances, chloride, weights) over the last minute, one line each, with a legend.</summary>
internal static class SignalsPanel
{
    public static void Draw(DrawList d, Box box, LiveSignals signals, string group, string title)
    {
        int n = (int)Math.Min(signals.Written, LiveSignals.Samples);
        float lo = float.PositiveInfinity, hi = float.NegativeInfinity;
        int count = 0;
        string unit = "";
        foreach (var s in signals.All)
        {
            if (s.Group != group) continue;
            count++;
            unit = s.Unit;
            for (int k = 0; k < n; k++) { float v = s.Values[(int)((signals.Written - n + k) % LiveSignals.Samples)]; lo = Math.Min(lo, v); hi = Math.Max(hi, v); }
        }
        var plot = PanelFrame.Draw(d, box, title);
        if (unit.Length > 0)
        {
            float ux = box.X + 8 + d.Atlas.Measure(0, title) + 6;
            ux += d.Text(ux, box.Y + 5, "(", Palette.Dim);
            ux += d.Text(ux, box.Y + 5, unit, Palette.Dim);
            d.Text(ux, box.Y + 5, ")", Palette.Dim);
        }
        if (count == 0 || n == 0)
        {
            d.Text(plot.X + 8, plot.Y + 8, count == 0 ? "nothing of this kind in the scenario" : "waiting for the first sample", Palette.Dim);
            return;
        }
        if (group == "substances") lo = 0;
        if (!(hi > lo)) { hi = lo + (Math.Abs(lo) > 0 ? Math.Abs(lo) * 0.1f : 1); }
        float pad = (hi - lo) * 0.08f;
        hi += pad;
        if (group != "substances") lo -= pad;
        PanelFrame.YAxis(d, plot, lo, hi);
        double span = LiveSignals.Samples * LiveSignals.SampleMs;
        int series = 0;
        float legendY = plot.Y + 4;
        // lines first, then the legend over them
        for (int pass = 0; pass < 2; pass++)
        {
        series = 0;
        legendY = plot.Y + 4;
        foreach (var s in signals.All)
        {
            if (s.Group != group) continue;
            var colour = Palette.SeriesColour(series++);
            if (pass == 0)
            {
            var line = new ColumnLine(d, colour);
            for (int k = 0; k < n; k++)
            {
                long w = signals.Written - n + k;
                float v = s.Values[(int)(w % LiveSignals.Samples)];
                float x = plot.Right - (float)((signals.Written - 1 - w) * LiveSignals.SampleMs / span) * plot.W;
                line.Add(x, plot.Bottom - (v - lo) / (hi - lo) * plot.H);
            }
            line.Flush();
            }
            else if (series <= 6)
            {
                d.Rect(plot.X + 2, legendY - 1, 190, 15, Palette.Background.WithAlpha(0.85f));
                d.Rect(plot.X + 6, legendY + 6, 10, 3, colour);
                float lx = plot.X + 20 + d.Text(plot.X + 20, legendY, s.Label, Palette.Text);
                d.Text(lx + 6, legendY, d.Format(s.Values[(int)((signals.Written - 1) % LiveSignals.Samples)], "0.###"), Palette.Dim);
                legendY += 15;
            }
        }
        }
        d.TextRight(plot.Right, plot.Bottom + 4, "last 60 s", Palette.Dim);
    }
}
