using System.Text.Json;
using CircuitSim.Output;
using CircuitSim.Recording;

namespace CircuitSim.Studies.Results;

/// <summary>
/// A run's metrics as flat columns: every number (and true/false as 1/0) of its metrics.json, named
/// by its dotted path (<c>populations.WDR.mean_rate_hz</c>, <c>windup.windup_fast.windup_index</c>).
/// Lists (per-pulse counts) and text stay in the per-run metrics.json; so does how the run was
/// computed (backend, threads, timings, memory), which is not a result and would differ between
/// two machines that computed the same thing. A null (a rate with no spikes) is NaN.
/// </summary>
public static class MetricColumns
{
    private static readonly HashSet<string> NotResults =
        ["scenario", "description", "seed", "duration_ms", "dt_ms", "run", "timing", "phase_seconds", "memory", "completed"];

    public static List<KeyValuePair<string, double>> Of(SimulationResult result)
    {
        using var buffer = new MemoryStream();
        MetricsJsonWriter.WriteTo(buffer, result);
        using var doc = JsonDocument.Parse(buffer.ToArray());
        var columns = new List<KeyValuePair<string, double>>();
        foreach (var p in doc.RootElement.EnumerateObject())
            if (!NotResults.Contains(p.Name)) Flatten(p.Value, p.Name, columns);
        return columns;
    }

    private static void Flatten(JsonElement e, string path, List<KeyValuePair<string, double>> into)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in e.EnumerateObject()) Flatten(p.Value, path + "." + p.Name, into);
                break;
            case JsonValueKind.Number:
                into.Add(new(path, e.GetDouble()));
                break;
            case JsonValueKind.True:
                into.Add(new(path, 1));
                break;
            case JsonValueKind.False:
                into.Add(new(path, 0));
                break;
            case JsonValueKind.Null:
                into.Add(new(path, double.NaN));
                break;
        }
    }
}
