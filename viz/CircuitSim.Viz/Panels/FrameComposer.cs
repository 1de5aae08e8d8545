using CircuitSim.Scenarios;
using CircuitSim.Viz.Controls;
using CircuitSim.Viz.Live;
using CircuitSim.Viz.Rendering;

namespace CircuitSim.Viz.Panels;

/// <summary>
/// Lays out one frame: a header (scenario, time, speed, state, conditions), the raster and traces on the
/// left, the other panels stacked on the right, the caption of the moment at the bottom, and the help
/// overlay on top when asked for. Reads the feed under its lock; allocates nothing.
/// </summary>
internal sealed class FrameComposer
{
    public const float HeaderH = 40, CaptionH = 52, Gap = 6;
    private readonly VizSpec _viz;
    private readonly string _title;
    private readonly string[] _left, _right;

    public FrameComposer(VizSpec viz, string scenarioName)
    {
        _viz = viz;
        _title = "CircuitSim · " + scenarioName;
        _left = viz.Panels.Where(p => p is "raster" or "traces").ToArray();
        _right = viz.Panels.Where(p => p is not ("raster" or "traces")).ToArray();
    }

    /// <summary>Where each panel went in the last frame (for tests that look at pixels).</summary>
    public Dictionary<string, Box> Boxes { get; } = new();
    /// <summary>The plot areas of the raster and the wind-up bars in the last frame.</summary>
    public Dictionary<string, Box> Plots { get; } = new();

    public void Compose(DrawList d, int width, int height, LiveFeed feed, VizControls controls, IVizDriver driver)
    {
        d.Clear();
        lock (feed.Gate)
        {
            double nowMs = (feed.Step + 1) * feed.DtMs;
            float captionH = _viz.Captions.Count > 0 ? CaptionH : 0;
            var body = new Box(Gap, HeaderH + Gap, width - 2 * Gap, height - HeaderH - captionH - 3 * Gap);
            float leftW = _right.Length == 0 ? body.W : _left.Length == 0 ? 0 : (float)Math.Round(body.W * 0.58f);
            float rightX = body.X + (leftW > 0 ? leftW + Gap : 0), rightW = body.Right - rightX;
            Stack(d, _left, new Box(body.X, body.Y, leftW, body.H), feed, isLeft: true);
            Stack(d, _right, new Box(rightX, body.Y, rightW, body.H), feed, isLeft: false);
            Header(d, width, nowMs, feed, controls, driver);
            if (captionH > 0) Caption(d, new Box(Gap, height - captionH - Gap, width - 2 * Gap, captionH), nowMs);
            if (controls.HelpShown) Help(d, width, height, controls);
        }
    }

    private void Stack(DrawList d, string[] panels, Box area, LiveFeed feed, bool isLeft)
    {
        if (panels.Length == 0 || area.W <= 0) return;
        // on the left the raster takes two thirds when traces share the column
        float y = area.Y;
        for (int k = 0; k < panels.Length; k++)
        {
            float share = isLeft && panels.Length == 2 ? (panels[k] == "raster" ? 0.64f : 0.36f) : 1f / panels.Length;
            float h = k == panels.Length - 1 ? area.Bottom - y : (float)Math.Round((area.H - Gap * (panels.Length - 1)) * share);
            var box = new Box(area.X, y, area.W, h);
            Boxes[panels[k]] = box;
            switch (panels[k])
            {
                case "raster": Plots["raster"] = RasterPanel.Draw(d, box, feed, _viz.WindowMs); break;
                case "traces": TracePanel.Draw(d, box, feed, _viz.WindowMs); break;
                case "windup": Plots["windup"] = WindupPanel.Draw(d, box, feed.Windup); break;
                case "substances": SignalsPanel.Draw(d, box, feed.Signals, "substances", "Substances in the dorsal horn"); break;
                case "chloride": SignalsPanel.Draw(d, box, feed.Signals, "chloride", "Anion reversal (E_anion), mean by population"); break;
                case "weights": SignalsPanel.Draw(d, box, feed.Signals, "weights", "Synaptic weights of plastic projections (mean scale)"); break;
                case "tissue": TissuePanel.Draw(d, box, feed); break;
            }
            y += h + Gap;
        }
    }

