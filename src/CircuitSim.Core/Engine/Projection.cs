namespace CircuitSim.Engine;

/// <summary>
/// Synapses from one population onto a neuron population, as CSR by source: row i holds the
/// targets of source i in ascending order, and for each synapse one weight per receptor
/// (interleaved, so delivery streams memory). One synaptic delay for the projection; an afferent
/// fibre's conduction delay is applied before, at the source (<see cref="SpikeSourcePopulation.Arriving"/>).
/// Memory: 4 bytes of target + 4 per receptor per synapse.
/// </summary>
public sealed class Projection
{
    public required string Name { get; init; }
    public required int Index { get; init; }
    public required Population Source { get; init; }
    public required NeuronPopulation Target { get; init; }
    /// <summary>Indices into Target.Channels, one per receptor of this projection.</summary>
    public required int[] ChannelIndex { get; init; }
    public required int[] RowStart { get; init; }
    public required int[] Targets { get; init; }
    /// <summary>Weights[k · R + r]: peak conductance (nS) of synapse k at receptor r.</summary>
    public required float[] Weights { get; init; }
    /// <summary>Synaptic delay, steps (≥ 1), from the spike's arrival at the cord (afferents) or its emission (neurons).</summary>
    public required int DelaySteps { get; init; }
    public int Receptors => ChannelIndex.Length;
    /// <summary>Short-term depression/facilitation of the projection's release, or null (every spike at full weight).</summary>
    public Synapses.ShortTermDynamics? Dynamics { get; init; }
    /// <summary>Per source: the weight scale of its spike this step, when the projection has short-term dynamics.</summary>
    public float[]? Release => Dynamics?.Release;
    /// <summary>
    /// Scale of the transmitter the projection's terminals release, set by neuromodulation on the slow
    /// clock (presynaptic α2, μ-opioid, 5-HT1B/1D inhibition below 1; 5-HT3 facilitation above 1); 1 when none acts.
    /// </summary>
    public float ModulationScale { get; set; } = 1f;
    /// <summary>
    /// Probability that a synapse releases when a spike arrives, (0, 1]; below 1, each synapse and spike is a draw of
    /// its own (counter-based: seed, projection, synapse, step), so transmission failures do not depend on threads.
    /// </summary>
    public float ReleaseProbability { get; init; } = 1f;
    /// <summary>The seed of the release draws (the scenario's).</summary>
    public ulong ReleaseSeed { get; init; }
    /// <summary>Counts of released synaptic events onto the target over time (for PSC metrics), or null when none are asked for.</summary>
    public Synapses.SynapticEventCounts? Events { get; set; }
    /// <summary>Long-term plasticity of the projection's synapses, or null (fixed weights).</summary>
    public Synapses.LongTermPlasticity? Plasticity { get; internal set; }

    /// <summary>
    /// The weight every synapse has, when the projection has one receptor and no weight spread
    /// (the usual case: Vogels &amp; Abbott 2005, most of the dorsal horn), else null. Delivery then
    /// streams only the targets: COBA's delivery phase 0.12 s → see benchmarks/results.
    /// Call <see cref="RefreshUniformWeight"/> after changing <see cref="Weights"/>.
    /// </summary>
    public float? UniformWeight { get; private set; }

    public void RefreshUniformWeight()
    {
        UniformWeight = null;
        if (Receptors != 1 || Weights.Length == 0) return;
        float w0 = Weights[0];
        foreach (float w in Weights) if (w != w0) return;
        UniformWeight = w0;
    }
    public long SynapseCount => Targets.Length;

    /// <summary>
    /// Partition of each row by target range for P threads: thread p delivers synapses
    /// [PartStart[p·Ns + i], PartStart[(p+1)·Ns + i]) of row i. Set by <see cref="Partition"/>.
    /// </summary>
    public int[] PartStart { get; private set; } = Array.Empty<int>();

    public void Partition(int[] targetBounds)
    {
        int parts = targetBounds.Length - 1, ns = Source.Count;
        var ps = new int[(parts + 1) * ns];
        for (int i = 0; i < ns; i++)
        {
            int lo = RowStart[i], hi = RowStart[i + 1];
            ps[i] = lo;
            ps[parts * ns + i] = hi;
            for (int p = 1; p < parts; p++)
            {
                // first synapse of row i whose target is ≥ targetBounds[p]
                int a = ps[(p - 1) * ns + i], b = hi, bound = targetBounds[p];
                while (a < b) { int m = (a + b) >> 1; if (Targets[m] < bound) a = m + 1; else b = m; }
                ps[p * ns + i] = a;
            }
        }
        PartStart = ps;
    }
}
