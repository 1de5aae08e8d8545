using ScottPlot;

namespace CircuitSim.Output;

/// <summary>
/// The colours of series (populations, conditions, traced neurons) in every figure: 20 colours, each
/// with a WCAG contrast ratio of at least 3.3 : 1 against the white background, so no line or marker
/// fades into it (Category20 had 14 of its 20 below 3 : 1: pale blue, yellow, grey, ...), and all pairs
/// at least 16 apart in CIEDE2000. Ten are Category10's hues, darkened where they were too light (orange,
/// pink, olive, cyan); the other ten were picked one by one as far from all before them as the contrast
/// bound allows. After the first four (blue, red, green, purple: the few lines of wind-up and trace
/// figures) they are ordered so that any six neighbours, as in a rates panel of neighbouring populations,
/// are at least 18 apart.
/// </summary>
public static class FigurePalette
{
    static readonly Color[] Colours =
    [
        Color.FromHex("#1F77B4"), Color.FromHex("#D62728"), Color.FromHex("#2CA02C"), Color.FromHex("#9467BD"),
        Color.FromHex("#695000"), Color.FromHex("#005500"), Color.FromHex("#0F8A99"), Color.FromHex("#8C564B"),
        Color.FromHex("#691E4B"), Color.FromHex("#D6338A"), Color.FromHex("#8A8A00"), Color.FromHex("#005A50"),
        Color.FromHex("#00A082"), Color.FromHex("#C75C00"), Color.FromHex("#7D0500"), Color.FromHex("#C3787D"),
        Color.FromHex("#5F7850"), Color.FromHex("#4D4D4D"), Color.FromHex("#0F2DA0"), Color.FromHex("#AA875A"),
    ];

    public static int Count => Colours.Length;

    /// <summary>Colour <paramref name="index"/>, repeating after <see cref="Count"/>.</summary>
    public static Color Get(int index) => Colours[((index % Colours.Length) + Colours.Length) % Colours.Length];
}
