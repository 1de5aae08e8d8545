using System.Runtime.CompilerServices;
using System.Numerics;
using CircuitSim.Engine;
using CircuitSim.Numerics;
using CircuitSim.Synapses;

namespace CircuitSim.Neurons;

public sealed partial class AdExModel
{
    /// <summary>Clamp of the exponential's argument (v − VT)/ΔT: e^20 keeps float32 finite.</summary>
    private const float MaxExpArg = 20f;

    public override void Prepare(NeuronPopulation pop, double dtMs)
    {
        var pp = pop.ParamArrays;
        float[] C = pp[0], gL = pp[1], TW = pp[12];
        float[] P = pop.DerivedArray(0), Ph = pop.DerivedArray(1), R = pop.DerivedArray(2), Pw = pop.DerivedArray(3);
        for (int i = 0; i < P.Length; i++)
        {
            if (gL[i] == 0) throw new BuildException($"population {pop.Name}: adex needs gL ≠ 0");
            P[i] = (float)Math.Exp(-dtMs * gL[i] / C[i]);
            Ph[i] = (float)Math.Exp(-0.5 * dtMs * gL[i] / C[i]);
            R[i] = 1f / gL[i];
            Pw[i] = (float)Math.Exp(-dtMs / TW[i]);
        }
    }

    // Per step: the leak is integrated exactly (propagators P over dt, Ph over dt/2); the synaptic,
    // injected, adaptation and exponential currents are held over the step, the exponential one
    // evaluated at the midpoint potential predicted by a half step (second order for the upstroke).
    // w relaxes exactly towards a(v − EL) with v held.

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void UpdateScalar(NeuronPopulation pop, int lo, int hi, int slotOffset, float dt, int[] spikes, ref int spikeCount)
    {
        var pp = pop.ParamArrays;
        float[] V = pop.V, Wa = pop.Recovery, R = pop.Refractory, I = pop.IExt, RS = pop.RefractorySteps;
        float[] gL = pp[1], EL = pp[2], Vr = pp[3], VT = pp[7], DT = pp[8],
            Vp = pp[9], A = pp[10], B = pp[11], ECl = pp[5], Ib = pp[6];
        float[] P = pop.Derived[0], Ph = pop.Derived[1], Rin = pop.Derived[2], Pw = pop.Derived[3];
        var ch = pop.Channels;
        int count = pop.Count;
        for (int i = lo; i < hi; i++)
        {
            float v = V[i], w = Wa[i];
            SynapticInput.Scalar(ch, i, slotOffset, v, ECl[i], out float gs, out float ge);
            float r = R[i] - 1f;
            r = r < 0f ? 0f : r;
            float drive = ge - gs * v + (I[i] + Ib[i]) - w;
            float arg = (v - VT[i]) / DT[i];
            arg = arg > MaxExpArg ? MaxExpArg : arg;
            float vinf = EL[i] + (drive + gL[i] * DT[i] * FastExp.Exp(arg)) * Rin[i];
            float vh = vinf + (v - vinf) * Ph[i];
            arg = (vh - VT[i]) / DT[i];
            arg = arg > MaxExpArg ? MaxExpArg : arg;
            vinf = EL[i] + (drive + gL[i] * DT[i] * FastExp.Exp(arg)) * Rin[i];
            float vn = vinf + (v - vinf) * P[i];
            float winf = A[i] * (v - EL[i]);
            float wn = winf + (w - winf) * Pw[i];
            bool refractory = r > 0f;
            vn = refractory ? Vr[i] : vn;
            bool spike = !refractory && vn >= Vp[i];
            V[i] = spike ? Vr[i] : vn;
            Wa[i] = spike ? wn + B[i] : wn;
            R[i] = spike ? RS[i] : r;
            if (spike && i < count) spikes[spikeCount++] = i;
        }
    }

