using CircuitSim.Numerics;
using CircuitSim.Synapses;
using ILGPU;
using ILGPU.Runtime;

namespace CircuitSim.Gpu;

/// <summary>
/// One LIF population over every copy of a batch, on the device. Per-neuron arrays hold copy b's neuron i at
/// b·Padded + i; channel states at (b·Channels + c)·Padded + i; rings at ((b·Channels + c)·Slots + s)·Padded + i;
/// per-channel values at b·Channels + c.
/// </summary>
internal struct LifArgs
{
    public ArrayView<float> V, R, EL, Rin, P, Vr, VT, RS, Ib, ECl, I;
    /// <summary>0: LIF; 1: AdEx, with its adaptation current W and parameters (Vpeak, ΔT, a, b, the half-step and w propagators).</summary>
    public int Model;
    public ArrayView<float> W, GL, DeltaT, Vpeak, AdaptA, AdaptB, Ph, Pw;
    public ArrayView<float> A, Ring;
    /// <summary>Second states of two-exponential channels (rise), at the same places as <see cref="A"/> (zeros for single exponentials).</summary>
    public ArrayView<float> B;
    public ArrayView<float> Norm, Decay, DecayB, Scale, Reversal, InverseSaturation, PotentiationMax, PotentiationHalf;
    /// <summary>Per channel: chloride reversal, a second state, Mg²⁺ block (0/1), and the modulating channel's index (−1: none).</summary>
    public ArrayView<int> Chloride, HasB, MgBlock, Modulator;
    /// <summary>Each neuron's synapses over all projections from its population, and each copy's event counter (integer: order-free).</summary>
    public ArrayView<long> OutDegree, Events;
    public int Count, Padded, Channels, Slots, Direct, Copies;
    /// <summary>Where the population's flags start in a copy's row of the step's flags, and a copy's row length.</summary>
    public int FlagOffset, FlagStride;
}

/// <summary>
/// One projection over every copy, by target: target j = b·Count + i has incoming synapses
/// [InStart[j], InStart[j + 1]), by source then row order; InSource is the source's index in the step's flags,
/// InSynapse the synapse's row in the batch's weights.
/// </summary>
internal struct DeliverArgs
{
    public ArrayView<int> InStart, InSource, InSynapse;
    public ArrayView<float> Weights;
    public ArrayView<int> ChannelOf;
    /// <summary>Each copy's weight scale (modulation), by copy.</summary>
    public ArrayView<float> Scale;
    public int Receptors, Count, Copies;
}

/// <summary>
/// The kernels, grid-stride (a thread loops over neurons j, j + stride, …: ILGPU's CPU accelerator pays
/// microseconds per thread, a GPU wants few long-lived threads too). Per neuron they do the operations of the
/// CPU kernels in the same order (SynapticInput.Pass, LifModel.Integrate, SpikeDeliveryPhase.Deliver), so the
/// spikes are identical to the simd and reference backends where the device's float arithmetic is IEEE single
/// precision without contraction (the CPU accelerator; a GPU may fuse multiply-adds).
/// </summary>
internal static class GpuKernels
{
    /// <summary>One step of LIF neurons: arrivals, channel decay, conductance sums, membrane, threshold, reset; a flag per neuron that fired.</summary>
    public static void Lif(LifArgs a, int slotOffset, ArrayView<byte> fired)
    {
        int stride = Grid.DimX * Group.DimX;
        int n = a.Copies * a.Padded;
        for (int j = Grid.GlobalIndex.X; j < n; j += stride)
        {
            int b = j / a.Padded, i = j - b * a.Padded;
            if (i >= a.Count) continue;
            var g = Channels(a, b, i, j, slotOffset, a.Ring, default, 0);
            bool spike = Membrane(a, j, g);
            fired[b * a.FlagStride + a.FlagOffset + i] = spike ? (byte)1 : (byte)0;
            if (spike && a.OutDegree[j] > 0) Atomic.Add(ref a.Events[b], a.OutDegree[j]);
        }
    }

    /// <summary>Σg and Σg·E of a neuron's channels.</summary>
    internal struct Conductance { public float S, E; }

