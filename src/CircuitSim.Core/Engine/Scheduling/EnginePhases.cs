using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using CircuitSim.Stimuli;

namespace CircuitSim.Engine.Scheduling;

/// <summary>Every worker advances its fixed slice of each neuron population by one step (the backend's kernels).</summary>
internal sealed class NeuronUpdatePhase(Simulation sim) : Phase("neurons", PhaseOwner.AllWorkers, barrierAfter: false)
{
    private NeuronPopulation[] _pops = Array.Empty<NeuronPopulation>();

    public override void Prepare(Simulation simulation) => _pops = simulation.Network.NeuronPopulations.ToArray();

    public override long Run(int worker, long step)
    {
        float dt = sim.Network.DtMs;
        foreach (var pop in _pops)
        {
            var b = sim.Bounds[pop.Index];
            int lo = b[worker], hi = b[worker + 1];
            int slots = pop.Channels.Length > 0 ? pop.Channels[0].RingSlots : 1;
            int slotOffset = (int)(step % slots) * pop.PaddedCount;
            int count = 0;
            if (hi > lo) sim.NeuronBackend.Update(pop, lo, hi, slotOffset, dt, pop.Spikes.Segments[worker], ref count);
            pop.Spikes.Counts[worker] = count;
        }
        return 0;
    }
}

/// <summary>
/// Every <see cref="Synapses.SynapticInput.FlushEvery"/> steps, every worker zeroes the channel states of its
/// own slice that have decayed below <see cref="Synapses.SynapticInput.FlushBelow"/> (no denormals), right after
/// its neurons stepped and before delivery adds to them.
/// </summary>
internal sealed class FlushPhase(Simulation sim) : Phase("flush", PhaseOwner.AllWorkers, Synapses.SynapticInput.FlushEvery, barrierAfter: false)
{
    private NeuronPopulation[] _pops = Array.Empty<NeuronPopulation>();

    public override void Prepare(Simulation simulation) => _pops = simulation.Network.NeuronPopulations.ToArray();

    public override long Run(int worker, long step)
    {
        foreach (var pop in _pops)
        {
            var b = sim.Bounds[pop.Index];
            if (b[worker + 1] > b[worker]) Synapses.SynapticInput.FlushStates(pop.Channels, b[worker], b[worker + 1]);
        }
        return 0;
    }
}

/// <summary>Worker 0 fires the spike sources (stimuli, ectopic and descending firing) and moves spikes along the fibres,
/// while the other workers update neurons; a barrier follows both.</summary>
internal sealed class SpikeSourcePhase(Simulation sim) : Phase("sources", PhaseOwner.OneWorker)
{
    private SpikeSourcePopulation[] _sources = Array.Empty<SpikeSourcePopulation>();
    private SpikeDrive[][] _drivesBySource = Array.Empty<SpikeDrive[]>();

    public override void Prepare(Simulation simulation)
    {
        var net = simulation.Network;
        _sources = net.SourcePopulations.ToArray();
        _drivesBySource = SpikeSources.DrivesBySource(net);
    }

    public override long Run(int worker, long step)
    {
        var net = sim.Network;
        foreach (var src in _sources) SpikeSources.Step(net, src, _drivesBySource[src.Index], step);
        return 0;
    }
}

/// <summary>
/// One step of a spike-source population: its drives and ectopic firing mark fibres, refractoriness keeps the
/// fibres that may fire, and the impulses start along the fibres (<see cref="SpikeSourcePopulation.Arriving"/> then
/// holds those reaching the terminals now). Sources do not depend on the neurons, so an engine may step them
/// ahead (the GPU backend does, a chunk at a time).
/// </summary>
internal static class SpikeSources
{
    public static SpikeDrive[][] DrivesBySource(Network net) =>
        net.Populations.Select(p => net.Drives.Where(d => d.Target == p).ToArray()).ToArray();

    public static void Step(Network net, SpikeSourcePopulation src, SpikeDrive[] drives, long step)
    {
        var fires = src.FiresNow;
        Array.Clear(fires);
        if (src.RootConductionSteps is not null) Array.Clear(src.FiresAtRoot);
        foreach (var d in drives) d.Apply(step, fires);
        if (src.EctopicRateHz > 0)
            src.Ectopic.Fire(net.Spec.Seed, Random.RngPurpose.ForPopulation(Random.RngPurpose.Ectopic, src.Index), step,
                (float)(src.EctopicRateHz * net.DtMs * 1e-3), fires);
        var seg = src.Spikes.Segments[0];
        var last = src.LastSpike;
        int n = 0;
        for (int i = 0; i < fires.Length; i++)
            if (fires[i] && step - last[i] >= src.RefractorySteps) { seg[n++] = i; last[i] = step; }
        src.Spikes.Counts[0] = n;
        src.Conduct(step);
    }
}

/// <summary>
/// Every worker adds the weights of the step's arriving spikes into the rings of its own slice of
/// targets, walking sources in a fixed order, so each target's sums are formed in the same order for
/// any number of workers (no float atomics).
/// </summary>
internal sealed class SpikeDeliveryPhase() : Phase("delivery", PhaseOwner.AllWorkers)
{
    private Projection[] _projections = Array.Empty<Projection>();

