namespace CircuitSim.Tests.Validation;

/// <summary>
/// Validation targets V1–V3 and V5–V7 of shared/VALIDATION.md, each on its scenario, all on the
/// one base circuit (scenarios/base/dorsal-horn.yaml). V4 is in FiringPatternTests.
/// </summary>
[Trait("Category", "Slow")]
public class DorsalHornValidationTests
{
    [Fact]
    public void V1_WindupRisesAtOneHertzButNotAtOneTenthHertz()
    {
        var r = ScenarioRuns.Run("windup.yaml");
        var fast = r.Windup("windup_fast");
        var slow = r.Windup("windup_slow");
        Assert.Equal(16, fast.SpikesPerStimulus.Length);
        Assert.True(fast.SpikesPerStimulus[0] > 0.3, $"first response {fast.SpikesPerStimulus[0]}");
        Assert.True(fast.RatioLastFirst >= 2.5, $"1 Hz: last/first = {fast.RatioLastFirst}");
        Assert.True(fast.WindupIndex >= 1.0, $"1 Hz wind-up index {fast.WindupIndex}");
        Assert.InRange(slow.WindupIndex, -0.25, 0.25);
        Assert.True(fast.WindupIndex > 5 * Math.Max(slow.WindupIndex, 0.1));
        // the response rises progressively: each quarter of the train above the previous
        var q = Enumerable.Range(0, 4).Select(k => fast.SpikesPerStimulus.Skip(4 * k).Take(4).Average()).ToArray();
        for (int k = 1; k < 4; k++) Assert.True(q[k] >= q[k - 1], $"quarter {k}: {q[k]} < {q[k - 1]}");
    }

    [Fact]
    public void V2_KetamineCutsWindupButNotTheFirstResponse()
    {
        var control = ScenarioRuns.Run("windup.yaml").Windup("windup_fast");
        var ketamine = ScenarioRuns.Run("windup-ketamine.yaml").Windup("windup_fast");
        double firstDrop = 1 - ketamine.SpikesPerStimulus[0] / control.SpikesPerStimulus[0];
        double lastDrop = 1 - ketamine.SpikesPerStimulus[^1] / control.SpikesPerStimulus[^1];
        Assert.True(Math.Abs(firstDrop) <= 0.2, $"first response changed by {firstDrop:P0}");
        Assert.True(lastDrop >= 0.5, $"last response fell by {lastDrop:P0}");
        Assert.True(ketamine.WindupIndex <= 0.4 * control.WindupIndex, $"wind-up index {ketamine.WindupIndex} vs {control.WindupIndex}");
    }

    private static double MeanV(CircuitSim.Recording.TraceData v, double fromMs, double toMs)
    {
        double sum = 0; int n = 0;
        for (int k = 0; k < v.Values.GetLength(0); k++)
        {
            double t = k * v.EveryMs;
            if (t < fromMs || t >= toMs) continue;
            for (int j = 0; j < v.Values.GetLength(1); j++) { sum += v.Values[k, j]; n++; }
        }
        return sum / n;
    }

    [Fact]
    public void V3_SlowNk1DepolarisationSummatesAndTheAntagonistRemovesItButNotTheFastResponse()
    {
        var control = ScenarioRuns.Run("nk1-slow-epsp.yaml");
        var blocked = ScenarioRuns.Run("nk1-slow-epsp.yaml",
            "interventions.nk1.at=0s", "interventions.nk1.drug=NK1_antagonist", "interventions.nk1.dose=1");
        var vc = control.Traces.Single(t => t.Variable == "v");
        var vb = blocked.Traces.Single(t => t.Variable == "v");
        double baseline = MeanV(vc, 0, 2000);
        // after the 10th volley (11 s) the depolarisation outlasts the train by seconds
        double afterC = MeanV(vc, 12_000, 14_000) - baseline, afterB = MeanV(vb, 12_000, 14_000) - MeanV(vb, 0, 2000);
        double lateC = MeanV(vc, 16_000, 20_000) - baseline;
        Assert.True(afterC > 3, $"slow depolarisation {afterC:F2} mV 1-3 s after the train");
        Assert.True(lateC > 0.5, $"still {lateC:F2} mV 5-9 s after the train");
        Assert.True(afterB < 0.5, $"with the antagonist: {afterB:F2} mV");
        // it summates: depolarisation before the 10th volley exceeds that before the 2nd
        Assert.True(MeanV(vc, 10_800, 11_000) - baseline > 2 * (MeanV(vc, 2_800, 3_000) - baseline));
        // the fast response to a single volley (at 40 s, C latency ~150 ms) survives the antagonist
        double singleC = control.PerNeuron("PN", 40_000, 40_600), singleB = blocked.PerNeuron("PN", 40_000, 40_600);
        Assert.True(singleC > 0.5, $"single-volley response {singleC}");
        Assert.InRange(singleB, 0.7 * singleC, 1.3 * singleC);
    }

