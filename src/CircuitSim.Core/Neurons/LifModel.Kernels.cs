using System.Runtime.CompilerServices;
using CircuitSim.Engine;
using CircuitSim.Numerics;
using CircuitSim.Synapses;

namespace CircuitSim.Neurons;

public sealed partial class LifModel
{
    public override void UpdateScalar(NeuronPopulation pop, int lo, int hi, int slotOffset, float dt, int[] spikes, ref int spikeCount) =>
        Update<Lane1, SwitchOff>(pop, lo, hi, slotOffset, spikes, ref spikeCount);

    public override void UpdateVector(NeuronPopulation pop, int lo, int hi, int slotOffset, float dt, int[] spikes, ref int spikeCount)
    {
        if (NeuronModel.Wide) UpdateVector<Lane16>(pop, lo, hi, slotOffset, spikes, ref spikeCount);
        else UpdateVector<LaneN>(pop, lo, hi, slotOffset, spikes, ref spikeCount);
    }

    private static void UpdateVector<V>(NeuronPopulation pop, int lo, int hi, int slotOffset, int[] spikes, ref int spikeCount)
        where V : struct, ILanes<V>
    {
        if (pop.UniformParams && SynapticInput.AreTwoPlainChannels(pop.Channels))
        {
            // no drug on the channels (availability 1: g = a exactly) and no injected current are the usual case
            bool blocked = pop.Channels[0].Scale != 1f || pop.Channels[1].Scale != 1f;
            if (pop.Channels[0].ArrivesInState && pop.Channels[1].ArrivesInState)
            {
                // COBA's case: arrivals already in the states, no current, no drug
                if (!pop.ReceivesCurrent && !blocked) FusedTwoPlainChannels<V, SwitchOff, SwitchOff, SwitchOn>(pop, lo, hi, slotOffset, spikes, ref spikeCount);
                else if (blocked) FusedTwoPlainChannels<V, SwitchOn, SwitchOn, SwitchOn>(pop, lo, hi, slotOffset, spikes, ref spikeCount);
                else FusedTwoPlainChannels<V, SwitchOn, SwitchOff, SwitchOn>(pop, lo, hi, slotOffset, spikes, ref spikeCount);
            }
            else if (pop.ReceivesCurrent)
            {
                if (blocked) FusedTwoPlainChannels<V, SwitchOn, SwitchOn, SwitchOff>(pop, lo, hi, slotOffset, spikes, ref spikeCount);
                else FusedTwoPlainChannels<V, SwitchOn, SwitchOff, SwitchOff>(pop, lo, hi, slotOffset, spikes, ref spikeCount);
            }
            else if (blocked) FusedTwoPlainChannels<V, SwitchOff, SwitchOn, SwitchOff>(pop, lo, hi, slotOffset, spikes, ref spikeCount);
            else FusedTwoPlainChannels<V, SwitchOff, SwitchOff, SwitchOff>(pop, lo, hi, slotOffset, spikes, ref spikeCount);
        }
        else if (pop.UniformParams) Update<V, SwitchOn>(pop, lo, hi, slotOffset, spikes, ref spikeCount);
        else Update<V, SwitchOff>(pop, lo, hi, slotOffset, spikes, ref spikeCount);
    }

    /// <summary>The LIF step over lanes: synaptic pass, then the membrane (see <see cref="Integrate"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Update<L, TU>(NeuronPopulation pop, int lo, int hi, int slotOffset, int[] spikes, ref int spikeCount)
        where L : struct, ILanes<L> where TU : struct, IKernelSwitch
    {
        var a = (Arrays)pop.Binding!;
        SynapticInput.Pass<L>(pop.Channels, lo, hi, slotOffset, a.V, a.ECl, a.GS, a.GE);
        L uP = L.Of(a.P[0]), uRin = L.Of(a.Rin[0]), uEL = L.Of(a.EL[0]), uVr = L.Of(a.Vr[0]), uVT = L.Of(a.VT[0]),
            uIb = L.Of(a.Ib[0]), uRS = L.Of(a.RS[0]);
        int count = pop.Count;
        for (int i = lo; i < hi; i += L.Width)
        {
            var iTotal = L.Load(a.I, i) + Param.Get<L, TU>(a.Ib, i, uIb);
            var spike = Integrate(a.V, a.R, i, L.Load(a.GS, i), L.Load(a.GE, i), iTotal,
                Param.Get<L, TU>(a.EL, i, uEL), Param.Get<L, TU>(a.Rin, i, uRin), Param.Get<L, TU>(a.P, i, uP),
                Param.Get<L, TU>(a.Vr, i, uVr), Param.Get<L, TU>(a.VT, i, uVT), Param.Get<L, TU>(a.RS, i, uRS));
            L.Collect(spike, i, count, spikes, ref spikeCount);
        }
    }

