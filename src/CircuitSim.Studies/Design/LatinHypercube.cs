using CircuitSim.Random;

namespace CircuitSim.Studies.Design;

/// <summary>
/// A Latin hypercube sample (McKay, Beckman &amp; Conover 1979): each axis of [0, 1)^d is cut into n
/// equal strata and every stratum holds exactly one point, placed uniformly within it; the strata
/// are paired across axes by independent random permutations. Counter-based (Philox), so a seed
/// gives the same design on every machine and .NET version.
/// </summary>
public static class LatinHypercube
{
    private const uint Purpose = 0x5357_4550; // "SWEP": apart from every purpose the engine uses

    public static double[][] Points(int count, int dimensions, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        var points = new double[count][];
        for (int i = 0; i < count; i++) points[i] = new double[dimensions];
        var perm = new int[count];
        for (int j = 0; j < dimensions; j++)
        {
            for (int i = 0; i < count; i++) perm[i] = i;
            // Fisher–Yates with one counter per swap
            for (int i = count - 1; i > 0; i--)
            {
                int k = (int)Math.Min(i, Math.Floor(Philox.Uniform(seed, Purpose, (uint)j, (ulong)i) * (i + 1)));
                (perm[i], perm[k]) = (perm[k], perm[i]);
            }
            for (int i = 0; i < count; i++)
                points[i][j] = (perm[i] + Philox.Uniform(seed, Purpose, (uint)(j + dimensions), (ulong)i)) / count;
        }
        return points;
    }
}
