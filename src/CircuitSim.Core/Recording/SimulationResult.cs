using CircuitSim.Model;

namespace CircuitSim.Recording;

/// <summary>Spikes of one population: parallel arrays sorted by time, then by node id.</summary>
public sealed class PopulationSpikes
{
    public required string Population { get; init; }
    /// <summary>Number of neurons (or fibres) in the population.</summary>
    public required int Size { get; init; }
    public required int[] NodeIds { get; init; }
    /// <summary>Spike times, ms.</summary>
    public required double[] TimesMs { get; init; }
    /// <summary>Lamina of a neuron population (I, II, IIo, IIi, III, IV, V); null for afferents and others.</summary>
    public string? Lamina { get; init; }
}

/// <summary>A recorded state variable: Values[sample, k] for neuron Neurons[k] at time Sample·EveryMs.</summary>
public sealed class TraceData
{
    public required string Population { get; init; }
    public required string Variable { get; init; }
    /// <summary>Internal unit of the values (mV, nS, pA, ...).</summary>
    public required string Unit { get; init; }
    public required int[] Neurons { get; init; }
    public required double EveryMs { get; init; }
    public required float[,] Values { get; init; }
}

/// <summary>Positions of the neurons of one population (x mediolateral, y depth; µm).</summary>
public sealed record NodePositions(string Population, string? Lamina, float[] XUm, float[] YUm);

/// <summary>Per-population summary written to metrics.json.</summary>
public sealed record PopulationMetrics(string Population, int Size, long SpikeCount, double MeanRateHz, double CvIsi);

/// <summary>Everything a finished run hands to the writers.</summary>
public sealed class SimulationResult
{
    public required ScenarioSpec Spec { get; init; }
    public required double DurationMs { get; init; }
    public required long Steps { get; init; }
    public required string Backend { get; init; }
    public required int Threads { get; init; }
    /// <summary>Wall time of the time loop alone, s.</summary>
    public required double LoopSeconds { get; init; }
    /// <summary>Wall time of building the network, s.</summary>
    public required double BuildSeconds { get; init; }
    public required long SynapseCount { get; init; }
    /// <summary>Synaptic events delivered (spikes × out-degree).</summary>
    public required long SynapticEvents { get; init; }
    public required IReadOnlyList<PopulationSpikes> Spikes { get; init; }
    public required IReadOnlyList<TraceData> Traces { get; init; }
    public required IReadOnlyList<PopulationMetrics> Metrics { get; init; }
    /// <summary>Neuron positions in lamina coordinates, per neuron population.</summary>
    public IReadOnlyList<NodePositions> Nodes { get; init; } = Array.Empty<NodePositions>();
    /// <summary>Synapses and initial state as built, when the scenario asks for them (<c>record.network</c>).</summary>
    public NetworkSnapshot? Network { get; init; }
    /// <summary>Substance levels and receptor activations over time, when the scenario has substances.</summary>
    public SubstanceTrace? Substances { get; init; }
    /// <summary>The tissue fields' snapshots (and their state at the end), when the scenario has a tissue.</summary>
    public IReadOnlyList<Tissue.FieldSnapshots> Fields { get; init; } = Array.Empty<Tissue.FieldSnapshots>();
    /// <summary>The microglia at the fields' snapshots, when the scenario has them.</summary>
    public Tissue.AgentSnapshots? Microglia { get; init; }
    /// <summary>The astrocytes at the fields' snapshots, when the scenario has them.</summary>
    public Tissue.AgentSnapshots? Astrocytes { get; init; }
    /// <summary>Weights of the plastic projections named in record.weights, over time.</summary>
    public IReadOnlyList<WeightTrace> Weights { get; init; } = Array.Empty<WeightTrace>();
    /// <summary>Extra named metrics (e.g. wind-up) as JSON-serialisable objects.</summary>
    public Dictionary<string, object> Extra { get; } = new();

    /// <summary>Simulated time per wall time of the loop.</summary>
    public double SpeedRealtime => LoopSeconds > 0 ? DurationMs / 1000.0 / LoopSeconds : double.PositiveInfinity;
}
