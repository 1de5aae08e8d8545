using System.Runtime.CompilerServices;
using CircuitSim.Engine;
using CircuitSim.Numerics;
using CircuitSim.Synapses;

namespace CircuitSim.Neurons;

public sealed partial class AdExModel
{
    /// <summary>Clamp of the exponential's argument (v − VT)/ΔT: e^20 keeps float32 finite.</summary>
    internal const float MaxExpArg = 20f;

    public override void Prepare(NeuronPopulation pop, double dtMs)
    {
        RequireCommon(pop, leakRequired: true);
        Require(pop, "DeltaT", d => d > 0, "must be positive");
        Require(pop, "tau_w", t => t > 0, "must be positive");
        LifModel.CheckThresholdAboveReset(pop, "Vpeak");
        float[] C = pop.Param("C"), gL = pop.Param("gL"), TW = pop.Param("tau_w");
        float[] P = pop.DerivedArray("P"), Ph = pop.DerivedArray("Ph"), R = pop.DerivedArray("Rin"), Pw = pop.DerivedArray("Pw");
        for (int i = 0; i < P.Length; i++)
        {
            P[i] = (float)Math.Exp(-dtMs * gL[i] / C[i]);
            Ph[i] = (float)Math.Exp(-0.5 * dtMs * gL[i] / C[i]);
            R[i] = 1f / gL[i];
            Pw[i] = (float)Math.Exp(-dtMs / TW[i]);
        }
    }

    /// <summary>The arrays of the AdEx kernel, by name.</summary>
    internal sealed class Arrays(NeuronPopulation pop)
    {
        public readonly float[] V = pop.StateOf("v"), W = pop.StateOf("w"), R = pop.Refractory, I = pop.IExt, RS = pop.RefractorySteps,
            gL = pop.Param("gL"), EL = pop.Param("EL"), Vr = pop.Param("Vr"), VT = pop.Param("VT"), DT = pop.Param("DeltaT"),
            Vp = pop.Param("Vpeak"), A = pop.Param("a"), B = pop.Param("b"), ECl = pop.Param("ECl"), Ib = pop.Param("I_bias"),
            P = pop.DerivedArray("P"), Ph = pop.DerivedArray("Ph"), Rin = pop.DerivedArray("Rin"), Pw = pop.DerivedArray("Pw"),
            GS = pop.GSum, GE = pop.GESum;
    }

    public override object Bind(NeuronPopulation pop) => new Arrays(pop);

    public override void UpdateScalar(NeuronPopulation pop, int lo, int hi, int slotOffset, float dt, int[] spikes, ref int spikeCount) =>
        Update<Lane1, SwitchOff>(pop, lo, hi, slotOffset, spikes, ref spikeCount);

    public override void UpdateVector(NeuronPopulation pop, int lo, int hi, int slotOffset, float dt, int[] spikes, ref int spikeCount)
    {
        if (NeuronModel.Wide)
        {
            if (pop.UniformParams) Update<Lane16, SwitchOn>(pop, lo, hi, slotOffset, spikes, ref spikeCount);
            else Update<Lane16, SwitchOff>(pop, lo, hi, slotOffset, spikes, ref spikeCount);
        }
        else if (pop.UniformParams) Update<LaneN, SwitchOn>(pop, lo, hi, slotOffset, spikes, ref spikeCount);
        else Update<LaneN, SwitchOff>(pop, lo, hi, slotOffset, spikes, ref spikeCount);
    }

