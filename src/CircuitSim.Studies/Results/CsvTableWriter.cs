using System.Globalization;
using System.Text;
using CircuitSim.Output;

namespace CircuitSim.Studies.Results;

/// <summary>
/// The results table as CSV (RFC 4180, UTF-8, comma, '\n'; a number round-trips exactly, an empty
/// field is no value), written atomically. Units are in study.json and the Parquet file's metadata.
/// </summary>
public static class CsvTableWriter
{
    public static void Write(string path, ResultTable table)
    {
        var sb = new StringBuilder();
        sb.AppendJoin(',', table.Columns.Select(c => Field(c.Name))).Append('\n');
        for (int i = 0; i < table.RowCount; i++)
        {
            for (int c = 0; c < table.Columns.Count; c++)
            {
                if (c > 0) sb.Append(',');
                sb.Append(table.Columns[c] switch
                {
                    NumberColumn n => double.IsFinite(n.Values[i]) ? n.Values[i].ToString("R", CultureInfo.InvariantCulture) : "",
                    IntegerColumn n => n.Values[i].ToString(CultureInfo.InvariantCulture),
                    TextColumn t => t.Values[i] is { } s ? Field(s) : "",
                    _ => "",
                });
            }
            sb.Append('\n');
        }
        AtomicFile.WriteAllText(path, sb.ToString());
    }

    private static string Field(string s) =>
        s.IndexOfAny([',', '"', '\n', '\r']) >= 0 || s.Length == 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
}
