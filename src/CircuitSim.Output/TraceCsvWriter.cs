using System.Globalization;
using CircuitSim.Recording;

namespace CircuitSim.Output;

/// <summary>
/// Writes each recorded trace as <c>DIR/traces/&lt;population&gt;.&lt;variable&gt;.csv</c>:
/// header <c>time_ms,&lt;id0&gt;,&lt;id1&gt;,...</c> (neuron indices within the population as column names),
/// then one row per sample. Invariant culture; values in the trace's internal unit, written in the
/// shortest form that parses back to the same float32; time is sample × every, printed without
/// binary noise (0.3, not 0.30000000000000004). NaN is written as <c>NaN</c>, infinities as
/// <c>inf</c>/<c>-inf</c>, all of which pandas reads as floats.
/// </summary>
public static class TraceCsvWriter
{
    public const string Folder = "traces";

    /// <summary>The file name of a trace, e.g. <c>WDR.v.csv</c>.</summary>
    public static string FileName(TraceData t) => $"{t.Population}.{t.Variable}.csv";

    /// <summary>Writes every trace under <c><paramref name="dir"/>/traces/</c>; returns the files written.</summary>
    public static List<string> Write(string dir, IReadOnlyList<TraceData> traces)
    {
        ArgumentNullException.ThrowIfNull(traces);
        foreach (var t in traces)
        {
            OutputNames.Check(t.Population, "Population");
            OutputNames.Check(t.Variable, "Variable");
            if (t.Values.GetLength(1) != t.Neurons.Length)
                throw new ArgumentException($"Trace {t.Population}.{t.Variable}: {t.Neurons.Length} neurons but {t.Values.GetLength(1)} value columns.");
            if (!(t.EveryMs > 0) || !double.IsFinite(t.EveryMs))
                throw new ArgumentException($"Trace {t.Population}.{t.Variable}: sampling interval {t.EveryMs} ms is not a positive number.");
        }
        OutputNames.CheckUnique(traces.Select(FileName), "Trace file");

        var folder = Path.Combine(dir, Folder);
        var written = new List<string>(traces.Count);
        foreach (var t in traces)
        {
            var path = Path.GetFullPath(Path.Combine(folder, FileName(t)));
            AtomicFile.WriteText(path, w => WriteCsv(w, t));
            written.Add(path);
        }
        return written;
    }

    internal static void WriteCsv(TextWriter w, TraceData t)
    {
        var inv = CultureInfo.InvariantCulture;
        w.Write("time_ms");
        foreach (int id in t.Neurons)
        {
            w.Write(',');
            w.Write(id.ToString(inv));
        }
        w.Write('\n');

        decimal every = (decimal)t.EveryMs;   // decimal keeps k·every free of binary noise
        int samples = t.Values.GetLength(0), cols = t.Values.GetLength(1);
        for (int k = 0; k < samples; k++)
        {
            w.Write(((double)(k * every)).ToString("R", inv));
            for (int c = 0; c < cols; c++)
            {
                w.Write(',');
                w.Write(Format(t.Values[k, c]));
            }
            w.Write('\n');
        }
    }

    static string Format(float v) =>
        float.IsNaN(v) ? "NaN" :
        float.IsPositiveInfinity(v) ? "inf" :
        float.IsNegativeInfinity(v) ? "-inf" :
        v.ToString("R", CultureInfo.InvariantCulture);
}
