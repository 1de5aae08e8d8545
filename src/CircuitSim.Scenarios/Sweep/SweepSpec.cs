using System.Globalization;

namespace CircuitSim.Scenarios;

/// <summary>How a study chooses its points: every combination, a space-filling sample, or a cohort of patients.</summary>
public enum SweepMode { Grid, Random, Cohort }

/// <summary>The space-filling design of <see cref="SweepMode.Random"/>.</summary>
public enum SamplingMethod { LatinHypercube, Sobol }

/// <summary>
/// The <c>sweep:</c> section of a scenario (SCENARIO.md), read by <c>circuitsim sweep</c>: which key
/// paths vary, over which values, how the points are chosen, and how many seeds each point runs.
/// </summary>
public sealed class SweepSpec
{
    public SweepMode Mode { get; init; } = SweepMode.Grid;
    public IReadOnlyList<SweepParameter> Parameters { get; init; } = [];

    /// <summary>Seeds per point: replicate r runs with the scenario's seed + r (the same seeds at every point).</summary>
    public int Replicates { get; init; } = 1;

    /// <summary>Points drawn in <see cref="SweepMode.Random"/>.</summary>
    public int Samples { get; init; }

    public SamplingMethod Method { get; init; } = SamplingMethod.LatinHypercube;

    /// <summary>Seed of a Latin hypercube's permutations (default: the scenario's seed).</summary>
    public ulong? DesignSeed { get; init; }

    /// <summary>Named variants run at every point (a drug, an injury), each a set of key-path overrides; none: one arm, "base".</summary>
    public IReadOnlyList<SweepArm> Arms { get; init; } = [];

    /// <summary>The patients of <see cref="SweepMode.Cohort"/>.</summary>
    public CohortSpec? Cohort { get; init; }

    /// <summary>Gene expression → parameter changes, applied per patient in <see cref="SweepMode.Cohort"/>.</summary>
    public IReadOnlyList<GeneProfile> Profiles { get; init; } = [];

    /// <summary>Clustering of patients on phenotypes and the intervention table; null: none.</summary>
    public StratifySpec? Stratify { get; init; }

    /// <summary>Figures drawn from the table when the study is complete.</summary>
    public IReadOnlyList<SweepFigure> Figures { get; init; } = [];

    /// <summary>Where the section was written (<c>file:line</c>), for messages about a point.</summary>
    public string Where { get; init; } = "";
}

/// <summary>A named set of overrides applied on top of a point (<c>sweep.arms.NAME</c>).</summary>
public sealed record SweepArm(string Name, IReadOnlyList<KeyValuePair<string, string>> Sets);

/// <summary>
/// One swept key path: either explicit <see cref="Values"/> (YAML text, set as written) or a numeric
/// range <see cref="From"/>–<see cref="To"/> in <see cref="Unit"/>, linear or logarithmic.
/// </summary>
public sealed class SweepParameter
{
    public required string Path { get; init; }

    /// <summary><c>file:line:column</c> of the parameter's key.</summary>
    public required string Where { get; init; }

    public IReadOnlyList<string>? Values { get; init; }
    public double From { get; init; }
    public double To { get; init; }

    /// <summary>The unit written after the numbers of a range ("nS", "Hz"); empty for a bare number.</summary>
    public string Unit { get; init; } = "";

    /// <summary>Grid points of a range (from and to included).</summary>
    public int Steps { get; init; }

    /// <summary>Points spaced evenly in log(value) (both ends positive).</summary>
    public bool Log { get; init; }

    /// <summary>Round a range's values to integers (a count).</summary>
    public bool Integer { get; init; }

    public bool IsRange => Values is null;

    /// <summary>The grid's values as text (a range: <see cref="Steps"/> points from From to To).</summary>
    public IReadOnlyList<string> GridValues()
    {
        if (Values is { } v) return v;
        var list = new List<string>(Steps);
        for (int i = 0; i < Steps; i++) list.Add(Format(At(Steps == 1 ? 0 : (double)i / (Steps - 1))));
        return list.Distinct().ToList(); // rounded to integers, two steps can meet: each value runs once
    }

    /// <summary>The value at u ∈ [0, 1): a point of the range, or the list item of that quantile.</summary>
    public string Sample(double u)
    {
        if (Values is { } v) return v[Math.Min(v.Count - 1, (int)Math.Floor(u * v.Count))];
        if (Integer && !Log)
        {
            // each whole number of [from, to] an equal share of [0, 1), the ends included
            double lo = Math.Ceiling(Math.Min(From, To)), hi = Math.Floor(Math.Max(From, To));
            return Format(Math.Min(hi, lo + Math.Floor(u * (hi - lo + 1))));
        }
        return Format(At(u));
    }

    private double At(double u)
    {
        double x = Log ? Math.Exp(Math.Log(From) + u * (Math.Log(To) - Math.Log(From))) : From + u * (To - From);
        return Integer ? Math.Round(x, MidpointRounding.AwayFromZero) : x;
    }

    private string Format(double x)
    {
        // 12 significant digits: 0.1 + 0.2 prints as 0.3, and the text reads back to the same double within 1e-12
        string n = double.Parse(x.ToString("G12", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture);
        return Unit.Length == 0 ? n : $"{n} {Unit}";
    }
}

/// <summary>
/// A figure of a study's table (<c>sweep.figures.NAME</c>): a <c>heatmap</c> of a metric's mean over
/// replicates against two swept parameters, or a <c>curve</c> of it against one (one line per arm,
/// a marker per run; <c>x_scale: log</c> for a dose-response curve); one PNG per arm for heat maps.
/// </summary>
public sealed record SweepFigure(string Name, string Type, string Metric, string X, string? Y, string Where, bool LogX = false);
