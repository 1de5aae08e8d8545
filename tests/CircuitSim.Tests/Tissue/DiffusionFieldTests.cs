using CircuitSim.Tissue;

namespace CircuitSim.Tests.Tissue;

/// <summary>The field solver against analytic solutions: a spreading Gaussian, the steady profile of a source with decay, conservation.</summary>
public class DiffusionFieldTests
{
    [Fact]
    public void A_point_release_spreads_as_a_gaussian_whose_variance_grows_by_2Dt_per_axis()
    {
        const int n = 161;
        const double dx = 5, d = 100; // µm, µm²/s
        var f = new DiffusionField("ATP", n, n, dx, d, double.PositiveInfinity);
        int mid = n / 2;
        f.Add(mid * n + mid, 1000);
        for (int k = 0; k < 100; k++) f.Step(10); // 1 s
        double total = f.Total(), vx = 0, vy = 0;
        for (int j = 0; j < n; j++)
            for (int i = 0; i < n; i++)
            {
                vx += f[i, j] * Math.Pow((i - mid) * dx, 2);
                vy += f[i, j] * Math.Pow((j - mid) * dx, 2);
            }
        Assert.Equal(1000, total, 9);
        Assert.Equal(2 * d * 1.0, vx / total, 6); // implicit steps add 2·D·Δt each, exactly, away from the edges
        Assert.Equal(2 * d * 1.0, vy / total, 6);
        // the profile along x through the centre against the continuous Gaussian, as a share of the peak
        double sigma2 = 2 * d * 1.0;
        double peak = f[mid, mid];
        for (int i = mid; i < mid + 12; i++)
        {
            double analytic = Math.Exp(-Math.Pow((i - mid) * dx, 2) / (2 * sigma2));
            Assert.True(Math.Abs(f[i, mid] / peak - analytic) < 0.03, $"cell {i - mid}: {f[i, mid] / peak:F4} vs {analytic:F4}");
        }
    }

    [Fact]
    public void A_steady_source_with_decay_gives_an_exponential_profile_of_length_sqrt_D_tau()
    {
        const int n = 300;
        const double dx = 2, d = 400, tauMs = 1000; // λ = sqrt(400 µm²/s · 1 s) = 20 µm
        var f = new DiffusionField("BDNF", n, 1, dx, d, tauMs);
        for (int k = 0; k < 2000; k++) // 20 s = 20 τ: steady
        {
            f.Add(0, 1);
            f.Step(10);
        }
        double lambda = Math.Sqrt(d * tauMs / 1000);
        foreach (int i in new[] { 5, 10, 20, 30 })
        {
            double measured = -(i * dx) / Math.Log(f[i, 0] / f[0, 0]);
            Assert.True(Math.Abs(measured / lambda - 1) < 0.05, $"decay length from cell {i}: {measured:F2} µm, expected {lambda:F2}");
        }
    }

    [Fact]
    public void Without_decay_diffusion_conserves_the_amount_keeps_it_positive_and_flattens_it()
    {
        var f = new DiffusionField("x", 40, 25, 10, 250, double.PositiveInfinity);
        var rng = new System.Random(3);
        for (int k = 0; k < f.Values.Length; k++) f.Values[k] = rng.NextDouble() * (k % 7 == 0 ? 10 : 1);
        double before = f.Total();
        double spread0 = f.Values.Max() - f.Values.Min();
        for (int k = 0; k < 500; k++) f.Step(50); // also steps far above the explicit limit (r = 0.125 per ms)
        Assert.Equal(before, f.Total(), 9);
        Assert.All(f.Values, v => Assert.True(v >= 0));
        Assert.True(f.Values.Max() - f.Values.Min() < spread0 / 100);
    }

    [Fact]
    public void Decay_alone_is_exponential_with_its_time_constant()
    {
        var f = new DiffusionField("x", 3, 3, 10, 0, 200);
        f.Values[4] = 8;
        for (int k = 0; k < 10; k++) f.Step(20);
        Assert.Equal(8 * Math.Exp(-1), f.Values[4], 12);
    }
}
