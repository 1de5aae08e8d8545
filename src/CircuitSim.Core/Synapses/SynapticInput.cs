using System.Numerics;
using System.Runtime.CompilerServices;
using CircuitSim.Numerics;

namespace CircuitSim.Synapses;

/// <summary>
/// The synaptic part of every neuron update, scalar and vector with identical operations:
/// take the step's arrivals from each channel's ring, form the conductances, apply the Mg²⁺
/// block and drug availability, sum g and g·E, then decay the channel states by their exact
/// factors exp(−dt/τ).
/// </summary>
public static class SynapticInput
{
    /// <summary>
    /// Channel states below this (nS, a current of ~10⁻⁴ pA) are set to zero: a decaying state
    /// would otherwise become a float32 denormal after ~40 time constants of silence (denormal
    /// arithmetic is ~100× slower on x86 and .NET cannot set flush-to-zero), and exact zeros let
    /// the vector pass skip silent neurons.
    /// </summary>
    public const float FlushBelow = 1e-6f;

    private const float MgFactor = (float)(ReceptorDefaults.MagnesiumMm / MagnesiumBlock.HalfConcentration);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Scalar(ReceptorChannel[] channels, int i, int slotOffset, float v, float ecl, out float gSum, out float gESum)
    {
        float gs = 0f, ge = 0f;
        for (int c = 0; c < channels.Length; c++)
        {
            var ch = channels[c];
            var ring = ch.Ring;
            float x = ring[slotOffset + i];
            ring[slotOffset + i] = 0f;
            float inc = x * ch.Norm;
            float a = ch.A[i] + inc;
            float g = a;
            float aNext = a * ch.DecayA;
            ch.A[i] = MathF.Abs(aNext) > FlushBelow ? aNext : 0f;
            if (ch.B is { } bArr)
            {
                float b = bArr[i] + inc;
                g = a - b;
                float bNext = b * ch.DecayB;
                bArr[i] = MathF.Abs(bNext) > FlushBelow ? bNext : 0f;
            }
            g = ch.Effective(g);
            if (ch.MgBlock) g = g / (1f + MgFactor * FastExp.Exp(-MagnesiumBlock.Slope * v));
            if (ch.ModulatorIndex >= 0)
            {
                var m = channels[ch.ModulatorIndex];
                float gm = m.Effective(m.B is { } mb ? m.A[i] - mb[i] : m.A[i]);
                g = g * (1f + ch.ModulationGain * gm);
            }
            g = g * ch.Availability;
            float e = ch.UsesChloride ? ecl : ch.Reversal;
            gs = gs + g;
            ge = ge + g * e;
        }
        gSum = gs;
        gESum = ge;
    }

    /// <summary>Exactly two channels, each a single exponential without Mg²⁺ block or potentiation:
    /// the case the fused kernels handle with the channel sums in registers.</summary>
    public static bool AreTwoPlainChannels(ReceptorChannel[] channels) =>
        channels.Length == 2 && IsPlain(channels[0]) && IsPlain(channels[1]);

    private static bool IsPlain(ReceptorChannel c) => c.B is null && !c.MgBlock && c.ModulatorIndex < 0 && c.InverseSaturation == 0f;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector<float> Flush(Vector<float> x) =>
        System.Numerics.Vector.ConditionalSelect(System.Numerics.Vector.GreaterThan(System.Numerics.Vector.Abs(x), new Vector<float>(FlushBelow)), x, Vector<float>.Zero);

    /// <summary>
    /// Vector pass over neurons [lo, hi) for all channels, writing Σg into <paramref name="gSum"/> and
    /// Σg·E into <paramref name="gESum"/>: one tight loop per channel instead of a channel loop per neuron.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void VectorPass(ReceptorChannel[] channels, int lo, int hi, int slotOffset, float[] V, float[] ECl, float[] gSum, float[] gESum)
    {
        int w = Vector<float>.Count;
        if (channels.Length == 0)
        {
            System.Array.Clear(gSum, lo, hi - lo);
            System.Array.Clear(gESum, lo, hi - lo);
            return;
        }
        for (int c = 0; c < channels.Length; c++)
        {
            var ch = channels[c];
            float[] ring = ch.Ring, A = ch.A;
            float[]? B = ch.B;
            var norm = new Vector<float>(ch.Norm);
            var decayA = new Vector<float>(ch.DecayA);
            var decayB = new Vector<float>(ch.DecayB);
            var avail = new Vector<float>(ch.Availability);
            var rev = new Vector<float>(ch.Reversal);
            bool first = c == 0, mg = ch.MgBlock, cl = ch.UsesChloride;
            var mod = ch.ModulatorIndex >= 0 ? channels[ch.ModulatorIndex] : null;
            var modGain = new Vector<float>(ch.ModulationGain);
            bool sat = ch.InverseSaturation > 0f, modSat = mod is not null && mod.InverseSaturation > 0f;
            var invSat = new Vector<float>(ch.InverseSaturation);
            var modInvSat = new Vector<float>(mod?.InverseSaturation ?? 0f);
            for (int i = lo; i < hi; i += w)
            {
                var x = Simd.Load(ring, slotOffset + i);
                var aOld = Simd.Load(A, i);
                var any = Vector.AsVectorInt32(x) | Vector.AsVectorInt32(aOld);
                if (B is not null) any |= Vector.AsVectorInt32(Simd.Load(B, i));
                if (any == Vector<int>.Zero)
                {
                    // a silent channel on these neurons contributes exactly 0 (the scalar kernel adds zeros)
                    if (first) { Simd.Store(Vector<float>.Zero, gSum, i); Simd.Store(Vector<float>.Zero, gESum, i); }
                    continue;
                }
                Simd.Store(Vector<float>.Zero, ring, slotOffset + i);
                var inc = x * norm;
                var a = aOld + inc;
                var g = a;
                Simd.Store(Flush(a * decayA), A, i);
                if (B is not null)
                {
                    var b = Simd.Load(B, i) + inc;
                    g = a - b;
                    Simd.Store(Flush(b * decayB), B, i);
                }
                if (sat) g = g / (Vector<float>.One + g * invSat);
                if (mg)
                    g = g / (Vector<float>.One + new Vector<float>(MgFactor) * FastExp.Exp(new Vector<float>(-MagnesiumBlock.Slope) * Simd.Load(V, i)));
                if (mod is not null)
                {
                    var gm = mod.B is { } mb ? Simd.Load(mod.A, i) - Simd.Load(mb, i) : Simd.Load(mod.A, i);
                    if (modSat) gm = gm / (Vector<float>.One + gm * modInvSat);
                    g = g * (Vector<float>.One + modGain * gm);
                }
                g = g * avail;
                var e = cl ? Simd.Load(ECl, i) : rev;
                if (first)
                {
                    Simd.Store(g, gSum, i);
                    Simd.Store(g * e, gESum, i);
                }
                else
                {
                    Simd.Store(Simd.Load(gSum, i) + g, gSum, i);
                    Simd.Store(Simd.Load(gESum, i) + g * e, gESum, i);
                }
            }
        }
    }
}
