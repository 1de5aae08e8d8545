namespace CircuitSim.Model;

public sealed class RecordSpec
{
    /// <summary>Populations whose spikes are recorded; null means all.</summary>
    public List<string>? Spikes { get; set; }
    public List<TraceSpec> Traces { get; } = new();
    public bool Figures { get; set; } = true;
    /// <summary>Write the built network (SONATA edges.h5 and nodes.h5 with initial state).</summary>
    public bool Network { get; set; }
    /// <summary>Named wind-up metrics (record.metrics.NAME with type windup).</summary>
    public Dictionary<string, WindupMetricSpec> Windup { get; } = new();
}

/// <summary>
/// Wind-up: spikes of a population per stimulus pulse, counted in a latency window after each
/// pulse of a pulse_train stimulus (C-fibre latencies: e.g. 20–400 ms).
/// </summary>
public sealed class WindupMetricSpec
{
    public required string Population { get; set; }
    public required string Stimulus { get; set; }
    public double WindowStartMs { get; set; } = 20;
    public double WindowEndMs { get; set; } = 400;
}

public sealed class TraceSpec
{
    public required string Population { get; set; }
    public List<string> Variables { get; } = new();
    /// <summary>Neuron indices within the population; null means neuron 0.</summary>
    public int[]? Neurons { get; set; }
    public double EveryMs { get; set; } = 1.0;
}
