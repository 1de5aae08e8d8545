using CircuitSim.Viz.Live;
using CircuitSim.Viz.Rendering;

namespace CircuitSim.Viz.Panels;

/// <summary>
/// The transverse slab: a field as a heat map, lamina boundaries, neurons that flash when they fire, and
/// glial cells coloured by activation (microglia round, astrocytes square; blue resting, red reactive).
/// </summary>
internal static class TissuePanel
{
    private const double FlashMs = 40;

    public static void Draw(DrawList d, Box box, LiveFeed feed)
    {
        var t = feed.Tissue;
        var plot = PanelFrame.Draw(d, box, t.FieldName is null ? "Dorsal horn: neurons flash when they fire" : "Tissue: ", left: 44);
        if (t.FieldName is { } f)
        {
            // the title in pieces: no string is built per frame
            float tx = box.X + 8 + d.Atlas.Measure(0, "Tissue: ");
            tx += d.Text(tx, box.Y + 5, f, Palette.Accent);
            d.Text(tx, box.Y + 5, " (heat map), glia by activation, neurons flash when they fire", Palette.Text);
        }
        if (t.WidthUm <= 0 || t.DepthUm <= 0) return;
        float scale = (float)Math.Min(plot.W / t.WidthUm, plot.H / t.DepthUm);
        float w = (float)(t.WidthUm * scale), h = (float)(t.DepthUm * scale);
        float x0 = plot.X + (plot.W - w) / 2, y0 = plot.Y;
        if (t.FieldName is not null && t.Nx > 0)
        {
            // one rectangle per block of cells about 4 px across
            int block = Math.Max(1, (int)Math.Ceiling(4 / (w / t.Nx)));
            float cw = w / t.Nx * block, ch = h / t.Ny * block;
            float max = t.FieldMax > 0 ? t.FieldMax : 1;
            for (int j = 0; j < t.Ny; j += block)
                for (int i = 0; i < t.Nx; i += block)
                {
                    float v = t.Field[j * t.Nx + i] / max;
                    if (v > 0.02f) d.Rect(x0 + i * cw / block, y0 + j * ch / block, cw, ch, Palette.Heat(v));
                }
            float right = plot.Right - d.Atlas.Measure(0, " nM");
            d.TextRight(plot.Right, plot.Bottom + 4, " nM", Palette.Dim);
            float vx = right - d.Atlas.Measure(0, d.Format(t.FieldMax * 1000, "0.##"));
            d.TextRight(right, plot.Bottom + 4, d.Format(t.FieldMax * 1000, "0.##"), Palette.Dim);
            d.TextRight(vx, plot.Bottom + 4, "highest ", Palette.Dim);
        }
        foreach (var (name, top) in t.Laminae)
        {
            float y = y0 + (float)(top * scale);
            d.Rect(x0, y, w, 1, Palette.Grid);
            d.TextRight(x0 - 4, y + 1, name, Palette.Dim);
        }
        d.Frame(x0, y0, w, h, Palette.Axis);
        long now = feed.Step;
        long flash = (long)(FlashMs / feed.DtMs);
        for (int i = 0; i < t.NeuronX.Length; i++)
        {
            long since = now - t.LastFired[i];
            bool lit = t.LastFired[i] >= 0 && since <= flash;
            float x = x0 + t.NeuronX[i] * scale, y = y0 + t.NeuronY[i] * scale;
            float r = lit ? 5 : 3;
            d.Rect(x - r / 2, y - r / 2, r, r, lit ? Palette.Accent : Palette.Dim.WithAlpha(0.6f));
        }
        foreach (var g in t.Glia)
        {
            bool astro = g.Kind == "astrocytes";
            for (int i = 0; i < g.Count; i++)
            {
                float a = g.Activation[i];
                if (float.IsNaN(a)) continue;
                var c = Palette.Abeta.Mix(Palette.Warn, Math.Clamp(a, 0, 1));
                float x = x0 + g.X[i] * scale, y = y0 + g.Y[i] * scale;
                if (astro) d.Frame(x - 3, y - 3, 6, 6, c);
                else { d.Rect(x - 2, y - 3, 4, 6, c); d.Rect(x - 3, y - 2, 6, 4, c); }
            }
        }
    }
}
