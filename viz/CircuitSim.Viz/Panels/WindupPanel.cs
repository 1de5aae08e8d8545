using CircuitSim.Viz.Live;
using CircuitSim.Viz.Rendering;

namespace CircuitSim.Viz.Panels;

/// <summary>
/// The wind-up curve building pulse by pulse: a bar per pulse, the height the spikes per neuron in the C
/// window after it; bars of one train share a colour, and a new train starts a new colour.
/// </summary>
internal static class WindupPanel
{
    public const int Visible = 24;

    public static Box Draw(DrawList d, Box box, LiveWindup? w)
    {
        if (w is null)
        {
            var p0 = PanelFrame.Draw(d, box, "Wind-up");
            d.Text(p0.X + 8, p0.Y + 8, "no wind-up: set viz.windup {population, stimulus}", Palette.Dim);
            return p0;
        }
        var plot = PanelFrame.Draw(d, box, "Response to each pulse: spikes per neuron (wind-up when the bars climb)", bottom: 34);
        int shown = Math.Min(w.Count, Visible);
        float max = 1;
        for (int i = w.Count - shown; i < w.Count; i++) max = Math.Max(max, w.Bars[i % LiveWindup.MaxBars]);
        max = (float)(PanelFrame.NiceStep(max * 1.15 / 4) * 4);
        PanelFrame.YAxis(d, plot, 0, max);
        float slot = plot.W / Visible;
        for (int j = 0; j < shown; j++)
        {
            int i = w.Count - shown + j;
            int k = i % LiveWindup.MaxBars;
            float h = Math.Max(0, w.Bars[k]) / max * plot.H; // with a baseline a pulse may add less than nothing
            float x = plot.X + j * slot + slot * 0.15f;
            var colour = w.Train[k] % 2 == 0 ? Palette.Accent : Palette.C;
            d.Rect(x, plot.Bottom - h, slot * 0.7f, h, colour);
            if (shown <= 16 || j % 2 == 0) d.TextCentred(x + slot * 0.35f, plot.Bottom + 3, d.Format(w.PulseInTrain[k], "0"), Palette.Dim);
        }
        float ly = plot.Bottom + 17;
        float lx = plot.X;
        lx += d.Text(lx, ly, w.Population, Palette.Text);
        lx += d.Text(lx, ly, ", ", Palette.Dim);
        lx += d.Text(lx, ly, w.WindowName, Palette.Dim);
        lx += d.Text(lx, ly, " window ", Palette.Dim);
        lx += d.Text(lx, ly, d.Format(w.WindowStartMs, "0"), Palette.Dim);
        lx += d.Text(lx, ly, "–", Palette.Dim);
        lx += d.Text(lx, ly, d.Format(w.WindowEndMs, "0"), Palette.Dim);
        lx += d.Text(lx, ly, w.Baseline ? " ms, less as long before" : " ms after the pulse", Palette.Dim);
        if (w.Count > 0)
        {
            int last = (w.Count - 1) % LiveWindup.MaxBars;
            d.TextRight(plot.Right, ly, " Hz", Palette.Dim);
            d.TextRight(plot.Right - d.Atlas.Measure(0, " Hz"), ly, d.Format(w.FrequencyHz[last], "0.###"), Palette.Dim);
        }
        return plot;
    }
}
