using CircuitSim.Output;
using CircuitSim.Scenarios;
using CircuitSim.Studies.Design;

namespace CircuitSim.Studies.Results;

/// <summary>
/// Draws a study's <c>sweep.figures</c> from its table once every run has finished: a metric's mean
/// over replicates (runs that failed or have no value left out) against one or two swept
/// parameters, per arm. Files go to figures/NAME.png (NAME-ARM.png for a heat map of several arms).
/// </summary>
public static class TableFigures
{
    public const string Folder = "figures";

    public static IReadOnlyList<string> Write(IReadOnlyList<SweepFigure> figures, string scenario, IReadOnlyList<PlannedRun> design, ResultTable table, string outDir)
    {
        var written = new List<string>();
        if (figures.Count == 0) return written;
        var col = table.Columns.ToDictionary(c => c.Name);
        var runIndex = ((IntegerColumn)col["run"]).Values;
        foreach (var f in figures)
        {
            if (!col.TryGetValue(f.Metric, out var mc) || mc is not NumberColumn metric)
                throw new StudyException($"{f.Where}: sweep.figures.{f.Name}.metric: no numeric column '{f.Metric}' in results.csv{Hint(f.Metric, table)}");
            NumberColumn Axis(string path) => col.TryGetValue(path, out var c) && c is NumberColumn n ? n
                : throw new StudyException($"{f.Where}: sweep.figures.{f.Name}: the values of '{path}' are not numbers in one unit, so they cannot be an axis");
            var xc = Axis(f.X);
            var yc = f.Y is null ? null : Axis(f.Y);
            var arms = design.Select(r => r.Arm).Distinct().ToList();
            string dir = Path.Combine(outDir, Folder);
            Directory.CreateDirectory(dir);
            string XName(NumberColumn c) => c.Unit.Length > 0 ? $"{c.Name} ({c.Unit})" : c.Name;
            if (f.Type == "heatmap")
            {
                var xs = xc.Values.Where(double.IsFinite).Distinct().Order().ToList();
                var ys = yc!.Values.Where(double.IsFinite).Distinct().Order().ToList();
                foreach (var arm in arms)
                {
                    var sum = new double[ys.Count, xs.Count];
                    var n = new int[ys.Count, xs.Count];
                    for (int i = 0; i < table.RowCount; i++)
                    {
                        if (design[(int)runIndex[i]].Arm != arm || !double.IsFinite(metric.Values[i])) continue;
                        int ix = xs.IndexOf(xc.Values[i]), iy = ys.IndexOf(yc.Values[i]);
                        if (ix < 0 || iy < 0) continue;
                        sum[iy, ix] += metric.Values[i];
                        n[iy, ix]++;
                    }
                    for (int iy = 0; iy < ys.Count; iy++)
                        for (int ix = 0; ix < xs.Count; ix++) sum[iy, ix] = n[iy, ix] > 0 ? sum[iy, ix] / n[iy, ix] : double.NaN;
                    string file = Path.Combine(dir, arms.Count > 1 ? $"{f.Name}-{arm}.png" : $"{f.Name}.png");
                    StudyFigures.WriteHeatmap(file, $"{scenario}: {f.Metric}{(arms.Count > 1 ? $" ({arm})" : "")}, mean over seeds",
                        f.Metric, XName(xc), XName(yc), xs, ys, sum);
                    written.Add(file);
                }
            }
            else
            {
                var lines = new List<(string, double[], double[], (double, double)[])>();
                foreach (var arm in arms)
                {
                    var rows = Enumerable.Range(0, table.RowCount).Where(i => design[(int)runIndex[i]].Arm == arm && double.IsFinite(xc.Values[i])).ToList();
                    var groups = rows.GroupBy(i => xc.Values[i]).OrderBy(g => g.Key).ToList();
                    var mean = groups.Select(g => g.Select(i => metric.Values[i]).Where(double.IsFinite).DefaultIfEmpty(double.NaN).Average()).ToArray();
                    lines.Add((arm, groups.Select(g => g.Key).ToArray(), mean, rows.Select(i => (xc.Values[i], metric.Values[i])).ToArray()));
                }
                string file = Path.Combine(dir, $"{f.Name}.png");
                if (f.LogX)
                {
                    if (xc.Values.Any(v => double.IsFinite(v) && v <= 0))
                        throw new StudyException($"{f.Where}: sweep.figures.{f.Name}.x_scale: log needs values of '{f.X}' above 0");
                    lines = lines.Select(l => (l.Item1, l.Item2.Select(Math.Log10).ToArray(), l.Item3, l.Item4.Select(p => (Math.Log10(p.Item1), p.Item2)).ToArray())).ToList();
                }
                StudyFigures.WriteCurve(file, $"{scenario}: {f.Metric}", f.Metric, f.LogX ? $"log10 {XName(xc)}" : XName(xc), lines);
                written.Add(file);
            }
        }
        return written;
    }

    private static string Hint(string metric, ResultTable table) =>
        Scenarios.Suggest.Nearest(metric, table.Columns.Select(c => c.Name)) is { } near ? $" (did you mean '{near}'?)" : "";
}
