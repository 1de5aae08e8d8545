namespace CircuitSim.Viz.Rendering;

/// <summary>
/// One frame's drawing as instanced quads: solid rectangles and glyphs from the atlas, in pixels with y
/// down, in the order drawn. The instance array is allocated once and reused; a frame that would
/// overflow it drops the excess quads and says so in <see cref="Dropped"/>.
/// </summary>
internal sealed class DrawList
{
    /// <summary>Floats per quad: rectangle (x, y, w, h), atlas coordinates (u0, v0, u1, v1; u1 &lt; 0 solid), colour.</summary>
    public const int Stride = 12;
    public readonly float[] Data;
    public int Count { get; private set; }
    public int Capacity { get; }
    public int Dropped { get; private set; }
    public GlyphAtlas Atlas { get; }
    private readonly char[] _format = new char[64];

    public DrawList(GlyphAtlas atlas, int capacity = 1 << 18)
    {
        Atlas = atlas;
        Capacity = capacity;
        Data = new float[capacity * Stride];
    }

    public void Clear() { Count = 0; Dropped = 0; }

    private void Quad(float x, float y, float w, float h, float u0, float v0, float u1, float v1, Rgba c)
    {
        if (Count == Capacity) { Dropped++; return; }
        var d = Data.AsSpan(Count++ * Stride, Stride);
        d[0] = x; d[1] = y; d[2] = w; d[3] = h;
        d[4] = u0; d[5] = v0; d[6] = u1; d[7] = v1;
        d[8] = c.R; d[9] = c.G; d[10] = c.B; d[11] = c.A;
    }

    public void Rect(float x, float y, float w, float h, Rgba c)
    {
        if (w <= 0 || h <= 0) return;
        Quad(x, y, w, h, 0, 0, -1, -1, c);
    }

    /// <summary>A rectangle's outline, <paramref name="t"/> pixels thick.</summary>
    public void Frame(float x, float y, float w, float h, Rgba c, float t = 1)
    {
        Rect(x, y, w, t, c); Rect(x, y + h - t, w, t, c);
        Rect(x, y, t, h, c); Rect(x + w - t, y, t, h, c);
    }

    /// <summary>A line between two points, drawn as steps of one pixel along its longer axis.</summary>
    public void Line(float x0, float y0, float x1, float y1, Rgba c, float t = 1)
    {
        float dx = x1 - x0, dy = y1 - y0;
        if (MathF.Abs(dy) < 0.5f) { Rect(MathF.Min(x0, x1), y0 - t / 2, MathF.Abs(dx) + t, t, c); return; }
        if (MathF.Abs(dx) < 0.5f) { Rect(x0 - t / 2, MathF.Min(y0, y1), t, MathF.Abs(dy) + t, c); return; }
        int n = (int)MathF.Ceiling(MathF.Max(MathF.Abs(dx), MathF.Abs(dy)));
        for (int k = 0; k < n; k++) Rect(x0 + dx * k / n - t / 2, y0 + dy * k / n - t / 2, t, t, c);
    }

    /// <summary>Text with its top-left corner at (x, y); returns its width. Size 0: labels, 1: titles.</summary>
    public float Text(float x, float y, ReadOnlySpan<char> text, Rgba c, int size = 0)
    {
        float pen = x;
        foreach (char ch in text)
        {
            ref readonly var g = ref Atlas.Get(size, ch);
            if (ch != ' ') Quad(pen - 1, y - 1, g.Width, g.Height, g.U0, g.V0, g.U1, g.V1, c);
            pen += g.Advance;
        }
        return pen - x;
    }

    public float TextRight(float right, float y, ReadOnlySpan<char> text, Rgba c, int size = 0) =>
        Text(right - Atlas.Measure(size, text), y, text, c, size);

    public float TextCentred(float centre, float y, ReadOnlySpan<char> text, Rgba c, int size = 0) =>
        Text(centre - Atlas.Measure(size, text) / 2, y, text, c, size);

    /// <summary>Formats a number into a reused buffer (no allocation) and returns the text.</summary>
    public ReadOnlySpan<char> Format(double value, ReadOnlySpan<char> format)
    {
        return value.TryFormat(_format, out int n, format, System.Globalization.CultureInfo.InvariantCulture)
            ? _format.AsSpan(0, n) : "?".AsSpan();
    }

    /// <summary>Text wrapped into lines no wider than <paramref name="width"/>; returns the height used.</summary>
    public float Wrapped(float x, float y, float width, ReadOnlySpan<char> text, Rgba c, int size = 0)
    {
        float line = Atlas.LineHeight[size] + 2, top = y;
        while (!text.IsEmpty)
        {
            int end = text.Length, next = text.Length, lastSpace = -1;
            float w = 0;
            for (int k = 0; k < text.Length; k++)
            {
                if (text[k] == '\n') { end = k; next = k + 1; break; }
                if (text[k] == ' ') lastSpace = k;
                w += Atlas.Get(size, text[k]).Advance;
                if (w > width && k > 0)
                {
                    // break at the last space (and drop it), or inside a word too long for a line
                    (end, next) = lastSpace > 0 ? (lastSpace, lastSpace + 1) : (k, k);
                    break;
                }
            }
            Text(x, y, text[..end], c, size);
            y += line;
            text = text[next..];
        }
        return y - top;
    }
}
