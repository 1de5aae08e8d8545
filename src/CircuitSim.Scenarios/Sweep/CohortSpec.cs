namespace CircuitSim.Scenarios;

/// <summary>
/// A virtual patient cohort (<c>sweep.cohort</c>): patients sampled from distributions of expression
/// z-scores (normal, mean and sd per gene; default N(0, 1) for every profiled gene), or read from
/// a CSV of per-patient z-scores (a column <c>patient</c> and one column per gene).
/// </summary>
public sealed class CohortSpec
{
    public int Size { get; init; }
    public ulong? Seed { get; init; }

    /// <summary>The CSV of per-patient z-scores, as a full path; null when the cohort is sampled.</summary>
    public string? Table { get; init; }

    public IReadOnlyList<GeneDistribution> Expression { get; init; } = [];
    public string Where { get; init; } = "";
}

public sealed record GeneDistribution(string Gene, double Mean, double Sd);

/// <summary>
/// What a gene's expression does to the model (<c>sweep.profiles.GENE</c>): each effect changes one
/// key path from the scenario's value v to v · fold^z + shift · z for expression z-score z, kept
/// within [min, max]; <see cref="Source"/> says where the direction and size come from.
/// </summary>
public sealed record GeneProfile(string Gene, string Source, IReadOnlyList<ProfileEffect> Effects, string Where);

/// <param name="Fold">Multiplier per standard deviation of expression (1: none).</param>
/// <param name="Shift">Added per standard deviation, in <see cref="ShiftUnit"/> (the unit of the scenario's value).</param>
public sealed record ProfileEffect(string Path, double Fold, double Shift, string ShiftUnit, double? Min, double? Max, string Where);

/// <summary>
/// Stratification of a cohort (<c>sweep.stratify</c>): patients clustered on their phenotypes (metric
/// columns of the base arm), and each intervention arm's relative change in the outcome metric.
/// </summary>
public sealed class StratifySpec
{
    public IReadOnlyList<string> Phenotypes { get; init; } = [];
    public int Clusters { get; init; } = 3;
    public string? Outcome { get; init; }

    /// <summary>A patient responds to an arm when the outcome falls by at least this fraction (0.3: the IMMPACT "moderate" benefit).</summary>
    public double ResponderDrop { get; init; } = 0.3;

    public string BaseArm { get; init; } = "base";
    public string Where { get; init; } = "";
}
