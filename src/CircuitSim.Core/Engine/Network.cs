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
    /// <summary>Substances, receptors and their effects, or null when the scenario has no substances.</summary>
    public Neuromodulation.Neuromodulators? Neuromodulators { get; init; }
    /// <summary>The tissue slab's diffusing fields, or null when the scenario has no <c>tissue:</c>.</summary>
    public Tissue.TissueFields? Tissue { get; init; }

    // arrays, kept until the population list changes: the time loop walks them (every 64 steps for the
    // numbers check), and an OfType iterator there allocated 88 bytes each time
    private NeuronPopulation[]? _neurons;
    private SpikeSourcePopulation[]? _sources;
    private int _typedFrom = -1;

    public IReadOnlyList<NeuronPopulation> NeuronPopulations => Typed().Neurons;
    public IReadOnlyList<SpikeSourcePopulation> SourcePopulations => Typed().Sources;

    private (NeuronPopulation[] Neurons, SpikeSourcePopulation[] Sources) Typed()
    {
        if (_neurons is null || _typedFrom != Populations.Count)
        {
            _neurons = Populations.OfType<NeuronPopulation>().ToArray();
            _sources = Populations.OfType<SpikeSourcePopulation>().ToArray();
            _typedFrom = Populations.Count;
        }
        return (_neurons, _sources!);
    }

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
