using System.Numerics;
using CircuitSim.Engine;
using CircuitSim.Synapses;

namespace CircuitSim.Neurons;

public sealed partial class IzhikevichModel
{
    public override void UpdateScalar(NeuronPopulation pop, int lo, int hi, int slotOffset, float dt, int[] spikes, ref int spikeCount)
    {
        float[] V = pop.V, U = pop.Recovery, R = pop.Refractory, I = pop.IExt, RS = pop.RefractorySteps;
        float[] C = pop.Param("C"), Vr = pop.Param("Vr"), A = pop.Param("a"), B = pop.Param("b"),
            D = pop.Param("d"), Vp = pop.Param("Vpeak"), ECl = pop.Param("ECl"), Ib = pop.Param("I_bias");
        var ch = pop.Channels;
        int count = pop.Count;
        for (int i = lo; i < hi; i++)
        {
            float v = V[i], u = U[i];
            SynapticInput.Scalar(ch, i, slotOffset, v, ECl[i], out float gs, out float ge);
            float r = R[i] - 1f;
            r = r < 0f ? 0f : r;
            float input = (ge - gs * v + (I[i] + Ib[i])) / C[i];
            float vn = v + dt * (0.04f * v * v + 5f * v + 140f - u + input);
            float un = u + dt * (A[i] * (B[i] * v - u));
            bool refractory = r > 0f;
            vn = refractory ? Vr[i] : vn;
            bool spike = !refractory && vn >= Vp[i];
            V[i] = spike ? Vr[i] : vn;
            U[i] = spike ? un + D[i] : un;
            R[i] = spike ? RS[i] : r;
            if (spike && i < count) spikes[spikeCount++] = i;
        }
    }

    public override void UpdateVector(NeuronPopulation pop, int lo, int hi, int slotOffset, float dt, int[] spikes, ref int spikeCount)
    {
        float[] V = pop.V, U = pop.Recovery, R = pop.Refractory, I = pop.IExt, RS = pop.RefractorySteps;
        float[] C = pop.Param("C"), Vr = pop.Param("Vr"), A = pop.Param("a"), B = pop.Param("b"),
            D = pop.Param("d"), Vp = pop.Param("Vpeak"), ECl = pop.Param("ECl"), Ib = pop.Param("I_bias");
        var ch = pop.Channels;
        int count = pop.Count, W = Vector<float>.Count;
        var dtv = new Vector<float>(dt);
        for (int i = lo; i < hi; i += W)
        {
            var v = new Vector<float>(V, i);
            var u = new Vector<float>(U, i);
            SynapticInput.Vector(ch, i, slotOffset, v, new Vector<float>(ECl, i), out var gs, out var ge);
            var r = Vector.Max(new Vector<float>(R, i) - Vector<float>.One, Vector<float>.Zero);
            var input = (ge - gs * v + (new Vector<float>(I, i) + new Vector<float>(Ib, i))) / new Vector<float>(C, i);
            var vn = v + dtv * (new Vector<float>(0.04f) * v * v + new Vector<float>(5f) * v + new Vector<float>(140f) - u + input);
            var un = u + dtv * (new Vector<float>(A, i) * (new Vector<float>(B, i) * v - u));
            var refractory = Vector.GreaterThan(r, Vector<float>.Zero);
            var vr = new Vector<float>(Vr, i);
            vn = Vector.ConditionalSelect(refractory, vr, vn);
            var spike = Vector.AndNot(Vector.GreaterThanOrEqual(vn, new Vector<float>(Vp, i)), refractory);
            Vector.ConditionalSelect(spike, vr, vn).CopyTo(V, i);
            Vector.ConditionalSelect(spike, un + new Vector<float>(D, i), un).CopyTo(U, i);
            Vector.ConditionalSelect(spike, new Vector<float>(RS, i), r).CopyTo(R, i);
            CollectSpikes(spike, i, count, spikes, ref spikeCount);
        }
    }
}
