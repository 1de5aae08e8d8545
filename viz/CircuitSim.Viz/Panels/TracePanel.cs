using CircuitSim.Viz.Live;
using CircuitSim.Viz.Rendering;

namespace CircuitSim.Viz.Panels;

/// <summary>Membrane traces of chosen neurons over the view's window, one lane each, spikes drawn as strokes to the lane's top.</summary>
internal static class TracePanel
{
    public static void Draw(DrawList d, Box box, LiveFeed feed, double windowMs)
    {
        var traces = feed.Traces;
        var plot = PanelFrame.Draw(d, box, "Membrane traces", left: 96);
        int n = traces.Traces.Length;
        if (n == 0 || traces.Written == 0) return;
        float laneH = plot.H / n;
        int samples = (int)Math.Min(traces.Written, traces.Samples);
        for (int k = 0; k < n; k++)
        {
            var t = traces.Traces[k];
            var lane = new Box(plot.X, plot.Y + k * laneH, plot.W, laneH);
            // membrane potential on a fixed physiological scale; other variables on their own range
            float lo, hi;
            bool voltage = traces.UnitOf(k) == "mV";
            if (voltage) { lo = -90; hi = 30; }
            else
            {
                lo = float.PositiveInfinity; hi = float.NegativeInfinity;
                for (int s = 0; s < samples; s++) { lo = Math.Min(lo, t.Value[s]); hi = Math.Max(hi, t.Value[s]); }
                if (!(hi > lo)) { hi = lo + 1; }
            }
            d.TextRight(plot.X - 8, lane.Y + 2, t.Label, Palette.SeriesColour(k));
            if (lane.H >= 70)
            {
                d.TextRight(plot.X - 8, lane.Y + 16, d.Format(hi, "0.#"), Palette.Dim);
                d.TextRight(plot.X - 8, lane.Bottom - 16, d.Format(lo, "0.#"), Palette.Dim);
                d.TextRight(plot.X - 8, lane.Y + 30, traces.UnitOf(k), Palette.Dim);
            }
            else
            {
                // a narrow lane: the range on one line under the label
                float rx = plot.X - 8 - d.Atlas.Measure(0, traces.UnitOf(k));
                d.Text(rx, lane.Y + 16, traces.UnitOf(k), Palette.Dim);
                rx -= d.Atlas.Measure(0, d.Format(hi, "0.#")) + 4;
                d.Text(rx, lane.Y + 16, d.Format(hi, "0.#"), Palette.Dim);
                rx -= d.Atlas.Measure(0, "…");
                d.Text(rx, lane.Y + 16, "…", Palette.Dim);
                rx -= d.Atlas.Measure(0, d.Format(lo, "0.#"));
                d.Text(rx, lane.Y + 16, d.Format(lo, "0.#"), Palette.Dim);
            }
            d.Rect(lane.X, lane.Bottom - 1, lane.W, 1, Palette.Grid);
            var line = new ColumnLine(d, Palette.SeriesColour(k));
            long first = traces.Written - samples;
            for (long w = first; w < traces.Written; w++)
            {
                int slot = (int)(w % traces.Samples);
                float x = lane.Right - (float)((traces.Written - 1 - w) * LiveTraces.SampleMs / windowMs) * lane.W;
                if (x < lane.X) continue;
                float v = Math.Clamp(t.Value[slot], lo, hi);
                float y = lane.Bottom - 2 - (v - lo) / (hi - lo) * (lane.H - 4);
                // a spike: a stroke to the lane's top
                line.Add(x, t.Fired[slot] ? lane.Y + 2 : y);
                if (t.Fired[slot]) line.Add(x, y);
            }
            line.Flush();
        }
    }
}
