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

/// <summary>scenarios/neuroimmune-loop.yaml: activity → ATP → microglia → BDNF and IL-1β → more activity, cut by a P2X4 antagonist.</summary>
[Trait("Category", "Slow")]
public class NeuroimmuneLoopTests
{
    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public void The_same_barrage_drives_projection_neurons_harder_as_microglia_activate_unless_p2x4_is_blocked(int seed)
    {
        double Rate(CircuitSim.Recording.SimulationResult r, string name) => r.ResponseRate(name);
        var loop = ScenarioRuns.Run("neuroimmune-loop.yaml", $"seed={seed}", "record.figures=false");
        var cut = ScenarioRuns.Run("neuroimmune-loop.yaml", $"seed={seed}", "record.figures=false", "interventions.p2x4={at: 0 s, drug: P2X4_antagonist, dose: 0.95}");
        double rise = Rate(loop, "pn_late") - Rate(loop, "pn_early"), riseCut = Rate(cut, "pn_late") - Rate(cut, "pn_early");
        Assert.True(Rate(loop, "pn_late") >= 3 * Rate(loop, "pn_early") + 0.05, $"PN {Rate(loop, "pn_early"):G3} → {Rate(loop, "pn_late"):G3} Hz");
        Assert.True(Rate(loop, "wdr_late") > 1.2 * Rate(loop, "wdr_early"), $"WDR {Rate(loop, "wdr_early"):G3} → {Rate(loop, "wdr_late"):G3} Hz");
        Assert.True(riseCut < 0.5 * rise, $"P2X4 block: PN rise {riseCut:G3} Hz against {rise:G3} Hz");
        Assert.True(loop.FinalEAnion("PN") > cut.FinalEAnion("PN") + 2, $"E_anion {loop.FinalEAnion("PN"):G3} vs {cut.FinalEAnion("PN"):G3} mV");
    }
}
