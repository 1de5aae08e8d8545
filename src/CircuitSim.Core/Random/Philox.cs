using System.Runtime.CompilerServices;

namespace CircuitSim.Random;

/// <summary>
/// Philox4x32-10 (Salmon et al. 2011, "Parallel random numbers: as easy as 1, 2, 3", SC'11):
/// a counter-based generator, so every draw is a pure function of (seed, purpose, index,
/// counter). Spikes therefore do not depend on thread count or on the order of work,
/// as in Arbor and GeNN.
/// </summary>
public static class Philox
{
    private const uint M0 = 0xD2511F53, M1 = 0xCD9E8D57, W0 = 0x9E3779B9, W1 = 0xBB67AE85;

    /// <summary>Four independent 32-bit words for (seed, purpose, index, counter).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (uint, uint, uint, uint) Next(ulong seed, uint purpose, uint index, ulong counter)
    {
        uint c0 = index, c1 = (uint)counter, c2 = (uint)(counter >> 32), c3 = purpose;
        uint k0 = (uint)seed, k1 = (uint)(seed >> 32);
        for (int round = 0; round < 10; round++)
        {
            ulong p0 = (ulong)M0 * c0, p1 = (ulong)M1 * c2;
            uint hi0 = (uint)(p0 >> 32), lo0 = (uint)p0, hi1 = (uint)(p1 >> 32), lo1 = (uint)p1;
            c0 = hi1 ^ c1 ^ k0; c1 = lo1; c2 = hi0 ^ c3 ^ k1; c3 = lo0;
            k0 += W0; k1 += W1;
        }
        return (c0, c1, c2, c3);
    }

    /// <summary>Uniform in (0, 1), 24-bit resolution, never exactly 0 or 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ToUnitFloat(uint word) => ((word >> 8) + 0.5f) * (1f / 16777216f);

    /// <summary>Uniform in (0, 1), 53-bit resolution.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double ToUnitDouble(uint a, uint b) => (((ulong)(a >> 5) << 26 | (b >> 6)) + 0.5) * (1.0 / 9007199254740992.0);

    public static double Uniform(ulong seed, uint purpose, uint index, ulong counter)
    {
        var (a, b, _, _) = Next(seed, purpose, index, counter);
        return ToUnitDouble(a, b);
    }

    /// <summary>Standard normal by Box–Muller from one Philox block.</summary>
    public static double Normal(ulong seed, uint purpose, uint index, ulong counter)
    {
        var (a, b, c, d) = Next(seed, purpose, index, counter);
        double u1 = ToUnitDouble(a, b), u2 = ToUnitDouble(c, d);
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}

/// <summary>
/// Stream purposes: each kind of draw has its own, so adding one never shifts another. Two layouts
/// that cannot overlap: per population or projection, kind · 2^16 + index (below 2^20); per stimulus
/// and target population, kind · 2^24 + stimulus · 2^12 + population (2^24 and above).
/// </summary>
public static class RngPurpose
{
    public const uint Connect = 1;
    public const uint Weight = 2;
    public const uint Initial = 3;
    public const uint Conduction = 4;
    public const uint Recruit = 5;
    public const uint Ectopic = 6;
    public const uint Threshold = 7;
    public const uint Placement = 8;
    /// <summary>Natural stimuli: fibre thresholds and gains per population; firing per stimulus and target.</summary>
    public const uint Natural = 9;
    /// <summary>Poisson stimuli: firing per stimulus and target.</summary>
    public const uint Poisson = 10;
    /// <summary>Which fibres of an injured nerve fire ectopically.</summary>
    public const uint EctopicFibres = 11;
    /// <summary>Spontaneous (background) activity of neurons.</summary>
    public const uint Spontaneous = 12;
    /// <summary>Initial state (UP or DOWN) of plastic synapses, per projection.</summary>
    public const uint Plasticity = 13;
    /// <summary>Spinal cord stimulation: fibre thresholds and following, per stimulus and target.</summary>
    public const uint Scs = 14;
    /// <summary>Spinal cord stimulation: each fibre's threshold, per stimulus and target.</summary>
    public const uint ScsThreshold = 15;
    /// <summary>Stochastic transmitter release: each synapse's release at each spike, per projection.</summary>
    public const uint Release = 16;
    /// <summary>Where each afferent fibre's central terminal lies in its laminae, per population.</summary>
    public const uint Terminals = 17;

    public static uint ForProjection(uint kind, int projection) => Checked(kind, projection, 1 << 16) << 16 | (uint)projection;

    public static uint ForPopulation(uint kind, int population) => Checked(kind, population, 1 << 16) << 16 | (uint)population;

    public static uint ForStimulus(uint kind, int stimulus, int population)
    {
        if (stimulus >= 1 << 12 || population >= 1 << 12)
            throw new Engine.BuildException("a scenario may have at most 4096 stimuli and 4096 populations");
        return kind << 24 | (uint)stimulus << 12 | (uint)population;
    }

    private static uint Checked(uint kind, int index, int limit) =>
        index < limit ? kind : throw new Engine.BuildException($"at most {limit} populations or projections are supported");
}
