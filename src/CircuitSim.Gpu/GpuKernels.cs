using ILGPU;
using ILGPU.Runtime;

namespace CircuitSim.Gpu;

/// <summary>The LIF population's arrays on the device, one kernel argument.</summary>
internal struct LifArgs
{
    public ArrayView<float> V, R, EL, Rin, P, Vr, VT, RS, Ib, ECl, I;
    /// <summary>Channel states, channel c of neuron i at c·Padded + i.</summary>
    public ArrayView<float> A;
    /// <summary>Arrival rings, channel c, slot s, neuron i at (c·Slots + s)·Padded + i (unused when arrivals go to the states).</summary>
    public ArrayView<float> Ring;
    public ArrayView<float> Norm, Decay, Scale, Reversal;
    public ArrayView<int> Chloride;
    /// <summary>Each neuron's synapses over all projections from its population, and the run's event counter (integer: order-free).</summary>
    public ArrayView<long> OutDegree, Events;
    public int Count, Padded, Channels, Slots, Direct;
}

/// <summary>One projection's synapses by target (each target's incoming synapses by source, then row order), one kernel argument.</summary>
internal struct DeliverArgs
{
    public ArrayView<int> InStart, InSource, InSynapse;
    public ArrayView<float> Weights;
    /// <summary>The target channel of each receptor of the projection.</summary>
    public ArrayView<int> ChannelOf;
    public int Receptors, Count;
    public float Scale;
}

/// <summary>
/// The kernels, grid-stride (a thread loops over neurons i, i + stride, …: ILGPU's CPU accelerator pays
/// microseconds per thread, a GPU wants few long-lived threads too). Each does, per neuron, the operations of
/// the CPU kernels in the same order (SynapticInput.Pass, LifModel.Integrate, SpikeDeliveryPhase.Deliver), so
/// the spikes are identical to the simd and reference backends where the device's float arithmetic is
/// IEEE single precision without contraction (the CPU accelerator; a GPU may fuse multiply-adds).
/// </summary>
internal static class GpuKernels
{
    /// <summary>One step of LIF neurons: arrivals, channel decay, conductance sums, membrane, threshold, reset; a flag per neuron that fired.</summary>
    public static void Lif(LifArgs a, int slotOffset, ArrayView<byte> fired)
    {
        int stride = Grid.DimX * Group.DimX;
        for (int i = Grid.GlobalIndex.X; i < a.Count; i += stride)
        {
            float gs = 0f, ge = 0f;
            for (int c = 0; c < a.Channels; c++)
            {
                int k = c * a.Padded + i;
                float aOld = a.A[k];
                float x = 0f;
                if (a.Direct == 0)
                {
                    int ri = (c * a.Slots) * a.Padded + slotOffset + i;
                    x = a.Ring[ri];
                    a.Ring[ri] = 0f;
                }
                float inc = x * a.Norm[c];
                float av = a.Direct != 0 ? aOld : aOld + inc;
                a.A[k] = av * a.Decay[c];
                float g = av * a.Scale[c];
                float e = a.Chloride[c] != 0 ? a.ECl[i] : a.Reversal[c];
                gs = gs + g;
                ge = ge + g * e;
            }
            float iTotal = a.I[i] + a.Ib[i];
            float v = a.V[i];
            float r = a.R[i] - 1f;
            if (r < 0f) r = 0f;
            float vinf = a.EL[i] + (ge - gs * v + iTotal) * a.Rin[i];
            float vn = vinf + (v - vinf) * a.P[i];
            if (r > 0f) vn = a.Vr[i];
            bool spike = vn >= a.VT[i];
            a.V[i] = spike ? a.Vr[i] : vn;
            a.R[i] = spike ? a.RS[i] : r;
            fired[i] = spike ? (byte)1 : (byte)0;
            if (spike && a.OutDegree[i] > 0) Atomic.Add(ref a.Events[0], a.OutDegree[i]);
        }
    }

    /// <summary>Channel states below SynapticInput.FlushBelow in magnitude (and NaN) become exactly 0, as the CPU's flush phase does.</summary>
    public static void Flush(ArrayView<float> states, int n, float below)
    {
        int stride = Grid.DimX * Group.DimX;
        for (int i = Grid.GlobalIndex.X; i < n; i += stride)
        {
            float x = states[i];
            float ax = x < 0f ? -x : x;
            states[i] = ax > below ? x : 0f;
        }
    }

    /// <summary>
    /// Target-partitioned delivery: each target adds the weights of its incoming synapses from sources that fired,
    /// by source in ascending order and then in row order, into its channels' slot; the order of the CPU's
    /// source-by-source loop, so each sum is formed the same way without atomics.
    /// </summary>
    public static void Deliver(DeliverArgs d, ArrayView<byte> sourceFired, ArrayView<float> target, int channelStride, int slotOffset)
    {
        int stride = Grid.DimX * Group.DimX;
        for (int i = Grid.GlobalIndex.X; i < d.Count; i += stride)
        {
            int lo = d.InStart[i], hi = d.InStart[i + 1];
            for (int j = lo; j < hi; j++)
            {
                if (sourceFired[d.InSource[j]] == 0) continue;
                int k = d.InSynapse[j];
                for (int c = 0; c < d.Receptors; c++)
                {
                    int t = d.ChannelOf[c] * channelStride + slotOffset + i;
                    target[t] = target[t] + d.Weights[k * d.Receptors + c] * d.Scale;
                }
            }
        }
    }
}