    /// <summary>
    /// The synaptic pass of one neuron, channel by channel in order, as SynapticInput.Pass does it: arrivals (from
    /// the float ring, the fixed-point ring, or already in the state), the states' decay, the two-exponential
    /// difference, saturation, the Mg²⁺ block (the same FastExp polynomial), potentiation by a modulating channel
    /// (whose state is read as it stands at that point of the pass), availability, and the sums.
    /// </summary>
    internal static Conductance Channels(LifArgs a, int b, int i, int j, int slotOffset, ArrayView<float> ringF, ArrayView<long> ringL, int fixedPoint)
    {
        var sum = new Conductance();
        for (int c = 0; c < a.Channels; c++)
        {
            int bc = b * a.Channels + c;
            int k = bc * a.Padded + i;
            float aOld = a.A[k];
            float x = 0f;
            if (fixedPoint != 0)
            {
                int ri = bc * a.Slots * a.Padded + slotOffset + i;
                x = (float)(ringL[ri] / FixedPointKernels.Unit);
                ringL[ri] = 0;
            }
            else if (a.Direct == 0)
            {
                int ri = bc * a.Slots * a.Padded + slotOffset + i;
                x = ringF[ri];
                ringF[ri] = 0f;
            }
            float inc = x * a.Norm[bc];
            float av = a.Direct != 0 && fixedPoint == 0 ? aOld : aOld + inc;
            float g = av;
            a.A[k] = av * a.Decay[bc];
            if (a.HasB[c] != 0)
            {
                float bv = a.B[k] + inc;
                g = av - bv;
                a.B[k] = bv * a.DecayB[bc];
            }
            float inv = a.InverseSaturation[bc];
            if (inv > 0f) g = g / (1f + g * inv);
            if (a.MgBlock[c] != 0) g = g / (1f + SynapticInput.MgFactor * FastExp.Exp(-MagnesiumBlock.Slope * a.V[j]));
            int m = a.Modulator[c];
            if (m >= 0)
            {
                int bm = b * a.Channels + m;
                int km = bm * a.Padded + i;
                float gm = a.HasB[m] != 0 ? a.A[km] - a.B[km] : a.A[km];
                float minv = a.InverseSaturation[bm];
                if (minv > 0f) gm = gm / (1f + gm * minv);
                gm = gm * a.Scale[bm];
                if (gm < 0f) gm = 0f;
                g = g * (1f + a.PotentiationMax[bc] * gm / (gm + a.PotentiationHalf[bc]));
            }
            g = g * a.Scale[bc];
            float e = a.Chloride[c] != 0 ? a.ECl[j] : a.Reversal[bc];
            sum.S = sum.S + g;
            sum.E = sum.E + g * e;
        }
        return sum;
    }

    /// <summary>The membrane of the population's model.</summary>
    internal static bool Membrane(LifArgs a, int j, Conductance g) => a.Model == 1 ? AdEx(a, j, g) : Lif(a, j, g);

    /// <summary>
    /// The AdEx membrane (AdExModel.Membrane): leak integrated exactly, the exponential current at the midpoint
    /// potential of a half step, w relaxing exactly towards a(v − EL); spike at Vpeak unless refractory.
    /// </summary>
    internal static bool AdEx(LifArgs a, int j, Conductance g)
    {
        float v = a.V[j];
        float w = a.W[j];
        float r = a.R[j] - 1f;
        if (r < 0f) r = 0f;
        float el = a.EL[j], vt = a.VT[j], deltaT = a.DeltaT[j];
        float gldt = a.GL[j] * deltaT;
        float rin = a.Rin[j];
        float drive = g.E - g.S * v + (a.I[j] + a.Ib[j]) - w;
        float arg = (v - vt) / deltaT;
        if (arg > Neurons.AdExModel.MaxExpArg) arg = Neurons.AdExModel.MaxExpArg;
        float vinf = el + (drive + gldt * FastExp.Exp(arg)) * rin;
        float vh = vinf + (v - vinf) * a.Ph[j];
        arg = (vh - vt) / deltaT;
        if (arg > Neurons.AdExModel.MaxExpArg) arg = Neurons.AdExModel.MaxExpArg;
        vinf = el + (drive + gldt * FastExp.Exp(arg)) * rin;
        float vn = vinf + (v - vinf) * a.P[j];
        float winf = a.AdaptA[j] * (v - el);
        float wn = winf + (w - winf) * a.Pw[j];
        bool refractory = r > 0f;
        float vr = a.Vr[j];
        if (refractory) vn = vr;
        bool spike = vn >= a.Vpeak[j] && !refractory;
        a.V[j] = spike ? vr : vn;
        a.W[j] = spike ? wn + a.AdaptB[j] : wn;
        a.R[j] = spike ? a.RS[j] : r;
        return spike;
    }

