using CircuitSim.Random;

namespace CircuitSim.Studies.Cohorts;

/// <summary>
/// k-means (Lloyd's iterations from k-means++ seeds, Arthur &amp; Vassilvitskii 2007), the best of
/// several restarts by within-cluster sum of squares; counter-based random numbers, so a seed gives
/// the same clusters everywhere. Clusters are numbered by their centroid's first coordinate, ascending.
/// </summary>
public static class KMeans
{
    private const uint Purpose = 0x4B4D_4E53; // "KMNS"

    /// <returns>Cluster (0..k-1) of each point, and the centroids.</returns>
    public static (int[] Labels, double[][] Centroids) Fit(double[][] points, int k, ulong seed = 1, int restarts = 20, int maxIterations = 200)
    {
        int n = points.Length;
        if (n == 0) return ([], []);
        k = Math.Min(k, n);
        int[]? bestLabels = null;
        double[][]? bestCentroids = null;
        double best = double.PositiveInfinity;
        for (int r = 0; r < restarts; r++)
        {
            var c = SeedCentroids(points, k, seed, (uint)r);
            int kk = c.Length;
            var labels = new int[n];
            for (int it = 0; it < maxIterations; it++)
            {
                bool changed = false;
                for (int i = 0; i < n; i++)
                {
                    int l = Nearest(points[i], c);
                    if (l != labels[i] || it == 0) { changed |= l != labels[i]; labels[i] = l; }
                }
                c = Means(points, labels, kk, c);
                if (!changed && it > 0) break;
            }
            double sse = 0;
            for (int i = 0; i < n; i++) sse += Dist2(points[i], c[labels[i]]);
            if (sse < best - 1e-12) (best, bestLabels, bestCentroids) = (sse, labels, c);
        }
        // only clusters that hold points count (fewer distinct points than k leave some empty), numbered by the
        // first coordinate of their centroid, so the numbering does not depend on the restart
        var used = bestLabels!.Distinct().OrderBy(j => bestCentroids![j][0]).ThenBy(j => j).ToArray();
        var rank = new Dictionary<int, int>();
        for (int j = 0; j < used.Length; j++) rank[used[j]] = j;
        return (bestLabels!.Select(l => rank[l]).ToArray(), used.Select(j => bestCentroids![j]).ToArray());
    }

    private static double[][] SeedCentroids(double[][] x, int k, ulong seed, uint restart)
    {
        int n = x.Length;
        var c = new List<double[]> { (double[])x[(int)Math.Min(n - 1, Philox.Uniform(seed, Purpose, restart, 0) * n)].Clone() };
        var d2 = new double[n];
        for (int j = 1; j < k; j++)
        {
            double sum = 0;
            for (int i = 0; i < n; i++) { d2[i] = c.Min(cc => Dist2(x[i], cc)); sum += d2[i]; }
            if (sum <= 0) break; // every point sits on a seed: no more distinct centroids to place
            double u = Philox.Uniform(seed, Purpose, restart, (ulong)j) * sum;
            int pick = n - 1;
            for (int i = 0; i < n; i++) { u -= d2[i]; if (u <= 0) { pick = i; break; } }
            c.Add((double[])x[pick].Clone());
        }
        return c.ToArray();
    }

    private static double[][] Means(double[][] x, int[] labels, int k, double[][] old)
    {
        int d = x[0].Length;
        var sum = new double[k][];
        var count = new int[k];
        for (int j = 0; j < k; j++) sum[j] = new double[d];
        for (int i = 0; i < x.Length; i++)
        {
            count[labels[i]]++;
            for (int q = 0; q < d; q++) sum[labels[i]][q] += x[i][q];
        }
        for (int j = 0; j < k; j++)
            if (count[j] == 0) sum[j] = (double[])old[j].Clone(); // an emptied cluster keeps its centroid
            else for (int q = 0; q < d; q++) sum[j][q] /= count[j];
        return sum;
    }

    private static int Nearest(double[] p, double[][] c)
    {
        int best = 0;
        double bd = double.PositiveInfinity;
        for (int j = 0; j < c.Length; j++)
        {
            double dd = Dist2(p, c[j]);
            if (dd < bd) (bd, best) = (dd, j);
        }
        return best;
    }

    private static double Dist2(double[] a, double[] b)
    {
        double s = 0;
        for (int q = 0; q < a.Length; q++) s += (a[q] - b[q]) * (a[q] - b[q]);
        return s;
    }
}
