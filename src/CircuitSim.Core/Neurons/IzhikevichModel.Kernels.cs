using System.Runtime.CompilerServices;
using CircuitSim.Engine;
using CircuitSim.Numerics;
using CircuitSim.Synapses;

namespace CircuitSim.Neurons;

public sealed partial class IzhikevichModel
{
    public override void Prepare(NeuronPopulation pop, double dtMs)
    {
        RequireCommon(pop, leakRequired: false);
        LifModel.CheckThresholdAboveReset(pop, "Vpeak");
    }

    /// <summary>The arrays of the Izhikevich kernel, by name.</summary>
    internal sealed class Arrays(NeuronPopulation pop)
    {
        public readonly float[] V = pop.StateOf("v"), U = pop.StateOf("u"), R = pop.Refractory, I = pop.IExt, RS = pop.RefractorySteps,
            C = pop.Param("C"), Vr = pop.Param("Vr"), A = pop.Param("a"), B = pop.Param("b"), D = pop.Param("d"), Vp = pop.Param("Vpeak"),
            ECl = pop.Param("ECl"), Ib = pop.Param("I_bias"), GS = pop.GSum, GE = pop.GESum;
    }

    public override object Bind(NeuronPopulation pop) => new Arrays(pop);

    public override void UpdateScalar(NeuronPopulation pop, int lo, int hi, int slotOffset, float dt, int[] spikes, ref int spikeCount) =>
        Update<Lane1>(pop, lo, hi, slotOffset, dt, spikes, ref spikeCount);

    public override void UpdateVector(NeuronPopulation pop, int lo, int hi, int slotOffset, float dt, int[] spikes, ref int spikeCount)
    {
        if (NeuronModel.Wide) Update<Lane16>(pop, lo, hi, slotOffset, dt, spikes, ref spikeCount);
        else Update<LaneN>(pop, lo, hi, slotOffset, dt, spikes, ref spikeCount);
    }

    /// <summary>Forward Euler of v' = 0.04v² + 5v + 140 − u + I/C, u' = a(bv − u); reset v ← c, u ← u + d.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Update<L>(NeuronPopulation pop, int lo, int hi, int slotOffset, float dt, int[] spikes, ref int spikeCount)
        where L : struct, ILanes<L>
    {
        var a = (Arrays)pop.Binding!;
        SynapticInput.Pass<L>(pop.Channels, lo, hi, slotOffset, a.V, a.ECl, a.GS, a.GE);
        int count = pop.Count;
        L dtv = L.Of(dt), k2 = L.Of(0.04f), k1 = L.Of(5f), k0 = L.Of(140f);
        for (int i = lo; i < hi; i += L.Width)
        {
            var v = L.Load(a.V, i);
            var u = L.Load(a.U, i);
            var r = L.Max(L.Load(a.R, i) - L.One, L.Zero);
            var input = (L.Load(a.GE, i) - L.Load(a.GS, i) * v + (L.Load(a.I, i) + L.Load(a.Ib, i))) / L.Load(a.C, i);
            var vn = v + dtv * (k2 * v * v + k1 * v + k0 - u + input);
            var un = u + dtv * (L.Load(a.A, i) * (L.Load(a.B, i) * v - u));
            var refractory = L.GreaterThan(r, L.Zero);
            var vr = L.Load(a.Vr, i);
            vn = L.Select(refractory, vr, vn);
            var spike = L.AndNot(L.GreaterOrEqual(vn, L.Load(a.Vp, i)), refractory);
            L.Store(L.Select(spike, vr, vn), a.V, i);
            L.Store(L.Select(spike, un + L.Load(a.D, i), un), a.U, i);
            L.Store(L.Select(spike, L.Load(a.RS, i), r), a.R, i);
            L.Collect(spike, i, count, spikes, ref spikeCount);
        }
    }
}
