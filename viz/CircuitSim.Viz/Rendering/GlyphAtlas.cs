using SkiaSharp;

namespace CircuitSim.Viz.Rendering;

/// <summary>
/// Text for the view: the glyphs the labels use, rasterised once with SkiaSharp from an explicitly
/// loaded TrueType file (DejaVu Sans) into one 8-bit atlas, at two sizes (labels and titles). Drawing
/// text then is one textured quad per glyph, laid out by advance widths; nothing is allocated per frame.
/// </summary>
internal sealed class GlyphAtlas
{
    public const string Characters =
        " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~" +
        "µ±×÷−·≤≥→←↑↓αβγδΔθκ²³⁺⁻°–—…▶‖●■ΣΩ";
    public static readonly string[] FontFiles =
    {
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/dejavu/DejaVuSans.ttf",
    };

    public readonly struct Glyph(float u0, float v0, float u1, float v1, float width, float height, float advance)
    {
        public readonly float U0 = u0, V0 = v0, U1 = u1, V1 = v1, Width = width, Height = height, Advance = advance;
    }

    /// <summary>Pixel sizes of the two fonts.</summary>
    public static readonly float[] Sizes = { 13f, 18f };
    public int Width { get; }
    public int Height { get; }
    /// <summary>Alpha, one byte per pixel, rows top to bottom.</summary>
    public byte[] Pixels { get; }
    private readonly Glyph[][] _glyphs; // [size][char code − 0 .. 0xFFFF) via _index
    private readonly Dictionary<char, int> _index = new();
    public float[] LineHeight { get; } = new float[Sizes.Length];
    public float[] Ascent { get; } = new float[Sizes.Length];

    public GlyphAtlas()
    {
        string? file = FontFiles.FirstOrDefault(File.Exists)
            ?? throw new VizException($"the view's labels need DejaVu Sans (Debian: fonts-dejavu-core); looked in {string.Join(", ", FontFiles)}");
        using var typeface = SKTypeface.FromFile(file) ?? throw new VizException($"cannot read the font {file}");
        for (int k = 0; k < Characters.Length; k++) _index[Characters[k]] = k;
        const int columns = 16;
        int rows = (Characters.Length + columns - 1) / columns;
        var cells = new (int W, int H)[Sizes.Length];
        for (int s = 0; s < Sizes.Length; s++)
        {
            using var font = new SKFont(typeface, Sizes[s]);
            var m = font.Metrics;
            LineHeight[s] = MathF.Ceiling(m.Descent - m.Ascent);
            Ascent[s] = MathF.Ceiling(-m.Ascent);
            cells[s] = ((int)MathF.Ceiling(Sizes[s] * 1.4f) + 2, (int)LineHeight[s] + 5); // room below the descent: underscores
        }
        Width = cells.Max(c => c.W) * columns;
        Height = cells.Sum(c => c.H * rows);
        Pixels = new byte[Width * Height];
        _glyphs = new Glyph[Sizes.Length][];
        var info = new SKImageInfo(Width, Height, SKColorType.Alpha8, SKAlphaType.Premul);
        using var bitmap = new SKBitmap(info);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.Transparent);
            using var paint = new SKPaint { Color = SKColors.White, IsAntialias = true };
            int top = 0;
            for (int s = 0; s < Sizes.Length; s++)
            {
                using var font = new SKFont(typeface, Sizes[s]) { Subpixel = true, Edging = SKFontEdging.Antialias };
                var (cw, ch) = cells[s];
                _glyphs[s] = new Glyph[Characters.Length];
                for (int k = 0; k < Characters.Length; k++)
                {
                    string c = Characters[k].ToString();
                    int x = k % columns * cw, y = top + k / columns * ch;
                    canvas.DrawText(c, x + 1, y + 1 + Ascent[s], font, paint);
                    float adv = font.MeasureText(c);
                    float w = Math.Min(cw, MathF.Ceiling(adv) + 2);
                    _glyphs[s][k] = new Glyph(x / (float)Width, y / (float)Height, (x + w) / Width, (y + ch) / (float)Height, w, ch, adv);
                }
                top += rows * ch;
            }
        }
        bitmap.GetPixelSpan().CopyTo(Pixels);
    }

    /// <summary>The glyph of <paramref name="c"/> at font <paramref name="size"/>; characters not in the atlas draw as '?'.</summary>
    public ref readonly Glyph Get(int size, char c) =>
        ref _glyphs[size][_index.TryGetValue(c, out int k) ? k : _index['?']];

    public float Measure(int size, ReadOnlySpan<char> text)
    {
        float w = 0;
        foreach (char c in text) w += Get(size, c).Advance;
        return w;
    }
}
