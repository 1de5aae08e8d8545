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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void UpdateVector(NeuronPopulation pop, int lo, int hi, int slotOffset, float dt, int[] spikes, ref int spikeCount)
    {
        var pp = pop.ParamArrays;
        float[] V = pop.V, R = pop.Refractory, I = pop.IExt, RS = pop.RefractorySteps;
        float[] P = pop.Derived[0], Rin = pop.Derived[1], EL = pp[2], Vr = pp[3],
            VT = pp[7], ECl = pp[5], Ib = pp[6];
        float[] GS = pop.GSum, GE = pop.GESum;
        SynapticInput.VectorPass(pop.Channels, lo, hi, slotOffset, V, ECl, GS, GE);
        int count = pop.Count, W = Vector<float>.Count;
        for (int i = lo; i < hi; i += W)
        {
            var v = Simd.Load(V, i);
            var gs = Simd.Load(GS, i);
            var ge = Simd.Load(GE, i);
            var r = Vector.MaxNative(Simd.Load(R, i) - Vector<float>.One, Vector<float>.Zero);
            var vinf = Simd.Load(EL, i) + (ge - gs * v + (Simd.Load(I, i) + Simd.Load(Ib, i))) * Simd.Load(Rin, i);
            var vn = vinf + (v - vinf) * Simd.Load(P, i);
            var refractory = Vector.GreaterThan(r, Vector<float>.Zero);
            var vr = Simd.Load(Vr, i);
            vn = Vector.ConditionalSelect(refractory, vr, vn);
            var spike = Vector.AndNot(Vector.GreaterThanOrEqual(vn, Simd.Load(VT, i)), refractory);
            Simd.Store(Vector.ConditionalSelect(spike, vr, vn), V, i);
            Simd.Store(Vector.ConditionalSelect(spike, Simd.Load(RS, i), r), R, i);
            CollectSpikes(spike, i, count, spikes, ref spikeCount);
        }
    }
}
