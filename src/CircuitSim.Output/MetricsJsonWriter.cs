using System.Text.Json;
using CircuitSim.Recording;

namespace CircuitSim.Output;

/// <summary>
/// Writes metrics.json (indented UTF-8):
/// <code>
/// { "scenario": name, "description": s, "seed": n, "duration_ms": x, "dt_ms": x,
///   "populations": { "&lt;pop&gt;": { "size": n, "spike_count": n, "mean_rate_hz": x, "cv_isi": x|null } },
///   "run": { "backend": s, "threads": n, "steps": n, "build_seconds": x, "loop_seconds": x,
///            "speed_realtime": x, "synapses": n, "synaptic_events": n, "events_per_second": x },
///   "&lt;extra&gt;": ... }
/// </code>
/// Populations come from <see cref="SimulationResult.Metrics"/>, in order. Each entry of
/// <see cref="SimulationResult.Extra"/> becomes one more top-level property, its object serialised with
/// System.Text.Json: public properties and fields, property names in snake_case (dictionary keys as given).
/// Every NaN or ±Infinity, here or inside an extra object, is written as null.
/// </summary>
public static class MetricsJsonWriter
{
    static readonly string[] ReservedKeys = ["scenario", "description", "seed", "duration_ms", "dt_ms", "populations", "run"];

    /// <summary>Options used for the objects in <see cref="SimulationResult.Extra"/>.</summary>
    internal static readonly JsonSerializerOptions ExtraOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        IncludeFields = true,
        WriteIndented = true,
        Converters = { new DoubleNonFiniteAsNullConverter(), new SingleNonFiniteAsNullConverter() },
    };

    public static void Write(string path, SimulationResult r) => AtomicFile.Write(path, stream => WriteTo(stream, r));

    /// <summary>The same JSON into a stream (a study reads its metrics from it without a file).</summary>
    public static void WriteTo(Stream stream, SimulationResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        foreach (var key in r.Extra.Keys)
            if (Array.IndexOf(ReservedKeys, key) >= 0)
                throw new ArgumentException($"Extra metric '{key}' would overwrite a standard key of metrics.json.");
        OutputNames.CheckUnique(r.Metrics.Select(m => m.Population), "Population");

        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteString("scenario", r.Spec.Name);
        w.WriteString("description", r.Spec.Description);
        w.WriteNumber("seed", r.Spec.Seed);
        Number(w, "duration_ms", r.DurationMs);
        Number(w, "dt_ms", r.Spec.DtMs);

        w.WriteStartObject("populations");
        foreach (var m in r.Metrics)
        {
            w.WriteStartObject(m.Population);
            w.WriteNumber("size", m.Size);
            w.WriteNumber("spike_count", m.SpikeCount);
            Number(w, "mean_rate_hz", m.MeanRateHz);
            Number(w, "cv_isi", m.CvIsi);
            w.WriteEndObject();
        }
        w.WriteEndObject();

        w.WriteStartObject("run");
        w.WriteString("backend", r.Backend);
        w.WriteNumber("threads", r.Threads);
        w.WriteNumber("steps", r.Steps);
        Number(w, "build_seconds", r.BuildSeconds);
        Number(w, "loop_seconds", r.LoopSeconds);
        Number(w, "speed_realtime", r.SpeedRealtime);
        w.WriteNumber("synapses", r.SynapseCount);
        w.WriteNumber("synaptic_events", r.SynapticEvents);
        Number(w, "events_per_second", r.LoopSeconds > 0 ? r.SynapticEvents / r.LoopSeconds : double.NaN);
        w.WriteEndObject();

        foreach (var (key, value) in r.Extra)
        {
            w.WritePropertyName(key);
            if (value is null) w.WriteNullValue();
            else JsonSerializer.Serialize(w, value, value.GetType(), ExtraOptions);
        }
        w.WriteEndObject();
        w.Flush();
        stream.WriteByte((byte)'\n');
    }

    static void Number(Utf8JsonWriter w, string name, double value)
    {
        if (double.IsFinite(value)) w.WriteNumber(name, value);
        else w.WriteNull(name);
    }
}
