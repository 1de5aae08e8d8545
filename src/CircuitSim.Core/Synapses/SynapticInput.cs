using System.Runtime.CompilerServices;
using CircuitSim.Numerics;

namespace CircuitSim.Synapses;

/// <summary>
/// The synaptic part of every neuron update, written once over lanes (<see cref="ILanes{TSelf}"/>):
/// take the step's arrivals from each channel's ring, form the conductances, apply saturation,
/// the Mg²⁺ block, potentiation and drug availability, sum g and g·E, then decay the channel
/// states by their exact factors exp(−dt/τ).
/// </summary>
public static class SynapticInput
{
    /// <summary>
    /// Channel states below this (nS, a current of ~10⁻⁴ pA) are set to zero, every
    /// <see cref="FlushEvery"/> steps by the engine's flush phase (<see cref="FlushStates"/>): a decaying
    /// state would otherwise become a float32 denormal after ~40 time constants of silence (denormal
    /// arithmetic is ~100× slower on x86 and .NET cannot set flush-to-zero), and exact zeros let the pass
    /// skip silent neurons. Between flushes a state decays by at most e^(−64·dt/τ), far from the denormal
    /// range, and flushing on a clock instead of in every neuron update takes four instructions per channel
    /// out of the kernels' inner loop.
    /// </summary>
    public const float FlushBelow = 1e-6f;
    public const int FlushEvery = 64;

