using System.Globalization;
using CircuitSim.Recording;

namespace CircuitSim.Output;

/// <summary>
/// Writes <c>weights.csv</c>: <c>time_ms</c> (from 0), then per recorded plastic projection its mean weight scale
/// (<c>P_mean_scale</c>, 1 = the scenario's weights) and the fraction of its synapses UP (<c>P_fraction_up</c>).
/// </summary>
public static class WeightCsvWriter
{
    public const string FileName = "weights.csv";

    public static void Write(string path, IReadOnlyList<WeightTrace> traces) => AtomicFile.WriteText(path, w =>
    {
        var inv = CultureInfo.InvariantCulture;
        w.Write("time_ms");
        foreach (var t in traces) w.Write($",{t.Projection}_mean_scale,{t.Projection}_fraction_up");
        w.Write('\n');
        int n = traces.Min(t => t.MeanScale.Length);
        decimal every = (decimal)traces[0].EveryMs;
        for (int k = 0; k < n; k++)
        {
            w.Write((k * every).ToString(inv));
            foreach (var t in traces)
            {
                w.Write(','); w.Write(t.MeanScale[k].ToString("R", inv));
                w.Write(','); w.Write(t.FractionUp[k].ToString("R", inv));
            }
            w.Write('\n');
        }
    });
}
