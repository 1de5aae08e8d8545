using CircuitSim.Numerics;
using System.Runtime.CompilerServices;
using System.Numerics;
using CircuitSim.Engine;
using CircuitSim.Synapses;

namespace CircuitSim.Neurons;

public sealed partial class LifModel
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void UpdateScalar(NeuronPopulation pop, int lo, int hi, int slotOffset, float dt, int[] spikes, ref int spikeCount)
    {
        var pp = pop.ParamArrays;
        float[] V = pop.V, R = pop.Refractory, I = pop.IExt, RS = pop.RefractorySteps;
        float[] P = pop.Derived[0], Rin = pop.Derived[1], EL = pp[2], Vr = pp[3],
            VT = pp[7], ECl = pp[5], Ib = pp[6];
        var ch = pop.Channels;
        int count = pop.Count;
        for (int i = lo; i < hi; i++)
        {
            float v = V[i];
            SynapticInput.Scalar(ch, i, slotOffset, v, ECl[i], out float gs, out float ge);
            float r = R[i] - 1f;
            r = r < 0f ? 0f : r;
            float vinf = EL[i] + (ge - gs * v + (I[i] + Ib[i])) * Rin[i];
            float vn = vinf + (v - vinf) * P[i];
            bool refractory = r > 0f;
            vn = refractory ? Vr[i] : vn;
            bool spike = !refractory && vn >= VT[i];
            V[i] = spike ? Vr[i] : vn;
            R[i] = spike ? RS[i] : r;
            if (spike && i < count) spikes[spikeCount++] = i;
        }
    }

    public override void UpdateVector(NeuronPopulation pop, int lo, int hi, int slotOffset, float dt, int[] spikes, ref int spikeCount)
    {
        if (pop.UniformParams && SynapticInput.AreTwoPlainChannels(pop.Channels))
        {
            // no drug on the channels (availability 1: g = a exactly) and no injected current are the usual case
            bool blocked = pop.Channels[0].Availability != 1f || pop.Channels[1].Availability != 1f;
            if (pop.ReceivesCurrent)
            {
                if (blocked) FusedTwoPlainChannels<SwitchOn, SwitchOn>(pop, lo, hi, slotOffset, spikes, ref spikeCount);
                else FusedTwoPlainChannels<SwitchOn, SwitchOff>(pop, lo, hi, slotOffset, spikes, ref spikeCount);
            }
            else if (blocked) FusedTwoPlainChannels<SwitchOff, SwitchOn>(pop, lo, hi, slotOffset, spikes, ref spikeCount);
            else FusedTwoPlainChannels<SwitchOff, SwitchOff>(pop, lo, hi, slotOffset, spikes, ref spikeCount);
        }
        else if (pop.UniformParams) Vectorised<SwitchOn>(pop, lo, hi, slotOffset, spikes, ref spikeCount);
        else Vectorised<SwitchOff>(pop, lo, hi, slotOffset, spikes, ref spikeCount);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Vectorised<TUniform>(NeuronPopulation pop, int lo, int hi, int slotOffset, int[] spikes, ref int spikeCount)
        where TUniform : struct, IKernelSwitch
    {
        var pp = pop.ParamArrays;
        float[] V = pop.V, R = pop.Refractory, I = pop.IExt, RS = pop.RefractorySteps;
        float[] P = pop.Derived[0], Rin = pop.Derived[1], EL = pp[2], Vr = pp[3], VT = pp[7], ECl = pp[5], Ib = pp[6];
        float[] GS = pop.GSum, GE = pop.GESum;
        SynapticInput.VectorPass(pop.Channels, lo, hi, slotOffset, V, ECl, GS, GE);
        Vector<float> uP = new(P[0]), uRin = new(Rin[0]), uEL = new(EL[0]), uVr = new(Vr[0]), uVT = new(VT[0]),
            uIb = new(Ib[0]), uRS = new(RS[0]);
        int count = pop.Count, W = Vector<float>.Count;
        for (int i = lo; i < hi; i += W)
        {
            var iTotal = Simd.Load(I, i) + Simd.Param<TUniform>(Ib, i, uIb);
            var spike = Integrate(V, R, i, Simd.Load(GS, i), Simd.Load(GE, i), iTotal, Simd.Param<TUniform>(EL, i, uEL), Simd.Param<TUniform>(Rin, i, uRin),
                Simd.Param<TUniform>(P, i, uP), Simd.Param<TUniform>(Vr, i, uVr), Simd.Param<TUniform>(VT, i, uVT), Simd.Param<TUniform>(RS, i, uRS));
            CollectSpikes(spike, i, count, spikes, ref spikeCount);
        }
    }

    /// <summary>
    /// One step of the membrane for neurons [i, i + width), given Σg and Σg·E: the leak integrated
    /// exactly towards v∞ (propagator P), refractoriness, threshold and reset; stores v and the
    /// refractory count and returns the spike mask. Shared by both vector kernels.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<int> Integrate(float[] V, float[] R, int i, Vector<float> gs, Vector<float> ge, Vector<float> iTotal,
        Vector<float> el, Vector<float> rin, Vector<float> p, Vector<float> vr, Vector<float> vt, Vector<float> rs)
    {
        var v = Simd.Load(V, i);
        var r = Vector.MaxNative(Simd.Load(R, i) - Vector<float>.One, Vector<float>.Zero);
        var vinf = el + (ge - gs * v + iTotal) * rin;
        var vn = vinf + (v - vinf) * p;
        var refractory = Vector.GreaterThan(r, Vector<float>.Zero);
        vn = Vector.ConditionalSelect(refractory, vr, vn);
        var spike = Vector.AndNot(Vector.GreaterThanOrEqual(vn, vt), refractory);
        Simd.Store(Vector.ConditionalSelect(spike, vr, vn), V, i);
        Simd.Store(Vector.ConditionalSelect(spike, rs, r), R, i);
        return spike;
    }

    /// <summary>
    /// The commonest network of the field (Vogels &amp; Abbott 2005; Brunel 2000): uniform LIF neurons
    /// with one excitatory and one inhibitory single-exponential channel. Both channels are folded
    /// into the neuron loop with the sums held in registers, which saves the four stores and six
    /// loads per vector of the separate channel pass (COBA neuron phase 0.37 s to ~0.25 s).
    /// The operations and their order are those of <see cref="SynapticInput.Scalar"/>, so the
    /// spikes stay identical to the reference backend.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void FusedTwoPlainChannels<TCurrent, TBlocked>(NeuronPopulation pop, int lo, int hi, int slotOffset, int[] spikes, ref int spikeCount)
        where TCurrent : struct, IKernelSwitch where TBlocked : struct, IKernelSwitch
    {
        var pp = pop.ParamArrays;
        float[] V = pop.V, R = pop.Refractory, I = pop.IExt, ECl = pp[5];
        var c0 = pop.Channels[0];
        var c1 = pop.Channels[1];
        float[] ring0 = c0.Ring, A0 = c0.A, ring1 = c1.Ring, A1 = c1.A;
        // parameters are uniform here, so a chloride reversal is the same for every neuron: one register
        Vector<float> norm0 = new(c0.Norm), decay0 = new(c0.DecayA), avail0 = new(c0.Availability), rev0 = new(c0.UsesChloride ? ECl[0] : c0.Reversal);
        Vector<float> norm1 = new(c1.Norm), decay1 = new(c1.DecayA), avail1 = new(c1.Availability), rev1 = new(c1.UsesChloride ? ECl[0] : c1.Reversal);
        Vector<float> uP = new(pop.Derived[0][0]), uRin = new(pop.Derived[1][0]), uEL = new(pp[2][0]), uVr = new(pp[3][0]),
            uVT = new(pp[7][0]), uIb = new(pp[6][0]), uRS = new(pop.RefractorySteps[0]);
        int count = pop.Count, W = Vector<float>.Count;
        for (int i = lo; i < hi; i += W)
        {
            var a0 = Simd.Load(A0, i) + Simd.Load(ring0, slotOffset + i) * norm0;
            var a1 = Simd.Load(A1, i) + Simd.Load(ring1, slotOffset + i) * norm1;
            Simd.Store(Vector<float>.Zero, ring0, slotOffset + i);
            Simd.Store(Vector<float>.Zero, ring1, slotOffset + i);
            Simd.Store(SynapticInput.Flush(a0 * decay0), A0, i);
            Simd.Store(SynapticInput.Flush(a1 * decay1), A1, i);
            var g0 = TBlocked.On ? a0 * avail0 : a0;
            var g1 = TBlocked.On ? a1 * avail1 : a1;
            var iTotal = TCurrent.On ? Simd.Load(I, i) + uIb : uIb;
            var spike = Integrate(V, R, i, g0 + g1, g0 * rev0 + g1 * rev1, iTotal, uEL, uRin, uP, uVr, uVT, uRS);
            CollectSpikes(spike, i, count, spikes, ref spikeCount);
        }
    }
}