    private void Header(DrawList d, int width, double nowMs, LiveFeed feed, VizControls controls, IVizDriver driver)
    {
        d.Rect(0, 0, width, HeaderH, Palette.Panel);
        float x = 10, y = 10;
        x += d.Text(x, y - 1, _title, Palette.Text, 1) + 24;
        x += d.Text(x, y, "t = ", Palette.Dim);
        x += d.Text(x, y, d.Format(nowMs / 1000, "0.000"), Palette.Accent);
        x += d.Text(x, y, " s", Palette.Dim) + 20;
        x += d.Text(x, y, driver.Paused ? "‖ paused" : "▶ running", driver.Paused ? Palette.Warn : Palette.Good) + 20;
        x += d.Text(x, y, "speed ", Palette.Dim);
        x += d.Text(x, y, d.Format(driver.MeasuredSpeed, "0.00"), Palette.Accent);
        if (driver.Headless) x += d.Text(x, y, "× real time (headless)", Palette.Dim) + 20;
        else
        {
            x += d.Text(x, y, "× real time (wanted ", Palette.Dim);
            x += driver.TargetSpeed == 0 ? d.Text(x, y, "max", Palette.Dim) : d.Text(x, y, d.Format(driver.TargetSpeed, "0.###"), Palette.Dim);
            x += d.Text(x, y, "×)", Palette.Dim) + 20;
        }
        if (controls.StimulusName is { } s)
        {
            x += d.Text(x, y, s, Palette.Dim);
            x += d.Text(x, y, ": ", Palette.Dim);
            x += d.Text(x, y, d.Format(controls.FrequencyHz, "0.###"), Palette.Text);
            x += d.Text(x, y, " Hz, ", Palette.Dim);
            x += d.Text(x, y, controls.IntensityName, Palette.Text) + 20;
        }
        foreach (var c in controls.Conditions)
        {
            float w = d.Atlas.Measure(0, c) + 12;
            if (x + w > width - 10) break;
            d.Rect(x, y - 3, w, 20, Palette.Warn.WithAlpha(0.25f));
            d.Text(x + 6, y, c, Palette.Text);
            x += w + 6;
        }
        if (controls.LastAction.Length > 0) d.TextRight(width - 10, HeaderH - 2 - 14, controls.LastAction, Palette.Dim);
        d.TextRight(width - 10, 4, "H: keys", Palette.Dim);
    }

    private void Caption(DrawList d, Box box, double nowMs)
    {
        d.Rect(box.X, box.Y, box.W, box.H, Palette.Panel);
        d.Rect(box.X, box.Y, 4, box.H, Palette.Accent);
        VizCaption? current = null;
        foreach (var c in _viz.Captions) { if (c.AtMs <= nowMs) current = c; else break; }
        if (current is null) return;
        d.Wrapped(box.X + 14, box.Y + 6, box.W - 28, current.Text, Palette.Text, 1);
    }

    private static void Help(DrawList d, int width, int height, VizControls controls)
    {
        float w = 460, h = 40 + 20 * controls.Help().Count();
        float x = (width - w) / 2, y = (height - h) / 2;
        d.Rect(x, y, w, h, Palette.Background.WithAlpha(0.94f));
        d.Frame(x, y, w, h, Palette.Accent, 2);
        d.Text(x + 16, y + 10, "Keys", Palette.Accent, 1);
        float row = y + 40;
        foreach (var (key, does) in controls.Help())
        {
            d.Text(x + 16, row, key, Palette.Accent);
            d.Text(x + 120, row, does, Palette.Text);
            row += 20;
        }
    }
}
