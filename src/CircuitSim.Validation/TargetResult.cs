namespace CircuitSim.Validation;

/// <summary>One validation target on one network realisation: what was measured and which criteria failed.</summary>
public sealed record TargetResult(string Id, ulong Seed, IReadOnlyDictionary<string, double> Measures, IReadOnlyList<string> Failures)
{
    /// <summary>Published criteria this result misses that are known deviations of the model (reported, not failed on).</summary>
    public IReadOnlyList<string> Deviations { get; init; } = Array.Empty<string>();
    public bool Passed => Failures.Count == 0;
}

/// <summary>A target over several seeds: each seed's result, and the criteria checked on the median of every measure.</summary>
public sealed record TargetSummary(string Id, string Title, IReadOnlyList<TargetResult> PerSeed, IReadOnlyDictionary<string, double> Median,
    IReadOnlyList<string> MedianFailures)
{
    /// <summary>Known deviations from the published result, on the median (see <see cref="TargetResult.Deviations"/>).</summary>
    public IReadOnlyList<string> MedianDeviations { get; init; } = Array.Empty<string>();
    public int SeedsPassed => PerSeed.Count(r => r.Passed);
    /// <summary>Holds on the median and on most seeds (more than half).</summary>
    public bool Passed => MedianFailures.Count == 0 && SeedsPassed * 2 > PerSeed.Count;
}