    /// <summary>The parameters as broadcast registers, for populations whose parameters are uniform.</summary>
    internal readonly struct Uniforms<L> where L : struct, ILanes<L>
    {
        public readonly L gL, EL, Vr, VT, DT, Vp, A, B, Ib, P, Ph, Rin, Pw, RS;
        public Uniforms(Arrays a)
        {
            gL = L.Of(a.gL[0]); EL = L.Of(a.EL[0]); Vr = L.Of(a.Vr[0]); VT = L.Of(a.VT[0]); DT = L.Of(a.DT[0]); Vp = L.Of(a.Vp[0]);
            A = L.Of(a.A[0]); B = L.Of(a.B[0]); Ib = L.Of(a.Ib[0]); P = L.Of(a.P[0]); Ph = L.Of(a.Ph[0]); Rin = L.Of(a.Rin[0]);
            Pw = L.Of(a.Pw[0]); RS = L.Of(a.RS[0]);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Update<L, TU>(NeuronPopulation pop, int lo, int hi, int slotOffset, int[] spikes, ref int spikeCount)
        where L : struct, ILanes<L> where TU : struct, IKernelSwitch
    {
        var a = (Arrays)pop.Binding!;
        SynapticInput.Pass<L>(pop.Channels, lo, hi, slotOffset, a.V, a.ECl, a.GS, a.GE);
        var u = new Uniforms<L>(a);
        int count = pop.Count;
        for (int i = lo; i < hi; i += L.Width)
        {
            var spike = Membrane<L, TU>(a, u, i, L.Load(a.GS, i), L.Load(a.GE, i), out _);
            L.Collect(spike, i, count, spikes, ref spikeCount);
        }
    }

    /// <summary>
    /// The one definition of the AdEx physics, for neurons [i, i + width) given the conductances Σg (nS) and
    /// Σg·E (pA) held over the step: the leak is integrated exactly (propagators P over dt, Ph over dt/2);
    /// the synaptic, injected, adaptation and exponential currents are held over the step, the exponential
    /// one evaluated at the midpoint potential predicted by a half step (second order for the upstroke);
    /// w relaxes exactly towards a(v − EL) with v held. Stores v, w and the refractory count; returns the
    /// spike mask and the potential at the start of the step.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static L Membrane<L, TU>(Arrays a, in Uniforms<L> u, int i, L gs, L ge, out L vOld)
        where L : struct, ILanes<L> where TU : struct, IKernelSwitch
    {
        var v = L.Load(a.V, i);
        vOld = v;
        var w = L.Load(a.W, i);
        var r = L.Max(L.Load(a.R, i) - L.One, L.Zero);
        var el = Param.Get<L, TU>(a.EL, i, u.EL);
        var vt = Param.Get<L, TU>(a.VT, i, u.VT);
        var deltaT = Param.Get<L, TU>(a.DT, i, u.DT);
        var gldt = Param.Get<L, TU>(a.gL, i, u.gL) * deltaT;
        var rin = Param.Get<L, TU>(a.Rin, i, u.Rin);
        var maxArg = L.Of(MaxExpArg);
        var drive = ge - gs * v + (L.Load(a.I, i) + Param.Get<L, TU>(a.Ib, i, u.Ib)) - w;
        var arg = L.Min((v - vt) / deltaT, maxArg);
        var vinf = el + (drive + gldt * L.Exp(arg)) * rin;
        var vh = vinf + (v - vinf) * Param.Get<L, TU>(a.Ph, i, u.Ph);
        arg = L.Min((vh - vt) / deltaT, maxArg);
        vinf = el + (drive + gldt * L.Exp(arg)) * rin;
        var vn = vinf + (v - vinf) * Param.Get<L, TU>(a.P, i, u.P);
        var winf = Param.Get<L, TU>(a.A, i, u.A) * (v - el);
        var wn = winf + (w - winf) * Param.Get<L, TU>(a.Pw, i, u.Pw);
        var refractory = L.GreaterThan(r, L.Zero);
        var vr = Param.Get<L, TU>(a.Vr, i, u.Vr);
        vn = L.Select(refractory, vr, vn);
        var spike = L.AndNot(L.GreaterOrEqual(vn, Param.Get<L, TU>(a.Vp, i, u.Vp)), refractory);
        L.Store(L.Select(spike, vr, vn), a.V, i);
        L.Store(L.Select(spike, wn + Param.Get<L, TU>(a.B, i, u.B), wn), a.W, i);
        L.Store(L.Select(spike, Param.Get<L, TU>(a.RS, i, u.RS), r), a.R, i);
        return spike;
    }
}