    /// <summary>The LIF membrane (LifModel.Integrate): leak integrated exactly towards v∞, refractoriness, threshold, reset.</summary>
    internal static bool Lif(LifArgs a, int j, Conductance g)
    {
        float iTotal = a.I[j] + a.Ib[j];
        float v = a.V[j];
        float r = a.R[j] - 1f;
        if (r < 0f) r = 0f;
        float vinf = a.EL[j] + (g.E - g.S * v + iTotal) * a.Rin[j];
        float vn = vinf + (v - vinf) * a.P[j];
        if (r > 0f) vn = a.Vr[j];
        bool spike = vn >= a.VT[j];
        a.V[j] = spike ? a.Vr[j] : vn;
        a.R[j] = spike ? a.RS[j] : r;
        return spike;
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
    /// Delivery from a spike-source population, target-partitioned in the order the impulses arrived (the CPU walks
    /// a step's arrivals in conduction-queue order, not by fibre): for each arrival, the target finds its synapses
    /// from that fibre (incoming synapses are sorted by source) and adds their weights in row order.
    /// <paramref name="arrivals"/> holds the step's arrivals of every copy, copy b's at
    /// [offsets[b], offsets[b] + counts[b]), each as b·SourceCount + fibre.
    /// </summary>
    public static void DeliverArrivals(DeliverArgs d, ArrayView<int> arrivals, ArrayView<int> offsets, ArrayView<int> counts,
        ArrayView<float> target, int copyStride, int channelStride, int slotOffset, int sourceCount)
    {
        int stride = Grid.DimX * Group.DimX;
        int n = d.Copies * d.Count;
        for (int j = Grid.GlobalIndex.X; j < n; j += stride)
        {
            int b = j / d.Count, i = j - b * d.Count;
            int lo = d.InStart[j], hi = d.InStart[j + 1];
            if (hi <= lo) continue;
            float scale = d.Scale[b];
            int off = offsets[b], cnt = counts[b];
            for (int q = 0; q < cnt; q++)
            {
                int s = arrivals[off + q] - b * sourceCount;
                int x = lo, z = hi;
                while (x < z)
                {
                    int m = (x + z) >> 1;
                    if (d.InSource[m] < s) x = m + 1; else z = m;
                }
                for (int k = x; k < hi && d.InSource[k] == s; k++)
                {
                    int syn = d.InSynapse[k];
                    for (int c = 0; c < d.Receptors; c++)
                    {
                        int t = b * copyStride + d.ChannelOf[c] * channelStride + slotOffset + i;
                        target[t] = target[t] + d.Weights[syn * d.Receptors + c] * scale;
                    }
                }
            }
        }
    }

    /// <summary>
    /// Target-partitioned delivery: each target adds the weights of its incoming synapses from sources that fired,
    /// by source in ascending order and then in row order, into its channels' slot; the order of the CPU's
    /// source-by-source loop, so each sum is formed the same way without atomics.
    /// </summary>
    public static void Deliver(DeliverArgs d, ArrayView<byte> fired, ArrayView<float> target, int copyStride, int channelStride, int slotOffset)
    {
        int stride = Grid.DimX * Group.DimX;
        int n = d.Copies * d.Count;
        for (int j = Grid.GlobalIndex.X; j < n; j += stride)
        {
            int b = j / d.Count, i = j - b * d.Count;
            int lo = d.InStart[j], hi = d.InStart[j + 1];
            float scale = d.Scale[b];
            for (int q = lo; q < hi; q++)
            {
                if (fired[d.InSource[q]] == 0) continue;
                int k = d.InSynapse[q];
                for (int c = 0; c < d.Receptors; c++)
                {
                    int t = b * copyStride + d.ChannelOf[c] * channelStride + slotOffset + i;
                    target[t] = target[t] + d.Weights[k * d.Receptors + c] * scale;
                }
            }
        }
    }

}

/// <summary>
/// Event-driven delivery with fixed-point sums (<c>--gpu-delivery fast</c>): each spike walks its own row and adds
/// its weights to the targets' rings as 64-bit integers in units of 2⁻²⁴ nS by atomic adds. Integer sums do not
/// depend on the order the atomics land in, so a run gives the same spikes every time and on any device; but
/// each weight is rounded to 2⁻²⁴ nS and a step's arrivals are summed exactly before they meet the channel state,
/// so the spikes are not bit-identical to the CPU's float sums (a chaotic network then parts from them).
/// Memory traffic follows the spikes, not the synapses: what large networks need.
/// </summary>
internal struct FastDeliverArgs
{
    /// <summary>Outgoing rows of every copy: copy b's source s at b·SourceCount + s.</summary>
    public ArrayView<int> RowStart, Targets;
    public ArrayView<float> Weights;
    public ArrayView<int> ChannelOf;
    public ArrayView<float> Scale;
    public int Receptors, SourceCount, SourcePadded, TargetPadded, TargetChannels, Slots;
}

internal static class FixedPointKernels
{
    public const double Unit = 16777216.0; // 2^24 per nS