    [Fact]
    public void V5_AbetaActivityGatesTheWdrResponseToC()
    {
        var r = ScenarioRuns.Run("gate-control.yaml");
        double Evoked(double at) => r.PerNeuron("WDR", at + 150, at + 600) - r.PerNeuron("WDR", at - 450, at);
        // mean over five volleys each (0.1 Hz: no wind-up), alone from 2 s and with Abeta firing from 57 s
        double alone = Enumerable.Range(0, 5).Average(k => Evoked(2000 + 10_000 * k));
        double withAbeta = Enumerable.Range(0, 5).Average(k => Evoked(57_000 + 10_000 * k));
        Assert.True(alone >= 0.5, $"C-evoked WDR response alone {alone}");
        Assert.True(withAbeta <= 0.6 * alone, $"with Abeta firing {withAbeta} vs alone {alone}");
        // through inhibitory interneurons: PV fire while Abeta fibres fire, not before
        Assert.True(r.PerNeuron("PV", 50_000, 100_000) > 10 * Math.Max(r.PerNeuron("PV", 0, 50_000), 0.1));
    }

    [Fact]
    public void V6_BlockingInhibitionUnmasksNmdaDependentAbetaInputToProjectionNeurons()
    {
        var r = ScenarioRuns.Run("disinhibition.yaml");
        double before = r.PerNeuron("PN", 1000, 3100), after = r.PerNeuron("PN", 6000, 8100);
        Assert.True(before <= 0.1, $"PN answer touch before the block: {before} spikes/neuron");
        Assert.True(after >= 5, $"PN after bicuculline + strychnine: {after} spikes/neuron");
        // polysynaptic: the excitatory interneurons of the pathway fire before the PN do
        Assert.True(r.PerNeuron("TC", 6000, 8100) > 1);
        var apv = ScenarioRuns.Run("disinhibition.yaml", "interventions.apv.at=4s", "interventions.apv.drug=APV", "interventions.apv.dose=1");
        double afterApv = apv.PerNeuron("PN", 6000, 8100);
        Assert.True(afterApv <= 0.6 * after, $"with APV {afterApv} vs {after}: NMDA-dependent");
    }

    [Fact]
    public void V7_RaisingTheAnionReversalTurnsInhibitionIntoExcitation()
    {
        double Response(params string[] sets) => ScenarioRuns.Run("chloride-shift.yaml", sets).PerNeuron("PN", 0, 6000);
        var ecl = new[] { -70, -65, -60, -55, -50, -45 };
        var resp = ecl.Select(e => Response($"populations.PN.params.ECl={e}mV")).ToArray();
        double none = Response("projections.DYN_PN.receptors.GABA_A=0nS", "projections.DYN_PN.receptors.glycine=0nS");
        Assert.True(none >= 3, $"response without PN inhibition {none}");
        for (int k = 1; k < resp.Length; k++) Assert.True(resp[k] >= resp[k - 1], $"ECl {ecl[k]}: {resp[k]} < {resp[k - 1]} at {ecl[k - 1]}");
        Assert.True(resp[0] <= 0.2 * none, $"at -70 mV: {resp[0]} vs {none} without inhibition");
        Assert.True(resp[3] >= 0.7 * none, $"at -55 mV disinhibition is about complete: {resp[3]} vs {none}");
        Assert.True(resp[4] > 1.2 * none, $"at -50 mV inhibition excites: {resp[4]} vs {none}");
        Assert.True(resp[5] > resp[4], $"at -45 mV more so: {resp[5]} vs {resp[4]}");
    }
}
