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
        if (pop.UniformParams) Update<LaneN, SwitchOn>(pop, lo, hi, slotOffset, spikes, ref spikeCount);
        else Update<LaneN, SwitchOff>(pop, lo, hi, slotOffset, spikes, ref spikeCount);
    }

    // Per step: the leak is integrated exactly (propagators P over dt, Ph over dt/2); the synaptic,
    // injected, adaptation and exponential currents are held over the step, the exponential one
    // evaluated at the midpoint potential predicted by a half step (second order for the upstroke).
    // w relaxes exactly towards a(v − EL) with v held.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Update<L, TU>(NeuronPopulation pop, int lo, int hi, int slotOffset, int[] spikes, ref int spikeCount)
        where L : struct, ILanes<L> where TU : struct, IKernelSwitch
    {
        var a = (Arrays)pop.Binding!;
        SynapticInput.Pass<L>(pop.Channels, lo, hi, slotOffset, a.V, a.ECl, a.GS, a.GE);
        L ugL = L.Of(a.gL[0]), uEL = L.Of(a.EL[0]), uVr = L.Of(a.Vr[0]), uVT = L.Of(a.VT[0]), uDT = L.Of(a.DT[0]), uVp = L.Of(a.Vp[0]),
            uA = L.Of(a.A[0]), uB = L.Of(a.B[0]), uIb = L.Of(a.Ib[0]), uP = L.Of(a.P[0]), uPh = L.Of(a.Ph[0]), uRin = L.Of(a.Rin[0]),
            uPw = L.Of(a.Pw[0]), uRS = L.Of(a.RS[0]), maxArg = L.Of(MaxExpArg);
        int count = pop.Count;
        for (int i = lo; i < hi; i += L.Width)
        {
            var v = L.Load(a.V, i);
            var w = L.Load(a.W, i);
            var r = L.Max(L.Load(a.R, i) - L.One, L.Zero);
            var el = Param.Get<L, TU>(a.EL, i, uEL);
            var vt = Param.Get<L, TU>(a.VT, i, uVT);
            var deltaT = Param.Get<L, TU>(a.DT, i, uDT);
            var gldt = Param.Get<L, TU>(a.gL, i, ugL) * deltaT;
            var rin = Param.Get<L, TU>(a.Rin, i, uRin);
            var drive = L.Load(a.GE, i) - L.Load(a.GS, i) * v + (L.Load(a.I, i) + Param.Get<L, TU>(a.Ib, i, uIb)) - w;
            var arg = L.Min((v - vt) / deltaT, maxArg);
            var vinf = el + (drive + gldt * L.Exp(arg)) * rin;
            var vh = vinf + (v - vinf) * Param.Get<L, TU>(a.Ph, i, uPh);
            arg = L.Min((vh - vt) / deltaT, maxArg);
            vinf = el + (drive + gldt * L.Exp(arg)) * rin;
            var vn = vinf + (v - vinf) * Param.Get<L, TU>(a.P, i, uP);
            var winf = Param.Get<L, TU>(a.A, i, uA) * (v - el);
            var wn = winf + (w - winf) * Param.Get<L, TU>(a.Pw, i, uPw);
            var refractory = L.GreaterThan(r, L.Zero);
            var vr = Param.Get<L, TU>(a.Vr, i, uVr);
            vn = L.Select(refractory, vr, vn);
            var spike = L.AndNot(L.GreaterOrEqual(vn, Param.Get<L, TU>(a.Vp, i, uVp)), refractory);
            L.Store(L.Select(spike, vr, vn), a.V, i);
            L.Store(L.Select(spike, wn + Param.Get<L, TU>(a.B, i, uB), wn), a.W, i);
            L.Store(L.Select(spike, Param.Get<L, TU>(a.RS, i, uRS), r), a.R, i);
            L.Collect(spike, i, count, spikes, ref spikeCount);
        }
    }
}