    /// <summary>The LIF step of <see cref="GpuKernels.Lif"/> with arrivals from a fixed-point ring, and each spike appended to this step's list.</summary>
    public static void Lif(LifArgs a, int slotOffset, ArrayView<byte> fired, ArrayView<long> ring, ArrayView<int> spikeList, ArrayView<int> spikeCount)
    {
        int stride = Grid.DimX * Group.DimX;
        int n = a.Copies * a.Padded;
        for (int j = Grid.GlobalIndex.X; j < n; j += stride)
        {
            int b = j / a.Padded, i = j - b * a.Padded;
            if (i >= a.Count) continue;
            var g = GpuKernels.Channels(a, b, i, j, slotOffset, default, ring, 1);
            bool spike = GpuKernels.Membrane(a, j, g);
            fired[b * a.FlagStride + a.FlagOffset + i] = spike ? (byte)1 : (byte)0;
            if (spike)
            {
                if (a.OutDegree[j] > 0) Atomic.Add(ref a.Events[b], a.OutDegree[j]);
                int q = Atomic.Add(ref spikeCount[0], 1);
                spikeList[q] = j;
            }
        }
    }

    /// <summary>Each spike of the step walks its row and adds its weights, in fixed point, to the targets' ring slot.</summary>
    public static void Deliver(FastDeliverArgs d, ArrayView<int> spikeList, ArrayView<int> spikeCount, ArrayView<long> ring, int slotOffset)
    {
        int stride = Grid.DimX * Group.DimX;
        int count = spikeCount[0];
        for (int q = Grid.GlobalIndex.X; q < count; q += stride)
        {
            int j = spikeList[q];
            int b = j / d.SourcePadded, s = j - b * d.SourcePadded;
            int row = b * d.SourceCount + s;
            float scale = d.Scale[b];
            for (int k = d.RowStart[row]; k < d.RowStart[row + 1]; k++)
            {
                int t = d.Targets[k];
                for (int c = 0; c < d.Receptors; c++)
                {
                    double w = (double)(d.Weights[k * d.Receptors + c] * scale) * Unit;
                    long fx = (long)(w >= 0 ? w + 0.5 : w - 0.5);
                    int idx = ((b * d.TargetChannels + d.ChannelOf[c]) * d.Slots) * d.TargetPadded + slotOffset + t;
                    Atomic.Add(ref ring[idx], fx);
                }
            }
        }
    }
}
