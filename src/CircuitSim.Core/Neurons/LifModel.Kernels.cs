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

    public override void UpdateVector(NeuronPopulation pop, int lo, int hi, int slotOffset, float dt, int[] spikes, ref int spikeCount)
    {
        if (pop.UniformParams) Vectorised<UniformParams>(pop, lo, hi, slotOffset, spikes, ref spikeCount);
        else Vectorised<PerNeuronParams>(pop, lo, hi, slotOffset, spikes, ref spikeCount);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Vectorised<TL>(NeuronPopulation pop, int lo, int hi, int slotOffset, int[] spikes, ref int spikeCount)
        where TL : struct, IParamLayout
    {
        var pp = pop.ParamArrays;
        float[] V = pop.V, R = pop.Refractory, I = pop.IExt, RS = pop.RefractorySteps;
        float[] P = pop.Derived[0], Rin = pop.Derived[1], EL = pp[2], Vr = pp[3], VT = pp[7], ECl = pp[5], Ib = pp[6];
        float[] GS = pop.GSum, GE = pop.GESum;
        SynapticInput.VectorPass(pop.Channels, lo, hi, slotOffset, V, ECl, GS, GE);
        Vector<float> uP = new(P[0]), uRin = new(Rin[0]), uEL = new(EL[0]), uVr = new(Vr[0]), uVT = new(VT[0]),
            uIb = new(Ib[0]), uRS = new(RS[0]);
        int count = pop.Count, W = Vector<float>.Count;
        for (int i = lo; i < hi; i += W)
        {
            var v = Simd.Load(V, i);
            var gs = Simd.Load(GS, i);
            var ge = Simd.Load(GE, i);
            var r = Vector.MaxNative(Simd.Load(R, i) - Vector<float>.One, Vector<float>.Zero);
            var vinf = Simd.Param<TL>(EL, i, uEL) + (ge - gs * v + (Simd.Load(I, i) + Simd.Param<TL>(Ib, i, uIb))) * Simd.Param<TL>(Rin, i, uRin);
            var vn = vinf + (v - vinf) * Simd.Param<TL>(P, i, uP);
            var refractory = Vector.GreaterThan(r, Vector<float>.Zero);
            var vr = Simd.Param<TL>(Vr, i, uVr);
            vn = Vector.ConditionalSelect(refractory, vr, vn);
            var spike = Vector.AndNot(Vector.GreaterThanOrEqual(vn, Simd.Param<TL>(VT, i, uVT)), refractory);
            Simd.Store(Vector.ConditionalSelect(spike, vr, vn), V, i);
            Simd.Store(Vector.ConditionalSelect(spike, Simd.Param<TL>(RS, i, uRS), r), R, i);
            CollectSpikes(spike, i, count, spikes, ref spikeCount);
        }
    }
}