    public override void Prepare(Simulation simulation) => _projections = simulation.Network.Projections.ToArray();

    public override long Run(int worker, long step)
    {
        long events = 0;
        foreach (var pr in _projections) events += Deliver(pr, worker, step);
        return events;
    }

    /// <summary>Adds the weights of this step's spikes of the projection's source into the rings of worker p's targets.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static long Deliver(Projection pr, int p, long t)
    {
        if (pr.ReleaseProbability < 1f || pr.Events is not null) return CountedDelivery.Deliver(pr, p, t);
        var tgt = pr.Target;
        var spikes = pr.Source.Arriving;
        int ns = pr.Source.Count, np = tgt.PaddedCount, r = pr.Receptors;
        int slots = tgt.Channels[pr.ChannelIndex[0]].RingSlots;
        var part = pr.PartStart;
        var targets = pr.Targets;
        var w = pr.Weights;
        var release = pr.Release;
        float modulation = pr.ModulationScale;
        // every spike of the step lands in the same ring slot: the projection has one synaptic delay
        int offset = (int)((t + pr.DelaySteps) % slots) * np;
        float uniform = pr.UniformWeight ?? 0f;
        var plastic = pr.Plasticity?.Scale;
        bool isUniform = pr.UniformWeight.HasValue && plastic is null;
        var terminal = pr.Source.TerminalRelease;
        long events = 0;
        for (int s = 0; s < spikes.Segments.Length; s++)
        {
            var seg = spikes.Segments[s];
            int n = spikes.Counts[s];
            for (int j = 0; j < n; j++)
            {
                int src = seg[j];
                if (j + 1 < n && System.Runtime.Intrinsics.X86.Sse.IsSupported)
                {
                    int next = seg[j + 1];
                    PrefetchRow(targets, part[p * ns + next], part[(p + 1) * ns + next]);
                }
                int lo = part[p * ns + src], hi = part[(p + 1) * ns + src];
                if (hi <= lo) continue;
                events += hi - lo;
                // short-term dynamics scale the spike's weights (1 exactly when the projection has none)
                float scale = release is null ? modulation : release[src] * modulation;
                if (terminal is not null) scale *= terminal[src];
                if (isUniform)
                {
                    // targets are < the padded count and offset + padded count ≤ the ring's length (builder invariant),
                    // so the checks are dropped; four independent read-modify-writes per iteration
                    float wu = uniform * scale;
                    ref float slot = ref Unsafe.Add(
                        ref MemoryMarshal.GetArrayDataReference(tgt.Channels[pr.ChannelIndex[0]].Ring), offset);
                    ref int tk = ref MemoryMarshal.GetArrayDataReference(targets);
                    int k = lo;
                    for (; k + 4 <= hi; k += 4)
                    {
                        Unsafe.Add(ref slot, Unsafe.Add(ref tk, k)) += wu;
                        Unsafe.Add(ref slot, Unsafe.Add(ref tk, k + 1)) += wu;
                        Unsafe.Add(ref slot, Unsafe.Add(ref tk, k + 2)) += wu;
                        Unsafe.Add(ref slot, Unsafe.Add(ref tk, k + 3)) += wu;
                    }
                    for (; k < hi; k++) Unsafe.Add(ref slot, Unsafe.Add(ref tk, k)) += wu;
                }
                else if (plastic is not null)
                {
                    // long-term plasticity: each synapse's weights times its own scale
                    for (int c = 0; c < r; c++)
                    {
                        var ring = tgt.Channels[pr.ChannelIndex[c]].Ring;
                        for (int k = lo; k < hi; k++) ring[offset + targets[k]] += w[k * r + c] * scale * plastic[k];
                    }
                }
                else if (r == 1)
                {
                    var ring = tgt.Channels[pr.ChannelIndex[0]].Ring;
                    for (int k = lo; k < hi; k++) ring[offset + targets[k]] += w[k] * scale;
                }
                else
                {
                    for (int c = 0; c < r; c++)
                    {
                        var ring = tgt.Channels[pr.ChannelIndex[c]].Ring;
                        for (int k = lo; k < hi; k++) ring[offset + targets[k]] += w[k * r + c] * scale;
                    }
                }
            }
        }
        return events;
    }

    /// <summary>
    /// Asks for the first lines of the next spike's row while this row is delivered: rows start at random
    /// places in a synapse array larger than L2, so each row's first line is a miss.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void PrefetchRow(int[] targets, int start, int end)
    {
        if ((uint)start >= (uint)targets.Length || end <= start) return;
        byte* at = (byte*)Unsafe.AsPointer(ref targets[start]);
        // two lines: prefetching a whole row (up to 8) measured slower on COBA (delivery 0.100 → 0.115 s)
        int lines = Math.Min(2, ((end - start) * 4 + 63) / 64);
        for (int k = 0; k < lines; k++) System.Runtime.Intrinsics.X86.Sse.Prefetch0(at + 64 * k);
    }
}
