using CircuitSim.Viz.Live;
using CircuitSim.Viz.Rendering;

namespace CircuitSim.Viz.Panels;

/// <summary>
/// The scrolling raster: one row per fibre or neuron, banded by population (afferents by class, then the
/// dorsal horn by lamina), time running right to left over the view's window, a tick per spike.
/// </summary>
internal static class RasterPanel
{
    public static Box Draw(DrawList d, Box box, LiveFeed feed, double windowMs)
    {
        var plot = PanelFrame.Draw(d, box, "Spikes by population and lamina (newest at the right)", left: 96);
        var rows = feed.Rows;
        if (rows.Rows == 0) return plot;
        float rowH = plot.H / rows.Rows;
        double dt = feed.DtMs;
        long now = feed.Step + 1;
        double nowMs = now * dt;
        // time grid every 0.5 s (or a round step) of absolute time
        double tick = PanelFrame.NiceStep(windowMs / 4);
        for (double t = Math.Floor((nowMs - windowMs) / tick + 1) * tick; t <= nowMs; t += tick)
        {
            if (t < 0) continue;
            float x = (float)(plot.Right - (nowMs - t) / windowMs * plot.W);
            d.Rect(x, plot.Y, 1, plot.H, Palette.Grid);
            if (x > plot.Right - 30) continue; // its label would leave the panel
            d.TextCentred(x, plot.Bottom + 4, d.Format(t / 1000, tick >= 1000 ? "0' s'" : "0.0' s'"), Palette.Dim);
        }
        foreach (var b in rows.Bands)
        {
            float y0 = plot.Y + b.FirstRow * rowH, h = b.Count * rowH;
            d.Rect(plot.X - 6, y0, 4, h, b.Colour);
            d.Rect(plot.X, y0 + h, plot.W, 1, Palette.Grid);
            if (h >= 12)
            {
                float ty = y0 + h / 2 - (h >= 26 ? 14 : 7);
                d.TextRight(plot.X - 10, ty, b.Name, Palette.Text);
                if (h >= 26) d.TextRight(plot.X - 10, ty + 14, b.Label, Palette.Dim);
            }
        }
        var ring = feed.Spikes;
        long windowSteps = (long)(windowMs / dt);
        float tickW = Math.Max(1.5f, plot.W / (float)windowSteps);
        float tickH = Math.Max(1f, rowH);
        long oldest = Math.Max(0, ring.Written - ring.Capacity);
        for (long k = ring.Written - 1; k >= oldest; k--)
        {
            int slot = (int)(k % ring.Capacity);
            long age = now - ring.Step[slot];
            if (age > windowSteps) break;
            int row = ring.Row[slot];
            float x = plot.Right - (float)(age / (double)windowSteps) * plot.W;
            d.Rect(x - tickW / 2, plot.Y + row * rowH, tickW, tickH, rows.RowColour[row]);
        }
        return plot;
    }
}
