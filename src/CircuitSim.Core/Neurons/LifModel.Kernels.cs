using System.Numerics;
using CircuitSim.Engine;
using CircuitSim.Numerics;
using CircuitSim.Synapses;

namespace CircuitSim.Neurons;

public sealed partial class LifModel
{
    public override void UpdateScalar(NeuronPopulation pop, int lo, int hi, int slotOffset, float dt, int[] spikes, ref int spikeCount)
    {
        float[] V = pop.V, R = pop.Refractory, I = pop.IExt, RS = pop.RefractorySteps;
        float[] C = pop.Param("C"), gL = pop.Param("gL"), EL = pop.Param("EL"), Vr = pop.Param("Vr"),
            VT = pop.Param("VT"), ECl = pop.Param("ECl"), Ib = pop.Param("I_bias");
        var ch = pop.Channels;
        int count = pop.Count;
        for (int i = lo; i < hi; i++)
        {
            float v = V[i];
            SynapticInput.Scalar(ch, i, slotOffset, v, ECl[i], out float gs, out float ge);
            float r = R[i] - 1f;
            r = r < 0f ? 0f : r;
            float gtot = gL[i] + gs;
            float vinf = (gL[i] * EL[i] + ge + (I[i] + Ib[i])) / gtot;
            float vn = vinf + (v - vinf) * FastExp.Exp(-(dt * gtot) / C[i]);
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
        float[] V = pop.V, R = pop.Refractory, I = pop.IExt, RS = pop.RefractorySteps;
        float[] C = pop.Param("C"), gL = pop.Param("gL"), EL = pop.Param("EL"), Vr = pop.Param("Vr"),
            VT = pop.Param("VT"), ECl = pop.Param("ECl"), Ib = pop.Param("I_bias");
        var ch = pop.Channels;
        int count = pop.Count, W = Vector<float>.Count;
        var dtv = new Vector<float>(dt);
        for (int i = lo; i < hi; i += W)
        {
            var v = new Vector<float>(V, i);
            SynapticInput.Vector(ch, i, slotOffset, v, new Vector<float>(ECl, i), out var gs, out var ge);
            var r = Vector.Max(new Vector<float>(R, i) - Vector<float>.One, Vector<float>.Zero);
            var gl = new Vector<float>(gL, i);
            var gtot = gl + gs;
            var vinf = (gl * new Vector<float>(EL, i) + ge + (new Vector<float>(I, i) + new Vector<float>(Ib, i))) / gtot;
            var vn = vinf + (v - vinf) * FastExp.Exp(-(dtv * gtot) / new Vector<float>(C, i));
            var refractory = Vector.GreaterThan(r, Vector<float>.Zero);
            var vr = new Vector<float>(Vr, i);
            vn = Vector.ConditionalSelect(refractory, vr, vn);
            var spike = Vector.AndNot(Vector.GreaterThanOrEqual(vn, new Vector<float>(VT, i)), refractory);
            Vector.ConditionalSelect(spike, vr, vn).CopyTo(V, i);
            Vector.ConditionalSelect(spike, new Vector<float>(RS, i), r).CopyTo(R, i);
            CollectSpikes(spike, i, count, spikes, ref spikeCount);
        }
    }
}
