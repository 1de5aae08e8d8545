using CircuitSim.Viz.Rendering;

namespace CircuitSim.Viz.Panels;

/// <summary>A panel's rectangle in pixels (y down).</summary>
internal readonly record struct Box(float X, float Y, float W, float H)
{
    public float Right => X + W;
    public float Bottom => Y + H;
    public Box Inset(float left, float top, float right, float bottom) => new(X + left, Y + top, W - left - right, H - top - bottom);
    public bool Contains(float x, float y) => x >= X && x < Right && y >= Y && y < Bottom;
}

/// <summary>What every panel draws first: its background, a title, and the plot area inside its margins.</summary>
internal static class PanelFrame
{
    public const float Title = 22, Left = 64, Right = 12, Bottom = 22;

    public static Box Draw(DrawList d, Box box, ReadOnlySpan<char> title, float left = Left, float bottom = Bottom)
    {
        d.Rect(box.X, box.Y, box.W, box.H, Palette.Panel);
        d.Text(box.X + 8, box.Y + 5, title, Palette.Text);
        var plot = box.Inset(left, Title + 4, Right, bottom);
        d.Rect(plot.X, plot.Y, plot.W, plot.H, Palette.Background);
        return plot;
    }

    /// <summary>A y axis with ticks and labels at round values between lo and hi.</summary>
    public static void YAxis(DrawList d, Box plot, double lo, double hi)
    {
        double step = NiceStep((hi - lo) / 4);
        for (double v = Math.Ceiling(lo / step) * step; v <= hi + step * 1e-6; v += step)
        {
            float y = (float)(plot.Bottom - (v - lo) / (hi - lo) * plot.H);
            d.Rect(plot.X, y, plot.W, 1, Palette.Grid);
            d.TextRight(plot.X - 4, y - 7, d.Format(Math.Abs(v) < step * 1e-6 ? 0 : v, step < 1 ? "0.##" : "0"), Palette.Dim);
        }
    }

    public static double NiceStep(double raw)
    {
        if (raw <= 0 || double.IsNaN(raw)) return 1;
        double p = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        double m = raw / p;
        return (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * p;
    }
}
