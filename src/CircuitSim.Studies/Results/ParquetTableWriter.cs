using System.Text.Json;
using CircuitSim.Output;
using Parquet;
using Parquet.Schema;

namespace CircuitSim.Studies.Results;

/// <summary>
/// The results table as Parquet (Parquet.Net; one row group, Snappy): numbers as nullable DOUBLE
/// (no value: null), integers as INT64, text as nullable UTF-8 strings. The key-value metadata
/// holds <c>circuitsim.units</c> (column → unit, JSON) and what the caller adds (the study's
/// scenario and code version). Written atomically.
/// </summary>
public static class ParquetTableWriter
{
    public static void Write(string path, ResultTable table, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var fields = table.Columns.Select(c => c switch
        {
            NumberColumn => (DataField)new DataField<double?>(c.Name),
            IntegerColumn => new DataField<long>(c.Name),
            _ => new DataField(c.Name, typeof(string), isNullable: true),
        }).ToArray();
        var schema = new ParquetSchema(fields);
        var meta = new Dictionary<string, string>(metadata ?? new Dictionary<string, string>())
        {
            ["circuitsim.units"] = JsonSerializer.Serialize(table.Columns.Where(c => c.Unit.Length > 0).ToDictionary(c => c.Name, c => c.Unit)),
        };
        AtomicFile.Write(path, stream => WriteAsync(stream, schema, fields, table, meta).GetAwaiter().GetResult());
    }

    private static async Task WriteAsync(Stream stream, ParquetSchema schema, DataField[] fields, ResultTable table, Dictionary<string, string> meta)
    {
        await using var writer = await ParquetWriter.CreateAsync(schema, stream, new ParquetOptions { CompressionMethod = CompressionMethod.Snappy });
        writer.CustomMetadata = meta;
        using var group = writer.CreateRowGroup();
        for (int c = 0; c < table.Columns.Count; c++)
        {
            switch (table.Columns[c])
            {
                case NumberColumn n:
                    await group.WriteAsync<double>(fields[c], n.Values.Select(v => double.IsFinite(v) ? v : (double?)null).ToArray().AsMemory());
                    break;
                case IntegerColumn n:
                    await group.WriteAsync<long>(fields[c], n.Values.AsMemory());
                    break;
                case TextColumn t:
                    await group.WriteAsync(fields[c], t.Values!);
                    break;
            }
        }
    }
}
