using System.Runtime.CompilerServices;
using CircuitSim.Random;

namespace CircuitSim.Engine.Scheduling;

/// <summary>
/// Delivery of a projection whose synapses release with a probability below 1 (transmission failures, the quantal
/// release of Katz; Brian2's <c>on_pre</c> with a rand() test, NEST's <c>bernoulli_synapse</c>), or whose released
/// events are counted for a postsynaptic-current metric. Each synapse's release at each spike is a counter-based
/// draw (seed, projection, synapse, step), so a worker decides it for its own targets alone and the outcome does not
/// depend on the thread count. A terminal release factor of the source (cytokines at its terminals) scales the
/// probability here (capped at 1): a presynaptic change shows as a change in event frequency, a postsynaptic one
/// (local gain) in amplitude, as quantal analysis separates them.
/// </summary>
internal static class CountedDelivery
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static long Deliver(Projection pr, int p, long t)
    {
        var tgt = pr.Target;
        var spikes = pr.Source.Arriving;
        int ns = pr.Source.Count, np = tgt.PaddedCount, r = pr.Receptors;
        int slots = tgt.Channels[pr.ChannelIndex[0]].RingSlots;
        var part = pr.PartStart;
        var targets = pr.Targets;
        var w = pr.Weights;
        var release = pr.Release;
        var terminal = pr.Source.TerminalRelease;
        var plastic = pr.Plasticity?.Scale;
        float modulation = pr.ModulationScale, p0 = pr.ReleaseProbability;
        bool stochastic = p0 < 1f;
        int offset = (int)((t + pr.DelaySteps) % slots) * np;
        uint purpose = RngPurpose.ForProjection(RngPurpose.Release, pr.Index);
        var counts = pr.Events;
        int bin = counts is null ? 0 : (int)Math.Min(t / counts.BinSteps, counts.Bins - 1);
        int countedReceptor = counts?.Receptor ?? 0;
        var counted = counts is null ? null : tgt.Channels[pr.ChannelIndex[countedReceptor]];
        long events = 0, released = 0, conductance = 0;
        for (int s = 0; s < spikes.Segments.Length; s++)
        {
            var seg = spikes.Segments[s];
            int n = spikes.Counts[s];
            for (int j = 0; j < n; j++)
            {
                int src = seg[j];
                int lo = part[p * ns + src], hi = part[(p + 1) * ns + src];
                if (hi <= lo) continue;
                events += hi - lo;
                float scale = release is null ? modulation : release[src] * modulation;
                float prob = p0;
                if (terminal is not null)
                {
                    if (stochastic) prob = Math.Min(1f, p0 * terminal[src]);
                    else scale *= terminal[src];
                }
                for (int k = lo; k < hi; k++)
                {
                    if (stochastic)
                    {
                        var (a, _, _, _) = Philox.Next(pr.ReleaseSeed, purpose, (uint)k, (ulong)t);
                        if (Philox.ToUnitFloat(a) >= prob) continue;
                    }
                    int target = targets[k];
                    // the same products, in the same order, as the uncounted delivery: counting must not change the run
                    if (plastic is null) for (int c = 0; c < r; c++) tgt.Channels[pr.ChannelIndex[c]].Ring[offset + target] += w[k * r + c] * scale;
                    else for (int c = 0; c < r; c++) tgt.Channels[pr.ChannelIndex[c]].Ring[offset + target] += w[k * r + c] * scale * plastic[k];
                    if (counts is not null)
                    {
                        released++;
                        // the event's peak conductance as the membrane sees it: drug block, modulation and local gain
                        float wk = plastic is null ? w[k * r + countedReceptor] * scale : w[k * r + countedReceptor] * scale * plastic[k];
                        double g = wk * counted!.ScaleAt(target);
                        conductance += (long)Math.Round(g / Synapses.SynapticEventCounts.NanoSiemensPerUnit);
                    }
                }
            }
        }
        if (counts is not null && released > 0)
        {
            counts.Counts[p][bin] += released;
            counts.Conductance[p][bin] += conductance;
        }
        return events;
    }
}
