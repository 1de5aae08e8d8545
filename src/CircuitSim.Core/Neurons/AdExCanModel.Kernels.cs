using System.Runtime.CompilerServices;
using CircuitSim.Engine;
using CircuitSim.Numerics;
using CircuitSim.Synapses;

namespace CircuitSim.Neurons;

public sealed partial class AdExCanModel
{
    public override void Prepare(NeuronPopulation pop, double dtMs)
    {
        NeuronModels.AdEx.Prepare(pop, dtMs);
        foreach (var p in new[] { "gCAN", "gCaL", "Ca_per_charge", "Ca_per_spike" }) Require(pop, p, x => x >= 0, "must not be negative");
        foreach (var p in new[] { "CAN_EC50", "tau_CAN", "tau_Ca", "CaL_slope", "Ca_rest" }) Require(pop, p, x => x > 0, "must be positive");
        float[] tauCa = pop.Param("tau_Ca"), pca = pop.DerivedArray("Pca");
        for (int i = 0; i < pca.Length; i++) pca[i] = (float)Math.Exp(-dtMs / tauCa[i]);
    }

    /// <summary>The arrays of the kernel, by name: AdEx's and the calcium machinery's.</summary>
    internal sealed class Arrays(NeuronPopulation pop)
    {
        public readonly AdExModel.Arrays AdEx = new(pop);
        public readonly float[] Ca = pop.StateOf("ca"), M = pop.StateOf("m_CAN"), GCa = pop.GCaSum, GECa = pop.GECaSum,
            gCAN = pop.Param("gCAN"), ECAN = pop.Param("E_CAN"), EC50 = pop.Param("CAN_EC50"), TauCAN = pop.Param("tau_CAN"),
            gCaL = pop.Param("gCaL"), ECa = pop.Param("E_Ca"), CaLHalf = pop.Param("CaL_half"), CaLSlope = pop.Param("CaL_slope"),
            CaRest = pop.Param("Ca_rest"), TauCa = pop.Param("tau_Ca"), Kappa = pop.Param("Ca_per_charge"), Pca = pop.DerivedArray("Pca"),
            QSpike = pop.Param("Ca_per_spike");
    }

    public override object Bind(NeuronPopulation pop) => new Arrays(pop);

    public override void UpdateScalar(NeuronPopulation pop, int lo, int hi, int slotOffset, float dt, int[] spikes, ref int spikeCount) =>
        Update<Lane1>(pop, lo, hi, slotOffset, dt, spikes, ref spikeCount);

    public override void UpdateVector(NeuronPopulation pop, int lo, int hi, int slotOffset, float dt, int[] spikes, ref int spikeCount)
    {
        if (NeuronModel.Wide) Update<Lane16>(pop, lo, hi, slotOffset, dt, spikes, ref spikeCount);
        else Update<LaneN>(pop, lo, hi, slotOffset, dt, spikes, ref spikeCount);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Update<L>(NeuronPopulation pop, int lo, int hi, int slotOffset, float dt, int[] spikes, ref int spikeCount)
        where L : struct, ILanes<L>
    {
        var c = (Arrays)pop.Binding!;
        var a = c.AdEx;
        SynapticInput.Pass<L>(pop.Channels, lo, hi, slotOffset, a.V, a.ECl, a.GS, a.GE, c.GCa, c.GECa);
        var u = new AdExModel.Uniforms<L>(a);
        L negDt = L.Of(-dt);
        int count = pop.Count;
        for (int i = lo; i < hi; i += L.Width)
        {
            var v = L.Load(a.V, i);
            var ca = L.Load(c.Ca, i);
            var m = L.Load(c.M, i);
            // intrinsic conductances held over the step: L-type (instantaneous activation, squared) and CAN (m²)
            var mL = L.One / (L.One + L.Exp((L.Load(c.CaLHalf, i) - v) / L.Load(c.CaLSlope, i)));
            var gL = L.Load(c.gCaL, i) * mL * mL;
            var gCan = L.Load(c.gCAN, i) * m * m;
            var eCa = L.Load(c.ECa, i);
            var gs = L.Load(a.GS, i) + gL + gCan;
            var ge = L.Load(a.GE, i) + gL * eCa + gCan * L.Load(c.ECAN, i);
            var spike = AdExModel.Membrane<L, SwitchOff>(a, u, i, gs, ge, out _);
            // calcium: inward Ca²⁺ current (L-type and the synaptic Ca²⁺ share, pA) fills the shell; exact relaxation
            var iCa = L.Max(L.Load(c.GECa, i) - L.Load(c.GCa, i) * v + gL * (eCa - v), L.Zero);
            var caInf = L.Load(c.CaRest, i) + L.Load(c.Kappa, i) * iCa * L.Load(c.TauCa, i);
            var caNew = caInf + (ca - caInf) * L.Load(c.Pca, i);
            // an action potential brings its Ca²⁺ in at once
            caNew = caNew + L.Select(spike, L.Load(c.Kappa, i) * L.Load(c.QSpike, i), L.Zero);
            // the CAN gate relaxes towards x²/(1 + x²) with τ = τ_CAN/(1 + x²), x = [Ca]/EC50 at the step's start
            var x = ca / L.Load(c.EC50, i);
            var x2 = x * x;
            var mInf = x2 / (L.One + x2);
            var mNew = mInf + (m - mInf) * L.Exp(negDt * (L.One + x2) / L.Load(c.TauCAN, i));
            L.Store(caNew, c.Ca, i);
            L.Store(mNew, c.M, i);
            L.Collect(spike, i, count, spikes, ref spikeCount);
        }
    }
}
