namespace CircuitSim.Engine;

/// <summary>What every population has: a name, a size, and the spikes of the current step.</summary>
public abstract class Population
{
    public required string Name { get; init; }
    /// <summary>Position in the network's population list (file order).</summary>
    public required int Index { get; init; }
    public required int Count { get; init; }
    /// <summary>Spikes emitted during the current step, ascending by neuron index.</summary>
    public StepSpikes Spikes { get; internal set; } = StepSpikes.Empty;
    /// <summary>Spikes that reach the population's synapses this step: those emitted now, unless the
    /// axons take time to get there (afferent fibres).</summary>
    public virtual StepSpikes Arriving => Spikes;
    /// <summary>
    /// A factor per neuron or fibre on what its terminals release, set on a slow clock by what is around the terminals
    /// in the tissue (TNFα and IL-1β raising afferent release); null when none acts. On a projection with a release
    /// probability below 1 it scales that probability (capped at 1), else every synapse's weight.
    /// </summary>
    public float[]? TerminalRelease { get; set; }
}

/// <summary>
/// Spikes of one population in one step, written by several threads: thread p writes its own
/// segment, and the segments in thread order are ascending in neuron index, so readers see
/// the same order whatever the thread count.
/// </summary>
public sealed class StepSpikes
{
    public static readonly StepSpikes Empty = new(0, 1);
    public readonly int[][] Segments;
    public readonly int[] Counts;

    public StepSpikes(int capacity, int segments)
    {
        Segments = new int[segments][];
        for (int s = 0; s < segments; s++) Segments[s] = new int[capacity];
        Counts = new int[segments];
    }

    public int Total
    {
        get { int n = 0; foreach (var c in Counts) n += c; return n; }
    }
}
