using CircuitSim.Numerics;
using System.Runtime.CompilerServices;
using System.Numerics;
using CircuitSim.Engine;
using CircuitSim.Synapses;

namespace CircuitSim.Neurons;

public sealed partial class IzhikevichModel
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void UpdateScalar(NeuronPopulation pop, int lo, int hi, int slotOffset, float dt, int[] spikes, ref int spikeCount)
    {
        var pp = pop.ParamArrays;
        float[] V = pop.V, U = pop.Recovery, R = pop.Refractory, I = pop.IExt, RS = pop.RefractorySteps;
        float[] C = pp[0], Vr = pp[3], A = pp[7], B = pp[8],
            D = pp[9], Vp = pp[10], ECl = pp[5], Ib = pp[6];
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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void UpdateVector(NeuronPopulation pop, int lo, int hi, int slotOffset, float dt, int[] spikes, ref int spikeCount)
    {
        var pp = pop.ParamArrays;
        float[] V = pop.V, U = pop.Recovery, R = pop.Refractory, I = pop.IExt, RS = pop.RefractorySteps;
        float[] C = pp[0], Vr = pp[3], A = pp[7], B = pp[8],
            D = pp[9], Vp = pp[10], ECl = pp[5], Ib = pp[6];
        float[] GS = pop.GSum, GE = pop.GESum;
        SynapticInput.VectorPass(pop.Channels, lo, hi, slotOffset, V, ECl, GS, GE);
        int count = pop.Count, W = Vector<float>.Count;
        var dtv = new Vector<float>(dt);
        for (int i = lo; i < hi; i += W)
        {
            var v = Simd.Load(V, i);
            var u = Simd.Load(U, i);
            var gs = Simd.Load(GS, i);
            var ge = Simd.Load(GE, i);
            var r = Vector.MaxNative(Simd.Load(R, i) - Vector<float>.One, Vector<float>.Zero);
            var input = (ge - gs * v + (Simd.Load(I, i) + Simd.Load(Ib, i))) / Simd.Load(C, i);
            var vn = v + dtv * (new Vector<float>(0.04f) * v * v + new Vector<float>(5f) * v + new Vector<float>(140f) - u + input);
            var un = u + dtv * (Simd.Load(A, i) * (Simd.Load(B, i) * v - u));
            var refractory = Vector.GreaterThan(r, Vector<float>.Zero);
            var vr = Simd.Load(Vr, i);
            vn = Vector.ConditionalSelect(refractory, vr, vn);
            var spike = Vector.AndNot(Vector.GreaterThanOrEqual(vn, Simd.Load(Vp, i)), refractory);
            Simd.Store(Vector.ConditionalSelect(spike, vr, vn), V, i);
            Simd.Store(Vector.ConditionalSelect(spike, un + Simd.Load(D, i), un), U, i);
            Simd.Store(Vector.ConditionalSelect(spike, Simd.Load(RS, i), r), R, i);
            CollectSpikes(spike, i, count, spikes, ref spikeCount);
        }
    }
}
