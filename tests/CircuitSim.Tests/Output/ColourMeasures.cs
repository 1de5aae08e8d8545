using ScottPlot;

namespace CircuitSim.Tests.Output;

/// <summary>How a colour reads on the white figure background.</summary>
internal static class ColourMeasures
{
    /// <summary>The colour as drawn over white (alpha composited).</summary>
    public static Color OnWhite(Color c)
    {
        double a = c.A / 255.0;
        byte Mix(byte v) => (byte)Math.Round(v * a + 255 * (1 - a));
        return new Color(Mix(c.R), Mix(c.G), Mix(c.B));
    }

    /// <summary>WCAG 2 contrast ratio against white: (1 + 0.05) / (L + 0.05), L the relative luminance.</summary>
    public static double ContrastAgainstWhite(Color c)
    {
        var w = OnWhite(c);
        return 1.05 / (Luminance(w) + 0.05);
    }

    static double Linear(byte v)
    {
        double s = v / 255.0;
        return s <= 0.04045 ? s / 12.92 : Math.Pow((s + 0.055) / 1.055, 2.4);
    }

    static double Luminance(Color c) => 0.2126 * Linear(c.R) + 0.7152 * Linear(c.G) + 0.0722 * Linear(c.B);

    /// <summary>CIE 1976 colour difference (Euclidean in CIELAB, D65): above ~10 two lines are told apart side by side.</summary>
    public static double DeltaE76(Color a, Color b)
    {
        var (l1, a1, b1) = Lab(a);
        var (l2, a2, b2) = Lab(b);
        return Math.Sqrt((l1 - l2) * (l1 - l2) + (a1 - a2) * (a1 - a2) + (b1 - b2) * (b1 - b2));
    }

    static (double L, double A, double B) Lab(Color c)
    {
        double r = Linear(c.R), g = Linear(c.G), b = Linear(c.B);
        double x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047;
        double y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b;
        double z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883;
        static double F(double t) => t > 216.0 / 24389 ? Math.Cbrt(t) : (24389.0 / 27 * t + 16) / 116;
        return (116 * F(y) - 16, 500 * (F(x) - F(y)), 200 * (F(y) - F(z)));
    }
}
