namespace CircuitSim.Model;

/// <summary>
/// Depth bands of the laminae of the rat lumbar dorsal horn, µm from the dorsal surface (grey
/// matter), after Molander, Xu &amp; Grant 1984 (J Comp Neurol 230:133) and the atlas of Sengul et
/// al. 2013 (Atlas of the Spinal Cord, rat L4): I 0–30, IIo 30–80, IIi 80–130, III 130–250,
/// IV 250–400, V 400–550. Neurons are placed uniformly within their band and across a 400 µm
/// mediolateral extent, as coordinates (x mediolateral, y depth) for fields and glia.
/// </summary>
public static class LaminaGeometry
{
    public const double WidthUm = 400;

    public static (double Top, double Bottom) DepthBand(string? lamina) => lamina switch
    {
        "I" => (0, 30),
        "II" => (30, 130),
        "IIo" => (30, 80),
        "IIi" => (80, 130),
        "III" => (130, 250),
        "IV" => (250, 400),
        "V" => (400, 550),
        _ => (0, 550),
    };

    /// <summary>
    /// A depth spread uniformly over the listed laminae together (by their thickness): <paramref name="u"/> in [0, 1)
    /// walks down through them in order. Where neurons' terminals and glial cells are placed.
    /// </summary>
    public static double DepthIn(IReadOnlyList<string> laminae, double u)
    {
        var bands = laminae.Select(DepthBand).ToArray();
        double d = bands.Sum(b => b.Bottom - b.Top) * u;
        foreach (var (top, bottom) in bands)
        {
            if (d < bottom - top) return top + d;
            d -= bottom - top;
        }
        return bands[^1].Bottom; // u rounded up to 1
    }
}
