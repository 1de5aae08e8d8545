using CircuitSim.Scenarios;
using CircuitSim.Studies.Design;

namespace CircuitSim.Tests.Studies;

/// <summary>Designs cover what they should: every grid combination once, strata of a Latin hypercube and of Sobol' points, seeds per replicate.</summary>
public class DesignTests
{
    private static SweepParameter List(string path, params string[] values) => new() { Path = path, Where = "t", Values = values };
    private static SweepParameter Range(string path, double from, double to, string unit = "", int steps = 0, bool log = false) =>
        new() { Path = path, Where = "t", From = from, To = to, Unit = unit, Steps = steps, Log = log };

    [Fact]
    public void A_grid_runs_every_combination_once_with_each_replicate_and_arm()
    {
        var sweep = new SweepSpec
        {
            Parameters = [List("a", "1", "2", "3"), Range("b", 0, 1, "nS", steps: 5)], Replicates = 2,
            Arms = [new SweepArm("base", []), new SweepArm("drug", [new("x", "1")])],
        };
        var runs = StudyDesign.Plan(sweep, scenarioSeed: 40);
        Assert.Equal(3 * 5 * 2 * 2, runs.Count);
        Assert.Equal(Enumerable.Range(0, runs.Count), runs.Select(r => r.Index));
        var combos = runs.Select(r => (r.Parameters[0].Value, r.Parameters[1].Value, r.Arm, r.Replicate)).ToList();
        Assert.Equal(combos.Count, combos.Distinct().Count());
        Assert.Equal(["0 nS", "0.25 nS", "0.5 nS", "0.75 nS", "1 nS"], runs.Select(r => r.Parameters[1].Value).Distinct());
        Assert.Equal([40UL, 41UL], runs.Select(r => r.Seed).Distinct().Order());
        Assert.All(runs, r => Assert.Equal(40UL + (ulong)r.Replicate, r.Seed));
        // first parameter slowest; within a point arm by arm, replicate by replicate
        Assert.Equal(("1", "0 nS", "base", 0), combos[0]);
        Assert.Equal(("1", "0 nS", "base", 1), combos[1]);
        Assert.Equal(("1", "0 nS", "drug", 0), combos[2]);
        Assert.Equal(("1", "0.25 nS", "base", 0), combos[4]);
        Assert.Equal(runs.Count, runs.Select(r => r.Key).Distinct().Count());
        Assert.Contains("x=1", runs[2].Sets);
        Assert.Contains("seed=40", runs[2].Sets);
    }

    [Fact]
    public void A_latin_hypercube_puts_one_point_in_each_stratum_of_every_axis()
    {
        const int n = 50, d = 4;
        var pts = LatinHypercube.Points(n, d, seed: 3);
        for (int j = 0; j < d; j++)
            Assert.Equal(Enumerable.Range(0, n), pts.Select(p => (int)Math.Floor(p[j] * n)).Order());
        Assert.Equal(pts.Select(p => p[0]), LatinHypercube.Points(n, d, seed: 3).Select(p => p[0])); // deterministic
        Assert.NotEqual(pts.Select(p => p[0]), LatinHypercube.Points(n, d, seed: 4).Select(p => p[0]));
        // axes are paired at random, not along the diagonal
        Assert.NotEqual(pts.Select(p => (int)(p[0] * n)), pts.Select(p => (int)(p[1] * n)));
    }

    [Fact]
    public void Sobol_points_start_as_published_and_stratify_every_axis()
    {
        var p = SobolSequence.Points(4, 2);
        Assert.Equal(new[] { 0.0, 0.0 }, p[0]);
        Assert.Equal(new[] { 0.5, 0.5 }, p[1]);
        Assert.Equal(new[] { 0.75, 0.25 }, p[2]);
        Assert.Equal(new[] { 0.25, 0.75 }, p[3]);
        const int n = 256, d = SobolSequence.MaxDimensions;
        var pts = SobolSequence.Points(n, d);
        for (int j = 0; j < d; j++)
            Assert.Equal(Enumerable.Range(0, n), pts.Select(q => (int)Math.Floor(q[j] * n)).Order());
        // (0, m, 2)-net property of the first two axes: each of the 16 × 16 boxes of area 1/256 holds one point
        Assert.Equal(n, pts.Select(q => ((int)(q[0] * 16), (int)(q[1] * 16))).Distinct().Count());
    }

    [Fact]
    public void A_random_design_maps_samples_into_ranges_and_lists()
    {
        var sweep = new SweepSpec
        {
            Mode = SweepMode.Random, Samples = 64, Method = SamplingMethod.Sobol,
            Parameters = [Range("g", 0.01, 1, "nS", log: true), List("f", "1 Hz", "2 Hz")],
        };
        var runs = StudyDesign.Plan(sweep, 1);
        Assert.Equal(64, runs.Count);
        var g = runs.Select(r => double.Parse(r.Parameters[0].Value.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.All(g, v => Assert.InRange(v, 0.01, 1));
        // log scale: half the points below the geometric mean 0.1
        Assert.Equal(32, g.Count(v => v < 0.1));
        Assert.Equal(32, runs.Count(r => r.Parameters[1].Value == "2 Hz"));
    }
}
