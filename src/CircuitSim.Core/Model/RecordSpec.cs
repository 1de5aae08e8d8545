namespace CircuitSim.Model;

public sealed class RecordSpec
{
    /// <summary>Populations whose spikes are recorded; null means all.</summary>
    public List<string>? Spikes { get; set; }
    public List<TraceSpec> Traces { get; } = new();
    public bool Figures { get; set; } = true;
}

public sealed class TraceSpec
{
    public required string Population { get; set; }
    public List<string> Variables { get; } = new();
    /// <summary>Neuron indices within the population; null means neuron 0.</summary>
    public int[]? Neurons { get; set; }
    public double EveryMs { get; set; } = 1.0;
}