    /// <summary>Sets channel states of neurons [lo, hi) below <see cref="FlushBelow"/> to exactly 0.</summary>
    public static void FlushStates(ReceptorChannel[] channels, int lo, int hi)
    {
        foreach (var ch in channels)
        {
            FlushRange(ch.A, lo, hi);
            if (ch.B is { } b) FlushRange(b, lo, hi);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void FlushRange(float[] a, int lo, int hi)
    {
        int i = lo;
        for (; i + LaneN.Width <= hi; i += LaneN.Width) LaneN.Store(Flush(LaneN.Load(a, i)), a, i);
        for (; i < hi; i++) Lane1.Store(Flush(Lane1.Load(a, i)), a, i);
    }

    /// <summary>x where |x| &gt; <see cref="FlushBelow"/>, else exactly 0 (NaN too, as before).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static L Flush<L>(L x) where L : struct, ILanes<L> =>
        L.Select(L.GreaterThan(L.Abs(x), L.Of(FlushBelow)), x, L.Zero);

    internal const float MgFactor = (float)(ReceptorDefaults.MagnesiumMm / MagnesiumBlock.HalfConcentration);

    /// <summary>Exactly two channels, each a single exponential without Mg²⁺ block or potentiation:
    /// the case the fused LIF kernel handles with the channel sums in registers.</summary>
    public static bool AreTwoPlainChannels(ReceptorChannel[] channels) =>
        channels.Length == 2 && IsPlain(channels[0]) && IsPlain(channels[1]);

    private static bool IsPlain(ReceptorChannel c) => c.B is null && !c.MgBlock && c.ModulatorIndex < 0 && c.InverseSaturation == 0f && c.LocalGain is null;

    /// <summary>The saturating form g/(1 + g/G) of a channel's drive (identity when the channel does not saturate).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static L Saturate<L>(L g, bool saturates, L inverseSaturation) where L : struct, ILanes<L> =>
        saturates ? g / (L.One + g * inverseSaturation) : g;

    /// <summary>
    /// The pass over neurons [lo, hi) for all channels, writing Σg (nS) into <paramref name="gSum"/> and
    /// Σg·E (pA) into <paramref name="gESum"/>: one tight loop per channel. A channel whose ring slot and
    /// state are all +0 on a group of lanes contributes exactly 0 and is skipped there. When
    /// <paramref name="gCa"/> is given, the Ca²⁺-carried parts Σf·g and Σf·g·E of channels with a calcium
    /// fraction f go there too (the model turns them into calcium influx).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Pass<L>(ReceptorChannel[] channels, int lo, int hi, int slotOffset, float[] V, float[] ECl, float[] gSum, float[] gESum,
        float[]? gCa = null, float[]? gECa = null)
        where L : struct, ILanes<L>
    {
        int w = L.Width;
        Array.Clear(gSum, lo, hi - lo);
        Array.Clear(gESum, lo, hi - lo);
        if (gCa is not null) { Array.Clear(gCa, lo, hi - lo); Array.Clear(gECa!, lo, hi - lo); }
        for (int c = 0; c < channels.Length; c++)
        {
            var ch = channels[c];
            float[] ring = ch.Ring, A = ch.A;
            float[]? B = ch.B;
            L norm = L.Of(ch.Norm), decayA = L.Of(ch.DecayA), decayB = L.Of(ch.DecayB), avail = L.Of(ch.Scale), rev = L.Of(ch.Reversal);
            bool mg = ch.MgBlock, cl = ch.UsesChloride, calcium = gCa is not null && ch.CalciumFraction > 0f, direct = ch.ArrivesInState;
            L caFraction = L.Of(ch.CalciumFraction);
            float[]? local = ch.LocalGain;
            var mod = ch.ModulatorIndex >= 0 ? channels[ch.ModulatorIndex] : null;
            bool sat = ch.InverseSaturation > 0f, modSat = mod is not null && mod.InverseSaturation > 0f;
            L invSat = L.Of(ch.InverseSaturation), modInvSat = L.Of(mod?.InverseSaturation ?? 0f);
            // potentiation by the modulator's open conductance, bounded: 1 + Emax·g_m/(g_m + K); g_m counts the
            // modulating receptor's availability, so an antagonist of it removes the potentiation too
            L modMax = L.Of(ch.PotentiationMax), modHalf = L.Of(ch.PotentiationHalfNs), modAvail = L.Of(mod?.Scale ?? 1f);
            float[]? modLocal = mod?.LocalGain; // the modulator's own local gain (a cytokine on NK1), as its conductance carries it
            L mgFactor = L.Of(MgFactor), mgSlope = L.Of(-MagnesiumBlock.Slope);
            for (int i = lo; i < hi; i += w)
            {
                // arrivals: from the ring slot, or already in the state (ArrivesInState: the ring is A itself)
                var x = direct ? L.Zero : L.Load(ring, slotOffset + i);
                var aOld = L.Load(A, i);
                var any = L.Or(x, aOld);
                if (B is not null) any = L.Or(any, L.Load(B, i));
                // a silent channel on these neurons contributes exactly 0
                if (L.IsAllZero(any)) continue;
                if (!direct) L.Store(L.Zero, ring, slotOffset + i);
                var inc = x * norm;
                var a = direct ? aOld : aOld + inc;
                var g = a;
                L.Store(a * decayA, A, i);
                if (B is not null)
                {
                    var b = L.Load(B, i) + inc;
                    g = a - b;
                    L.Store(b * decayB, B, i);
                }
                g = Saturate(g, sat, invSat);
                if (mg) g = g / (L.One + mgFactor * L.Exp(mgSlope * L.Load(V, i)));
                if (mod is not null)
                {
                    var gm = mod.B is { } mb ? L.Load(mod.A, i) - L.Load(mb, i) : L.Load(mod.A, i);
                    gm = Saturate(gm, modSat, modInvSat) * modAvail;
                    if (modLocal is not null) gm = gm * L.Load(modLocal, i);
                    gm = L.Max(gm, L.Zero);
                    g = g * (L.One + modMax * gm / (gm + modHalf));
                }
                g = g * avail;
                if (local is not null) g = g * L.Load(local, i); // what the tissue around each neuron does to the channel
                var e = cl ? L.Load(ECl, i) : rev;
                L.Store(L.Load(gSum, i) + g, gSum, i);
                L.Store(L.Load(gESum, i) + g * e, gESum, i);
                if (calcium)
                {
                    // the channel's Ca²⁺-carried share (NMDA ~10 %), for models with intracellular calcium
                    var gc = g * caFraction;
                    L.Store(L.Load(gCa!, i) + gc, gCa!, i);
                    L.Store(L.Load(gECa!, i) + gc * e, gECa!, i);
                }
            }
        }
    }
}
