using BenchmarkDotNet.Attributes;
using CircuitSim.Engine;
using CircuitSim.Model;
using CircuitSim.Scenarios;

namespace CircuitSim.Benchmarks;

/// <summary>
/// The whole base dorsal horn circuit (scenarios/base/dorsal-horn.yaml: 17 populations, 229 neurons and 210 fibres)
/// for 10 s simulated, with recording: the wind-up protocol (windup.yaml's 1 Hz train) and the
/// nerve-injury scenario (ongoing ectopic C and Adelta firing from 5 s). Real-time factor =
/// 10 s / the mean time reported.
/// </summary>
public class BaseCircuitBenchmarks
{
    [Params("windup.yaml", "nerve-injury.yaml")]
    public string Scenario { get; set; } = "windup.yaml";

    private ScenarioSpec _spec = null!;

    [GlobalSetup]
    public void Setup()
    {
        var sets = Scenario == "windup.yaml"
            ? new[] { "duration=10s", "stimuli.fast.start=0.5s", "stimuli.slow=null" , "record.metrics=null" }
            : new[] { "duration=10s" };
        _spec = ScenarioLoader.Load(ScenarioFiles.Path(Scenario), sets);
    }

    [Benchmark]
    public long TenSecondsSimulated()
    {
        var r = Runner.Run(_spec, new RunOptions());
        return r.SynapticEvents;
    }
}
