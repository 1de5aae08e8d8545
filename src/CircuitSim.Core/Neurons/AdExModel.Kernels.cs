using System.Numerics;
using CircuitSim.Engine;
using CircuitSim.Numerics;
using CircuitSim.Synapses;

namespace CircuitSim.Neurons;

public sealed partial class AdExModel
{
    /// <summary>Clamp of the exponential's argument (v − VT)/ΔT: e^20 keeps float32 finite.</summary>
    private const float MaxExpArg = 20f;

    public override void UpdateScalar(NeuronPopulation pop, int lo, int hi, int slotOffset, float dt, int[] spikes, ref int spikeCount)
    {
        float[] V = pop.V, Wa = pop.Recovery, R = pop.Refractory, I = pop.IExt, RS = pop.RefractorySteps;
        float[] C = pop.Param("C"), gL = pop.Param("gL"), EL = pop.Param("EL"), Vr = pop.Param("Vr"),
            VT = pop.Param("VT"), DT = pop.Param("DeltaT"), Vp = pop.Param("Vpeak"), A = pop.Param("a"),
            B = pop.Param("b"), TW = pop.Param("tau_w"), ECl = pop.Param("ECl"), Ib = pop.Param("I_bias");
        var ch = pop.Channels;
        int count = pop.Count;
        for (int i = lo; i < hi; i++)
        {
            float v = V[i], w = Wa[i];
            SynapticInput.Scalar(ch, i, slotOffset, v, ECl[i], out float gs, out float ge);
            float r = R[i] - 1f;
            r = r < 0f ? 0f : r;
            float gtot = gL[i] + gs;
            // predictor: half a step with the exponential current at v; corrector: the full
            // step with it at the predicted midpoint (second order in dt for the spike upstroke)
            float arg = (v - VT[i]) / DT[i];
            arg = arg > MaxExpArg ? MaxExpArg : arg;
            float iexp = gL[i] * DT[i] * FastExp.Exp(arg);
            float drive = gL[i] * EL[i] + ge + (I[i] + Ib[i]) - w;
            float vinf = (drive + iexp) / gtot;
            float vh = vinf + (v - vinf) * FastExp.Exp(-(0.5f * dt * gtot) / C[i]);
            arg = (vh - VT[i]) / DT[i];
            arg = arg > MaxExpArg ? MaxExpArg : arg;
            iexp = gL[i] * DT[i] * FastExp.Exp(arg);
            vinf = (drive + iexp) / gtot;
            float vn = vinf + (v - vinf) * FastExp.Exp(-(dt * gtot) / C[i]);
            float winf = A[i] * (v - EL[i]);
            float wn = winf + (w - winf) * FastExp.Exp(-dt / TW[i]);
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
        float[] V = pop.V, Wa = pop.Recovery, R = pop.Refractory, I = pop.IExt, RS = pop.RefractorySteps;
        float[] C = pop.Param("C"), gL = pop.Param("gL"), EL = pop.Param("EL"), Vr = pop.Param("Vr"),
            VT = pop.Param("VT"), DT = pop.Param("DeltaT"), Vp = pop.Param("Vpeak"), A = pop.Param("a"),
            B = pop.Param("b"), TW = pop.Param("tau_w"), ECl = pop.Param("ECl"), Ib = pop.Param("I_bias");
        var ch = pop.Channels;
        int count = pop.Count, W = Vector<float>.Count;
        var dtv = new Vector<float>(dt);
        for (int i = lo; i < hi; i += W)
        {
            var v = new Vector<float>(V, i);
            var w = new Vector<float>(Wa, i);
            SynapticInput.Vector(ch, i, slotOffset, v, new Vector<float>(ECl, i), out var gs, out var ge);
            var r = Vector.Max(new Vector<float>(R, i) - Vector<float>.One, Vector<float>.Zero);
            var gl = new Vector<float>(gL, i);
            var deltaT = new Vector<float>(DT, i);
            var el = new Vector<float>(EL, i);
            var gtot = gl + gs;
            var vt = new Vector<float>(VT, i);
            var c = new Vector<float>(C, i);
            var arg = Vector.Min((v - vt) / deltaT, new Vector<float>(MaxExpArg));
            var iexp = gl * deltaT * FastExp.Exp(arg);
            var drive = gl * el + ge + (new Vector<float>(I, i) + new Vector<float>(Ib, i)) - w;
            var vinf = (drive + iexp) / gtot;
            var vh = vinf + (v - vinf) * FastExp.Exp(-(new Vector<float>(0.5f) * dtv * gtot) / c);
            arg = Vector.Min((vh - vt) / deltaT, new Vector<float>(MaxExpArg));
            iexp = gl * deltaT * FastExp.Exp(arg);
            vinf = (drive + iexp) / gtot;
            var vn = vinf + (v - vinf) * FastExp.Exp(-(dtv * gtot) / c);
            var winf = new Vector<float>(A, i) * (v - el);
            var wn = winf + (w - winf) * FastExp.Exp(-dtv / new Vector<float>(TW, i));
            var refractory = Vector.GreaterThan(r, Vector<float>.Zero);
            var vr = new Vector<float>(Vr, i);
            vn = Vector.ConditionalSelect(refractory, vr, vn);
            var spike = Vector.AndNot(Vector.GreaterThanOrEqual(vn, new Vector<float>(Vp, i)), refractory);
            Vector.ConditionalSelect(spike, vr, vn).CopyTo(V, i);
            Vector.ConditionalSelect(spike, wn + new Vector<float>(B, i), wn).CopyTo(Wa, i);
            Vector.ConditionalSelect(spike, new Vector<float>(RS, i), r).CopyTo(R, i);
            CollectSpikes(spike, i, count, spikes, ref spikeCount);
        }
    }
}