    public override void UpdateVector(NeuronPopulation pop, int lo, int hi, int slotOffset, float dt, int[] spikes, ref int spikeCount)
    {
        if (pop.UniformParams) Vectorised<SwitchOn>(pop, lo, hi, slotOffset, spikes, ref spikeCount);
        else Vectorised<SwitchOff>(pop, lo, hi, slotOffset, spikes, ref spikeCount);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Vectorised<TUniform>(NeuronPopulation pop, int lo, int hi, int slotOffset, int[] spikes, ref int spikeCount)
        where TUniform : struct, IKernelSwitch
    {
        var pp = pop.ParamArrays;
        float[] V = pop.V, Wa = pop.Recovery, R = pop.Refractory, I = pop.IExt, RS = pop.RefractorySteps;
        float[] gL = pp[1], EL = pp[2], Vr = pp[3], VT = pp[7], DT = pp[8],
            Vp = pp[9], A = pp[10], B = pp[11], ECl = pp[5], Ib = pp[6];
        float[] P = pop.Derived[0], Ph = pop.Derived[1], Rin = pop.Derived[2], Pw = pop.Derived[3];
        float[] GS = pop.GSum, GE = pop.GESum;
        SynapticInput.VectorPass(pop.Channels, lo, hi, slotOffset, V, ECl, GS, GE);
        Vector<float> ugL = new(gL[0]), uEL = new(EL[0]), uVr = new(Vr[0]), uVT = new(VT[0]), uDT = new(DT[0]), uVp = new(Vp[0]),
            uA = new(A[0]), uB = new(B[0]), uIb = new(Ib[0]), uP = new(P[0]), uPh = new(Ph[0]), uRin = new(Rin[0]), uPw = new(Pw[0]),
            uRS = new(RS[0]);
        int count = pop.Count, W = Vector<float>.Count;
        var maxArg = new Vector<float>(MaxExpArg);
        for (int i = lo; i < hi; i += W)
        {
            var v = Simd.Load(V, i);
            var w = Simd.Load(Wa, i);
            var gs = Simd.Load(GS, i);
            var ge = Simd.Load(GE, i);
            var r = Vector.MaxNative(Simd.Load(R, i) - Vector<float>.One, Vector<float>.Zero);
            var el = Simd.Param<TUniform>(EL, i, uEL);
            var vt = Simd.Param<TUniform>(VT, i, uVT);
            var deltaT = Simd.Param<TUniform>(DT, i, uDT);
            var gldt = Simd.Param<TUniform>(gL, i, ugL) * deltaT;
            var rin = Simd.Param<TUniform>(Rin, i, uRin);
            var drive = ge - gs * v + (Simd.Load(I, i) + Simd.Param<TUniform>(Ib, i, uIb)) - w;
            var arg = Vector.Min((v - vt) / deltaT, maxArg);
            var vinf = el + (drive + gldt * FastExp.Exp(arg)) * rin;
            var vh = vinf + (v - vinf) * Simd.Param<TUniform>(Ph, i, uPh);
            arg = Vector.Min((vh - vt) / deltaT, maxArg);
            vinf = el + (drive + gldt * FastExp.Exp(arg)) * rin;
            var vn = vinf + (v - vinf) * Simd.Param<TUniform>(P, i, uP);
            var winf = Simd.Param<TUniform>(A, i, uA) * (v - el);
            var wn = winf + (w - winf) * Simd.Param<TUniform>(Pw, i, uPw);
            var refractory = Vector.GreaterThan(r, Vector<float>.Zero);
            var vr = Simd.Param<TUniform>(Vr, i, uVr);
            vn = Vector.ConditionalSelect(refractory, vr, vn);
            var spike = Vector.AndNot(Vector.GreaterThanOrEqual(vn, Simd.Param<TUniform>(Vp, i, uVp)), refractory);
            Simd.Store(Vector.ConditionalSelect(spike, vr, vn), V, i);
            Simd.Store(Vector.ConditionalSelect(spike, wn + Simd.Param<TUniform>(B, i, uB), wn), Wa, i);
            Simd.Store(Vector.ConditionalSelect(spike, Simd.Param<TUniform>(RS, i, uRS), r), R, i);
            CollectSpikes(spike, i, count, spikes, ref spikeCount);
        }
    }
}
