using CircuitSim.Model;
using CircuitSim.Random;

namespace CircuitSim.Synapses;

/// <summary>
/// Connection rules, each a pure function of (seed, projection, index, draw) so a network is
/// the same whatever the machine. Output: CSR by source, targets ascending within each row.
/// </summary>
public static class Connectivity
{
    /// <summary>Expected synapse count, for the memory estimate made before building.</summary>
    public static double ExpectedSynapses(ConnectSpec c, int ns, int nt) => c.Rule switch
    {
        ConnectRule.Probability => c.P * ns * (double)nt,
        ConnectRule.FanIn => (double)c.N * nt,
        ConnectRule.FanOut => (double)c.N * ns,
        ConnectRule.OneToOne => Math.Min(ns, nt),
        ConnectRule.All => (double)ns * nt,
        _ => 0,
    };

    public static (int[] RowStart, int[] Targets) Build(ConnectSpec c, int ns, int nt, bool samePopulation, ulong seed, uint purpose)
    {
        bool noSelf = samePopulation && !c.AllowSelf;
        return c.Rule switch
        {
            ConnectRule.Probability => Probability(c.P, ns, nt, noSelf, seed, purpose),
            ConnectRule.FanOut => FanOut(c.N, ns, nt, noSelf, seed, purpose),
            ConnectRule.FanIn => Transpose(FanOut(c.N, nt, ns, noSelf, seed, purpose), nt, ns),
            ConnectRule.OneToOne => OneToOne(Math.Min(ns, nt), ns),
            ConnectRule.All => Probability(1.0, ns, nt, noSelf, seed, purpose),
            _ => throw new ArgumentOutOfRangeException(nameof(c)),
        };
    }

    /// <summary>Bernoulli(p) per pair, by geometric skipping: one draw per synapse, not per pair.</summary>
    private static (int[], int[]) Probability(double p, int ns, int nt, bool noSelf, ulong seed, uint purpose)
    {
        var rowStart = new int[ns + 1];
        var targets = new List<int>((int)Math.Min(int.MaxValue / 2, p * ns * (double)nt * 1.05 + 16));
        double logq = p < 1 ? Math.Log(1 - p) : 0;
        for (int i = 0; i < ns; i++)
        {
            if (p >= 1)
            {
                for (int j = 0; j < nt; j++) if (!(noSelf && j == i)) targets.Add(j);
            }
            else if (p > 0)
            {
                long k = -1;
                for (ulong draw = 0; ; draw++)
                {
                    double u = Philox.Uniform(seed, purpose, (uint)i, draw);
                    k += 1 + (long)Math.Floor(Math.Log(u) / logq);
                    if (k >= nt) break;
                    if (noSelf && k == i) continue;
                    targets.Add((int)k);
                }
            }
            rowStart[i + 1] = targets.Count;
        }
        return (rowStart, targets.ToArray());
    }

    /// <summary>Each source picks n distinct targets (Floyd's algorithm), rows sorted.</summary>
    private static (int[], int[]) FanOut(int n, int ns, int nt, bool noSelf, ulong seed, uint purpose)
    {
        int pool = noSelf ? nt - 1 : nt;
        n = Math.Min(n, pool);
        var rowStart = new int[ns + 1];
        var targets = new int[(long)n * ns];
        var chosen = new HashSet<int>();
        var row = new int[n];
        for (int i = 0; i < ns; i++)
        {
            chosen.Clear();
            ulong draw = 0;
            for (int k = pool - n; k < pool; k++)
            {
                int t = (int)(Philox.Uniform(seed, purpose, (uint)i, draw++) * (k + 1));
                if (t > k) t = k;
                if (!chosen.Add(t)) chosen.Add(k);
            }
            int m = 0;
            foreach (int t in chosen) row[m++] = noSelf && t >= i ? t + 1 : t;
            Array.Sort(row, 0, m);
            Array.Copy(row, 0, targets, (long)i * n, m);
            rowStart[i + 1] = rowStart[i] + m;
        }
        return (rowStart, targets);
    }

    private static (int[], int[]) OneToOne(int n, int ns)
    {
        var rowStart = new int[ns + 1];
        for (int i = 0; i < ns; i++) rowStart[i + 1] = Math.Min(i + 1, n);
        var targets = new int[n];
        for (int i = 0; i < n; i++) targets[i] = i;
        return (rowStart, targets);
    }

    /// <summary>CSR over rows of <paramref name="nRows"/> into CSR over columns; stays sorted.</summary>
    private static (int[], int[]) Transpose((int[] RowStart, int[] Cols) m, int nRows, int nCols)
    {
        var start = new int[nCols + 1];
        foreach (int c in m.Cols) start[c + 1]++;
        for (int c = 0; c < nCols; c++) start[c + 1] += start[c];
        var fill = (int[])start.Clone();
        var rows = new int[m.Cols.Length];
        for (int r = 0; r < nRows; r++)
            for (int k = m.RowStart[r]; k < m.RowStart[r + 1]; k++)
                rows[fill[m.Cols[k]]++] = r;
        return (start, rows);
    }
}
