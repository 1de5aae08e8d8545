using CircuitSim.Validation;

namespace CircuitSim.Tests.Validation;

/// <summary>
/// Validation targets V9–V11 of shared/VALIDATION.md (the neuroimmune ones) on the base circuit, each on the five test
/// seeds (<see cref="Targets.TestSeeds"/>): a target holds when its criteria hold on the median and on most seeds.
/// </summary>
[Trait("Category", "Slow")]
public class NeuroimmuneValidationTests
{
    private static void AssertHolds(TargetSummary s)
    {
        var why = string.Join("; ", s.MedianFailures.Select(f => "median: " + f)
            .Concat(s.PerSeed.Where(r => !r.Passed).Select(r => $"seed {r.Seed}: {string.Join(", ", r.Failures)}")));
        Assert.True(s.Passed, $"{s.Id} holds on {s.SeedsPassed}/{s.PerSeed.Count} seeds; {why}");
    }

    private static TargetSummary Evaluate(string id) =>
        Targets.Find(id).Evaluate(Targets.TestSeeds, Array.Empty<string>(), Environment.ProcessorCount);

    [Fact]
    public void V9_after_nerve_injury_microglia_bdnf_shift_the_anion_reversal_and_touch_excites_projection_neurons_unless_trkb_or_p2x4_is_blocked() =>
        AssertHolds(Evaluate("V9"));

    [Fact]
    public void V10_tnf_raises_sepsc_frequency_il1b_raises_epscs_and_lowers_ipscs_il6_lowers_ipsc_frequency() => AssertHolds(Evaluate("V10"));

    [Fact]
    public void V11_minocycline_before_injury_prevents_hypersensitivity_and_from_day_5_suppresses_microglia_but_not_astrocytes()
    {
        // the published "late minocycline does not reverse the hypersensitivity" is a known deviation (see the target)
        var s = Evaluate("V11");
        AssertHolds(s);
    }
}
