namespace CircuitSim.Studies.Design;

/// <summary>
/// Sobol' low-discrepancy points in [0, 1)^d (Gray-code order, Antonov &amp; Saleev 1979), with the
/// primitive polynomials and initial direction numbers of Joe &amp; Kuo (2008, "Constructing Sobol
/// sequences with better two-dimensional projections", SIAM J. Sci. Comput. 30:2635; table
/// new-joe-kuo-6.21201), first 21 dimensions. The first point is the origin; the first 2^m points
/// put exactly one point in each of 2^m equal bins of every axis.
/// </summary>
public static class SobolSequence
{
    private const int Bits = 32;

    // per dimension 2..21: degree s, polynomial coefficients a, initial direction numbers m_1..m_s
    private static readonly (int S, int A, int[] M)[] JoeKuo =
    [
        (1, 0, [1]), (2, 1, [1, 3]), (3, 1, [1, 3, 1]), (3, 2, [1, 1, 1]), (4, 1, [1, 1, 3, 3]), (4, 4, [1, 3, 5, 13]),
        (5, 2, [1, 1, 5, 5, 17]), (5, 4, [1, 1, 5, 5, 5]), (5, 7, [1, 1, 7, 11, 19]), (5, 11, [1, 1, 5, 1, 1]),
        (5, 13, [1, 1, 1, 3, 11]), (5, 14, [1, 3, 5, 5, 31]), (6, 1, [1, 3, 3, 9, 7, 49]), (6, 13, [1, 1, 1, 15, 21, 21]),
        (6, 16, [1, 3, 1, 13, 27, 49]), (6, 19, [1, 1, 1, 15, 7, 5]), (6, 22, [1, 3, 1, 15, 13, 25]), (6, 25, [1, 1, 5, 5, 19, 61]),
        (7, 1, [1, 3, 7, 11, 23, 15, 103]), (7, 4, [1, 3, 7, 13, 13, 15, 69]),
    ];

    public const int MaxDimensions = 21;

    /// <summary>The first <paramref name="count"/> points of the <paramref name="dimensions"/>-dimensional sequence: [point][dimension].</summary>
    public static double[][] Points(int count, int dimensions)
    {
        if (dimensions < 1 || dimensions > MaxDimensions)
            throw new ArgumentOutOfRangeException(nameof(dimensions), $"Sobol' points here have 1 to {MaxDimensions} dimensions, asked {dimensions}");
        if (count < 0 || (long)count > 1L << Bits) throw new ArgumentOutOfRangeException(nameof(count));
        var v = new uint[dimensions][];
        for (int j = 0; j < dimensions; j++) v[j] = Directions(j);
        var x = new uint[dimensions];
        var points = new double[count][];
        for (int i = 0; i < count; i++)
        {
            if (i > 0)
            {
                int c = RightmostZero((uint)(i - 1)); // Gray code: one direction number changes per point
                for (int j = 0; j < dimensions; j++) x[j] ^= v[j][c];
            }
            var p = new double[dimensions];
            for (int j = 0; j < dimensions; j++) p[j] = x[j] / 4294967296.0;
            points[i] = p;
        }
        return points;
    }

    private static int RightmostZero(uint n)
    {
        int c = 0;
        while ((n & 1) == 1) { n >>= 1; c++; }
        return c;
    }

    /// <summary>Direction numbers V_1..V_32 of dimension j (0-based), scaled by 2^32.</summary>
    private static uint[] Directions(int j)
    {
        var v = new uint[Bits];
        if (j == 0)
        {
            for (int i = 0; i < Bits; i++) v[i] = 1u << (Bits - 1 - i);
            return v;
        }
        var (s, a, m) = JoeKuo[j - 1];
        for (int i = 0; i < Math.Min(s, Bits); i++) v[i] = (uint)m[i] << (Bits - 1 - i);
        for (int i = s; i < Bits; i++)
        {
            v[i] = v[i - s] ^ (v[i - s] >> s);
            for (int k = 1; k < s; k++) v[i] ^= (uint)((a >> (s - 1 - k)) & 1) * v[i - k];
        }
        return v;
    }
}