    /// <summary>
    /// One step of the membrane for neurons [i, i + width), given Σg and Σg·E: the leak integrated
    /// exactly towards v∞ (propagator P), refractoriness, threshold and reset; stores v and the
    /// refractory count and returns the spike mask. The one definition of the LIF physics.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static L Integrate<L>(float[] V, float[] R, int i, L gs, L ge, L iTotal, L el, L rin, L p, L vr, L vt, L rs)
        where L : struct, ILanes<L>
    {
        var v = L.Load(V, i);
        var r = L.Max(L.Load(R, i) - L.One, L.Zero);
        var vinf = el + (ge - gs * v + iTotal) * rin;
        var vn = vinf + (v - vinf) * p;
        var refractory = L.GreaterThan(r, L.Zero);
        vn = L.Select(refractory, vr, vn);
        // a refractory neuron sits at vr, below vt (Prepare refuses VT ≤ Vr), so it cannot cross
        var spike = L.GreaterOrEqual(vn, vt);
        L.Store(L.Select(spike, vr, vn), V, i);
        L.Store(L.Select(spike, rs, r), R, i);
        return spike;
    }

    /// <summary>
    /// The commonest network of the field (Vogels &amp; Abbott 2005; Brunel 2000): uniform LIF neurons
    /// with one excitatory and one inhibitory single-exponential channel. Both channels are folded
    /// into the neuron loop with the sums held in registers, which saves the four stores and six
    /// loads per vector of the separate channel pass. The operations and their order are those of
    /// <see cref="SynapticInput.Pass{L}"/> and <see cref="Integrate"/>, so the spikes stay identical
    /// to the reference backend (checked by NeuronModelKernelTests).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void FusedTwoPlainChannels<L, TCurrent, TBlocked, TDirect>(NeuronPopulation pop, int lo, int hi, int slotOffset, int[] spikes, ref int spikeCount)
        where L : struct, ILanes<L> where TCurrent : struct, IKernelSwitch where TBlocked : struct, IKernelSwitch where TDirect : struct, IKernelSwitch
    {
        var a = (Arrays)pop.Binding!;
        var c0 = pop.Channels[0];
        var c1 = pop.Channels[1];
        float[] ring0 = c0.Ring, A0 = c0.A, ring1 = c1.Ring, A1 = c1.A;
        // parameters are uniform here, so a chloride reversal is the same for every neuron: one register
        L norm0 = L.Of(c0.Norm), decay0 = L.Of(c0.DecayA), avail0 = L.Of(c0.Scale), rev0 = L.Of(c0.UsesChloride ? a.ECl[0] : c0.Reversal);
        L norm1 = L.Of(c1.Norm), decay1 = L.Of(c1.DecayA), avail1 = L.Of(c1.Scale), rev1 = L.Of(c1.UsesChloride ? a.ECl[0] : c1.Reversal);
        L uP = L.Of(a.P[0]), uRin = L.Of(a.Rin[0]), uEL = L.Of(a.EL[0]), uVr = L.Of(a.Vr[0]), uVT = L.Of(a.VT[0]), uIb = L.Of(a.Ib[0]),
            uRS = L.Of(a.RS[0]);
        int count = pop.Count;
        // the arrays in locals: fields of the binding would be reloaded after every store
        float[] V = a.V, R = a.R, I = a.I;
        for (int i = lo; i < hi; i += L.Width)
        {
            L a0, a1;
            if (TDirect.On)
            {
                // arrivals were added to the states by delivery (one-step delays, unit normalisation)
                a0 = L.Load(A0, i);
                a1 = L.Load(A1, i);
            }
            else
            {
                a0 = L.Load(A0, i) + L.Load(ring0, slotOffset + i) * norm0;
                a1 = L.Load(A1, i) + L.Load(ring1, slotOffset + i) * norm1;
                L.Store(L.Zero, ring0, slotOffset + i);
                L.Store(L.Zero, ring1, slotOffset + i);
            }
            L.Store(a0 * decay0, A0, i);
            L.Store(a1 * decay1, A1, i);
            var g0 = TBlocked.On ? a0 * avail0 : a0;
            var g1 = TBlocked.On ? a1 * avail1 : a1;
            var iTotal = TCurrent.On ? L.Load(I, i) + uIb : uIb;
            var spike = Integrate(V, R, i, g0 + g1, g0 * rev0 + g1 * rev1, iTotal, uEL, uRin, uP, uVr, uVT, uRS);
            L.Collect(spike, i, count, spikes, ref spikeCount);
        }
    }
}
