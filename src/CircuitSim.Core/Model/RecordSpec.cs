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
    /// <summary>Named responses in a time window (record.metrics.NAME with type response).</summary>
    public Dictionary<string, ResponseMetricSpec> Responses { get; } = new();
    public Dictionary<string, PscMetricSpec> Pscs { get; } = new();
    /// <summary>Plastic projections whose weights are recorded over time.</summary>
    public List<string> Weights { get; } = new();
    public double WeightsEveryMs { get; set; } = 100;
}

/// <summary>
/// Wind-up: spikes of a population per stimulus pulse, counted in latency windows after each pulse of a
/// pulse_train stimulus, derived from the recruited fibres' conduction latencies (see <c>Metrics.WindupMetric</c>).
/// </summary>
public sealed class WindupMetricSpec
{
    public required string Population { get; set; }
    public required string Stimulus { get; set; }
    /// <summary>An explicit counted window, ms after each pulse; null: the C-fibre window from the latencies.</summary>
    public double? WindowStartMs { get; set; }
    public double? WindowEndMs { get; set; }
    /// <summary>How long after its latest fibre's arrival a class's window ends, ms.</summary>
    public double TailMs { get; set; } = Metrics.WindupMetric.DefaultTailMs;
}

/// <summary>Postsynaptic events at one receptor onto a population in one window (see <c>Metrics.PscMetric</c>).</summary>
public sealed class PscMetricSpec
{
    public required string Population { get; set; }
    public required string Receptor { get; set; }
    public double StartMs { get; set; }
    public double EndMs { get; set; }
}

/// <summary>A population's spikes per neuron and rate in one window of the run (see <c>Metrics.ResponseMetric</c>).</summary>
public sealed class ResponseMetricSpec
{
    public required string Population { get; set; }
    public double StartMs { get; set; }
    public double EndMs { get; set; }
}

public sealed class TraceSpec
{
    public required string Population { get; set; }
    public List<string> Variables { get; } = new();
    /// <summary>Neuron indices within the population; null means neuron 0.</summary>
    public int[]? Neurons { get; set; }
    public double EveryMs { get; set; } = 1.0;
}
