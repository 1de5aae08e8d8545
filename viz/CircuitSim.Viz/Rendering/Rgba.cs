namespace CircuitSim.Viz.Rendering;

/// <summary>A colour, components 0..1.</summary>
public readonly record struct Rgba(float R, float G, float B, float A = 1)
{
    public static Rgba Hex(uint rgb, float a = 1) => new(((rgb >> 16) & 0xFF) / 255f, ((rgb >> 8) & 0xFF) / 255f, (rgb & 0xFF) / 255f, a);
    public Rgba WithAlpha(float a) => this with { A = a };
    /// <summary>Linear blend from this colour (t = 0) to <paramref name="other"/> (t = 1).</summary>
    public Rgba Mix(Rgba other, float t) => new(R + (other.R - R) * t, G + (other.G - G) * t, B + (other.B - B) * t, A + (other.A - A) * t);
}

/// <summary>The view's colours: dark background for a lecture hall's projector, one hue per fibre class and lamina.</summary>
internal static class Palette
{
    public static readonly Rgba Background = Rgba.Hex(0x12151C);
    public static readonly Rgba Panel = Rgba.Hex(0x1B2029);
    public static readonly Rgba Grid = Rgba.Hex(0x2E3542);
    public static readonly Rgba Axis = Rgba.Hex(0x8A93A6);
    public static readonly Rgba Text = Rgba.Hex(0xE6E9EF);
    public static readonly Rgba Dim = Rgba.Hex(0x9AA3B5);
    public static readonly Rgba Accent = Rgba.Hex(0xFFC857);
    public static readonly Rgba Warn = Rgba.Hex(0xFF6B6B);
    public static readonly Rgba Good = Rgba.Hex(0x7BD389);
    public static readonly Rgba C = Rgba.Hex(0xFF6B6B);
    public static readonly Rgba Adelta = Rgba.Hex(0xFFA94D);
    public static readonly Rgba Abeta = Rgba.Hex(0x4DABF7);
    public static readonly Rgba Descending = Rgba.Hex(0xB197FC);

    private static readonly Rgba[] Series =
    {
        Rgba.Hex(0x4DABF7), Rgba.Hex(0xFFC857), Rgba.Hex(0x7BD389), Rgba.Hex(0xFF6B6B), Rgba.Hex(0xB197FC),
        Rgba.Hex(0x63E6BE), Rgba.Hex(0xF783AC), Rgba.Hex(0xA9E34B),
    };

    public static Rgba SeriesColour(int k) => Series[k % Series.Length];

    /// <summary>Neurons by lamina: superficial warm, deep cool.</summary>
    public static Rgba Lamina(string? lamina) => lamina switch
    {
        "I" => Rgba.Hex(0xFFD43B),
        "II" or "IIo" or "IIi" => Rgba.Hex(0x7BD389),
        "III" => Rgba.Hex(0x63E6BE),
        "IV" => Rgba.Hex(0x4DABF7),
        "V" => Rgba.Hex(0xB197FC),
        _ => Rgba.Hex(0xDEE2E6),
    };

    /// <summary>A heat map from black-blue through red to yellow, t in 0..1.</summary>
    public static Rgba Heat(float t)
    {
        t = Math.Clamp(t, 0, 1);
        return t < 0.5f ? Rgba.Hex(0x1B2A4A).Mix(Rgba.Hex(0xD6336C), t * 2) : Rgba.Hex(0xD6336C).Mix(Rgba.Hex(0xFFE066), (t - 0.5f) * 2);
    }
}
