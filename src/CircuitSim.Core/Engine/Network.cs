using CircuitSim.Model;
using CircuitSim.Stimuli;

namespace CircuitSim.Engine;

/// <summary>
/// A built circuit: populations as structure of arrays, projections as CSR, drives and
/// scheduled events. Knows nothing of YAML and nothing of the backend that will run it.
/// </summary>
public sealed class Network
{
    public required ScenarioSpec Spec { get; init; }
    public required float DtMs { get; init; }
    public required long Steps { get; init; }
    public required List<Population> Populations { get; init; }
    public required List<Projection> Projections { get; init; }
    public required List<SpikeDrive> Drives { get; init; }
    /// <summary>Sorted by step, then by order of declaration.</summary>
    public required List<ScheduledEvent> Events { get; init; }

    public IEnumerable<NeuronPopulation> NeuronPopulations => Populations.OfType<NeuronPopulation>();
    public IEnumerable<SpikeSourcePopulation> SourcePopulations => Populations.OfType<SpikeSourcePopulation>();

    public Population Population(string name) =>
        Populations.Find(p => p.Name == name) ?? throw new KeyNotFoundException($"no population '{name}'");

    public long SynapseCount
    {
        get { long n = 0; foreach (var p in Projections) n += p.SynapseCount; return n; }
    }

    /// <summary>Bytes held by synapses (targets, weights and row offsets).</summary>
    public long SynapseBytes
    {
        get
        {
            long b = 0;
            foreach (var p in Projections)
                b += 4L * p.Targets.Length + 4L * p.Weights.Length + 4L * p.RowStart.Length;
            return b;
        }
    }
}
