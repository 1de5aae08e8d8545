using System.Globalization;
using CircuitSim.Recording;

namespace CircuitSim.Output;

/// <summary>
/// Writes <c>substances.csv</c>: <c>time_ms</c>, then one column per substance (<c>NAME_uM</c>, its level) and
/// one per receptor type (<c>NAME_activation</c>, 0–1), a row per sample; invariant culture, read by pandas.
/// </summary>
public static class SubstanceCsvWriter
{
    public const string FileName = "substances.csv";

    public static void Write(string path, SubstanceTrace t) => AtomicFile.WriteText(path, w => WriteCsv(w, t));

    internal static void WriteCsv(TextWriter w, SubstanceTrace t)
    {
        var inv = CultureInfo.InvariantCulture;
        w.Write("time_ms");
        foreach (var s in t.Substances) w.Write($",{s}_uM");
        foreach (var r in t.Receptors) w.Write($",{r}_activation");
        foreach (var c in t.ChlorideColumns) w.Write($",{c}");
        foreach (var c in t.LaminaColumns) w.Write($",{c}");
        w.Write('\n');
        decimal every = (decimal)t.EveryMs;
        for (int k = 0; k < t.Samples; k++)
        {
            w.Write(((k + 1) * every).ToString(inv));
            for (int s = 0; s < t.Substances.Length; s++) { w.Write(','); w.Write(t.Levels[k, s].ToString("R", inv)); }
            for (int r = 0; r < t.Receptors.Length; r++) { w.Write(','); w.Write(t.Activation[k, r].ToString("R", inv)); }
            for (int c = 0; c < t.ChlorideColumns.Length; c++) { w.Write(','); w.Write(t.Chloride[k, c].ToString("R", inv)); }
            for (int c = 0; c < t.LaminaColumns.Length; c++) { w.Write(','); w.Write(t.LaminaEAnion[k, c].ToString("R", inv)); }
            w.Write('\n');
        }
    }
}
