using System.Globalization;
using System.Text.RegularExpressions;
using CircuitSim.Studies.Design;

namespace CircuitSim.Studies.Results;

/// <summary>A column of the results table: numbers (NaN: no value), integers, or text (null: no value); a unit where it has one.</summary>
public abstract record TableColumn(string Name, string Unit);
public sealed record NumberColumn(string Name, string Unit, double[] Values) : TableColumn(Name, Unit);
public sealed record IntegerColumn(string Name, long[] Values) : TableColumn(Name, "");
public sealed record TextColumn(string Name, string?[] Values) : TableColumn(Name, "");

/// <summary>
/// One row per finished run, in design order: <c>run, point, arm, replicate, seed, run_key</c>, the
/// swept parameters (numbers in the unit they were written in, named by key path; text when a
/// parameter's values are not all numbers in one unit), <c>status, error</c>, every metric, then
/// <c>wall_seconds</c> and <c>code_version</c> (the build that computed the row).
/// </summary>
public sealed partial class ResultTable
{
    public const string WallSeconds = "wall_seconds";

    public required IReadOnlyList<TableColumn> Columns { get; init; }
    public required int RowCount { get; init; }

    /// <summary>Rows for the runs of <paramref name="design"/> that <paramref name="records"/> finished (a record counts only with its run's key).</summary>
    public static ResultTable Build(IReadOnlyList<PlannedRun> design, IEnumerable<RunRecord> records)
    {
        var byIndex = new Dictionary<int, RunRecord>();
        foreach (var r in records)
            if (r.Index >= 0 && r.Index < design.Count && design[r.Index].Key == r.Key) byIndex.TryAdd(r.Index, r);
        var rows = design.Where(d => byIndex.ContainsKey(d.Index)).ToList();
        int n = rows.Count;

        var columns = new List<TableColumn>
        {
            new IntegerColumn("run", rows.Select(r => (long)r.Index).ToArray()),
            new IntegerColumn("point", rows.Select(r => (long)r.Point).ToArray()),
            new TextColumn("arm", rows.Select(r => (string?)r.Arm).ToArray()),
            new IntegerColumn("replicate", rows.Select(r => (long)r.Replicate).ToArray()),
            new IntegerColumn("seed", rows.Select(r => unchecked((long)r.Seed)).ToArray()),
            new TextColumn("run_key", rows.Select(r => (string?)r.Key).ToArray()),
        };

        AddValueColumns(columns, design, rows, r => r.Covariates);
        AddValueColumns(columns, design, rows, r => r.Parameters);

        var recs = rows.Select(r => byIndex[r.Index]).ToList();
        columns.Add(new TextColumn("status", recs.Select(r => (string?)(r.Status == RunStatus.Ok ? "ok" : "failed")).ToArray()));
        columns.Add(new TextColumn("error", recs.Select(r => r.Error).ToArray()));
        var metricNames = new List<string>();
        var seen = new HashSet<string>();
        foreach (var r in recs)
            foreach (var (k, _) in r.Metrics)
                if (seen.Add(k)) metricNames.Add(k);
        var lookups = recs.Select(r => r.Metrics.GroupBy(m => m.Key).ToDictionary(g => g.Key, g => g.First().Value)).ToList();
        foreach (var name in metricNames)
            columns.Add(new NumberColumn(name, "", lookups.Select(l => l.TryGetValue(name, out var v) ? v : double.NaN).ToArray()));
        columns.Add(new NumberColumn(WallSeconds, "s", recs.Select(r => r.WallSeconds).ToArray()));
        columns.Add(new TextColumn("code_version", recs.Select(r => (string?)r.CodeVersion).ToArray()));
        return new ResultTable { Columns = columns, RowCount = n };
    }

    /// <summary>One column per key of the runs' pairs: numbers when every value is a number in one unit, else text.</summary>
    private static void AddValueColumns(List<TableColumn> columns, IReadOnlyList<PlannedRun> design, List<PlannedRun> rows,
        Func<PlannedRun, IReadOnlyList<KeyValuePair<string, string>>> pairs)
    {
        var paths = design.SelectMany(d => pairs(d).Select(p => p.Key)).Distinct().ToList();
        foreach (var path in paths)
        {
            var text = rows.Select(r => pairs(r).FirstOrDefault(p => p.Key == path).Value).ToArray();
            var allValues = design.Select(d => pairs(d).FirstOrDefault(p => p.Key == path).Value).Where(v => v is not null).ToList();
            var parsed = allValues.Select(Quantity).ToList();
            // a patient id stays text ('007' is not 7): it joins patients.csv
            if (path != "patient" && parsed.All(q => q is not null) && parsed.Select(q => q!.Value.Unit).Distinct().Count() == 1)
                columns.Add(new NumberColumn(path, parsed[0]!.Value.Unit, text.Select(t => t is null ? double.NaN : Quantity(t)!.Value.Value).ToArray()));
            else
                columns.Add(new TextColumn(path, text));
        }
    }

    /// <summary>"0.5 nS" → (0.5, "nS"); "3" → (3, ""); anything else null.</summary>
    internal static (double Value, string Unit)? Quantity(string? text)
    {
        if (text is null) return null;
        text = text.Trim();
        // a value written quoted in the sweep ('0.5 nS') is set quoted, and means the same number
        if (text.Length >= 2 && text[0] == '\'' && text[^1] == '\'') text = text[1..^1].Replace("''", "'");
        var m = QuantityRegex().Match(text.Trim());
        if (!m.Success || !double.TryParse(m.Groups["num"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double v)) return null;
        return (v, m.Groups["unit"].Value);
    }

    [GeneratedRegex(@"^(?<num>[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)\s*(?<unit>[A-Za-zµμ/%][A-Za-z0-9µμ/%^·*]*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex QuantityRegex();
}
