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
            ch.A[i] = a * ch.DecayA;
            if (ch.B is { } bArr)
            {
                float b = bArr[i] + inc;
                g = a - b;
                bArr[i] = b * ch.DecayB;
            }
            if (ch.MgBlock) g = g / (1f + MgFactor * FastExp.Exp(-MagnesiumBlock.Slope * v));
            g = g * ch.Availability;
            float e = ch.UsesChloride ? ecl : ch.Reversal;
            gs = gs + g;
            ge = ge + g * e;
        }
        gSum = gs;
        gESum = ge;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Vector(ReceptorChannel[] channels, int i, int slotOffset, Vector<float> v, Vector<float> ecl,
        out Vector<float> gSum, out Vector<float> gESum)
    {
        var gs = Vector<float>.Zero;
        var ge = Vector<float>.Zero;
        for (int c = 0; c < channels.Length; c++)
        {
            var ch = channels[c];
            var ringSpan = ch.Ring.AsSpan(slotOffset + i, Vector<float>.Count);
            var x = new Vector<float>(ringSpan);
            Vector<float>.Zero.CopyTo(ringSpan);
            var inc = x * new Vector<float>(ch.Norm);
            var aSpan = ch.A.AsSpan(i, Vector<float>.Count);
            var a = new Vector<float>(aSpan) + inc;
            var g = a;
            (a * new Vector<float>(ch.DecayA)).CopyTo(aSpan);
            if (ch.B is { } bArr)
            {
                var bSpan = bArr.AsSpan(i, Vector<float>.Count);
                var b = new Vector<float>(bSpan) + inc;
                g = a - b;
                (b * new Vector<float>(ch.DecayB)).CopyTo(bSpan);
            }
            if (ch.MgBlock)
                g = g / (Vector<float>.One + new Vector<float>(MgFactor) * FastExp.Exp(new Vector<float>(-MagnesiumBlock.Slope) * v));
            g = g * new Vector<float>(ch.Availability);
            var e = ch.UsesChloride ? ecl : new Vector<float>(ch.Reversal);
            gs = gs + g;
            ge = ge + g * e;
        }
        gSum = gs;
        gESum = ge;
    }
}
