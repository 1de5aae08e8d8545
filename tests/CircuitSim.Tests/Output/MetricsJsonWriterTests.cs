using System.Text.Json;
using CircuitSim.Output;

namespace CircuitSim.Tests.Output;

public class MetricsJsonWriterTests
{
    [Fact]
    public void PythonJsonLoadSeesTheSchema()
    {
        using var dir = new TempDir();
        var path = dir.File("metrics.json");
        MetricsJsonWriter.Write(path, OutputTestData.Result());

        // Python's json.loads would accept NaN/Infinity tokens, so check the text has none.
        const string script = """
            import sys, json
            text = open(sys.argv[1]).read()
            assert 'NaN' not in text and 'Infinity' not in text, text
            m = json.loads(text)
            print(json.dumps({'keys': list(m.keys()), 'run_keys': list(m['run'].keys()),
                              'pop_keys': list(m['populations']['C'].keys()), 'm': m}))
            """;
        var doc = JsonDocument.Parse(ExternalTool.RunPython(script, path)).RootElement;
        Assert.Equal(["scenario", "description", "seed", "duration_ms", "dt_ms", "populations", "run", "windup"],
            doc.GetProperty("keys").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["backend", "threads", "steps", "build_seconds", "loop_seconds", "speed_realtime", "synapses", "synaptic_events", "events_per_second"],
            doc.GetProperty("run_keys").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["size", "spike_count", "mean_rate_hz", "cv_isi"],
            doc.GetProperty("pop_keys").EnumerateArray().Select(e => e.GetString()));

        var m = doc.GetProperty("m");
        Assert.Equal("output-test", m.GetProperty("scenario").GetString());
        Assert.Equal("hand-made result for the writers", m.GetProperty("description").GetString());
        Assert.Equal(42, m.GetProperty("seed").GetInt32());
        Assert.Equal(20.0, m.GetProperty("duration_ms").GetDouble());
        Assert.Equal(0.1, m.GetProperty("dt_ms").GetDouble());

        var pops = m.GetProperty("populations");
        Assert.Equal(["C", "WDR", "Silent"], pops.EnumerateObject().Select(p => p.Name));
        var c = pops.GetProperty("C");
        Assert.Equal(4, c.GetProperty("size").GetInt32());
        Assert.Equal(5, c.GetProperty("spike_count").GetInt32());
        Assert.Equal(62.5, c.GetProperty("mean_rate_hz").GetDouble(), 9);
        Assert.Equal(JsonValueKind.Null, c.GetProperty("cv_isi").ValueKind);     // no neuron with ≥ 3 spikes
        var wdr = pops.GetProperty("WDR");
        Assert.Equal(5.0 / 3 / 0.02, wdr.GetProperty("mean_rate_hz").GetDouble(), 9);
        Assert.Equal(0.0, wdr.GetProperty("cv_isi").GetDouble(), 12);            // neuron 1 fires every 2 ms
        Assert.Equal(0.0, pops.GetProperty("Silent").GetProperty("mean_rate_hz").GetDouble());

        var run = m.GetProperty("run");
        Assert.Equal("reference", run.GetProperty("backend").GetString());
        Assert.Equal(1, run.GetProperty("threads").GetInt32());
        Assert.Equal(200, run.GetProperty("steps").GetInt32());
        Assert.Equal(0.25, run.GetProperty("build_seconds").GetDouble());
        Assert.Equal(0.5, run.GetProperty("loop_seconds").GetDouble());
        Assert.Equal(0.04, run.GetProperty("speed_realtime").GetDouble(), 12);  // 20 ms in 0.5 s
        Assert.Equal(12, run.GetProperty("synapses").GetInt32());
        Assert.Equal(30, run.GetProperty("synaptic_events").GetInt32());
        Assert.Equal(60.0, run.GetProperty("events_per_second").GetDouble(), 12);

        var windup = m.GetProperty("windup");
        Assert.Equal("WDR", windup.GetProperty("population").GetString());
        var perPulse = windup.GetProperty("spikes_per_pulse").EnumerateArray().ToArray();
        Assert.Equal(1.0, perPulse[0].GetDouble());
        Assert.Equal(2.0, perPulse[1].GetDouble());
        Assert.Equal(JsonValueKind.Null, perPulse[2].ValueKind);
    }

    [Fact]
    public void NonFiniteRunNumbersBecomeNull()
    {
        using var dir = new TempDir();
        var r = OutputTestData.Result();
        var zeroLoop = new CircuitSim.Recording.SimulationResult
        {
            Spec = r.Spec, DurationMs = r.DurationMs, Steps = r.Steps, Backend = r.Backend, Threads = r.Threads,
            LoopSeconds = 0, BuildSeconds = double.NaN, SynapseCount = 0, SynapticEvents = 0,
            Spikes = r.Spikes, Traces = r.Traces, Metrics = r.Metrics,
        };
        var path = dir.File("metrics.json");
        MetricsJsonWriter.Write(path, zeroLoop);
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var run = doc.RootElement.GetProperty("run");
        Assert.Equal(JsonValueKind.Null, run.GetProperty("speed_realtime").ValueKind);   // +Infinity
        Assert.Equal(JsonValueKind.Null, run.GetProperty("events_per_second").ValueKind);
        Assert.Equal(JsonValueKind.Null, run.GetProperty("build_seconds").ValueKind);
        Assert.False(doc.RootElement.TryGetProperty("windup", out _));
    }

    [Fact]
    public void ExtraMayNotReplaceAStandardKey()
    {
        using var dir = new TempDir();
        var r = OutputTestData.Result();
        r.Extra["run"] = 1;
        Assert.Throws<ArgumentException>(() => MetricsJsonWriter.Write(dir.File("metrics.json"), r));
        Assert.False(File.Exists(dir.File("metrics.json")));
    }
}
