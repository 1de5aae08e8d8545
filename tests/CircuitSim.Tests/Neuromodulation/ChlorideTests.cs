using CircuitSim.Engine;
using CircuitSim.Model;
using CircuitSim.Tests.Scenarios;
using CircuitSim.Tests.Validation;

namespace CircuitSim.Tests.Neuromodulation;

public class ChlorideTests
{
    private const string Circuit =
        """
        name: chloride
        duration: 30 s
        populations:
          I: { kind: afferent, fibre: Abeta, count: 20 }
          N: { kind: neuron, model: adex, preset: tonic, count: 4, params: { ECl: -70 mV }, chloride: { extrusion_tau: 2 s, kcc2: 0.5 } }
        projections:
          I_N: { from: I, to: N, connect: { rule: all }, receptors: { GABA_A: 2 nS } }
        """;

    private static double EAnion(string yaml, params string[] sets)
    {
        using var f = new ScenarioTestFiles();
        var net = NetworkBuilder.Build(f.Load("c.yaml", yaml, sets));
        var sim = new Simulation(net, BackendKind.Simd, 1);
        sim.Run();
        return net.Neuromodulators!.Chloride!.Populations[0].MeanEAnion;
    }

    private static double Reversal(double clIn) =>
        8.314462 * 310.15 / 96485.332 * 1000 * Math.Log((clIn + 0.2 * 16) / (130 + 0.2 * 26));

    [Fact]
    public void Without_activity_chloride_settles_where_the_leak_balances_kcc2_and_halving_kcc2_doubles_it()
    {
        // at normal KCC2 [Cl]i gives ECl = −70 mV; at half KCC2 the same leak holds twice the chloride
        double rest = (130 + 0.2 * 26) * Math.Exp(-70 / (8.314462 * 310.15 / 96485.332 * 1000)) - 0.2 * 16;
        double e = EAnion(Circuit);
        Assert.InRange(e, Reversal(2 * rest) - 0.05, Reversal(2 * rest) + 0.05);
        Assert.InRange(EAnion(Circuit, "populations.N.chloride.kcc2=1"), -70.05, -69.95);
    }

    [Fact]
    public void An_inhibitory_barrage_on_depolarised_neurons_loads_chloride_and_raises_the_reversal()
    {
        // the neurons sit above ECl (bias current), so GABA_A current is outward: Cl⁻ flows in
        string busy = Circuit + "\nstimuli:\n  barrage: { target: I, protocol: poisson, rate: 40 Hz, start: 0 s }\n";
        double quiet = EAnion(Circuit, "populations.N.chloride.kcc2=1", "populations.N.params.I_bias=40pA");
        double loaded = EAnion(busy, "populations.N.chloride.kcc2=1", "populations.N.params.I_bias=40pA");
        Assert.True(loaded > quiet + 0.5, $"E_anion {quiet:F2} mV quiet, {loaded:F2} mV under the barrage");
    }

    [Fact]
    public void Slow_clock_is_accepted_for_chloride_alone_and_ecl_cannot_be_set_under_chloride_dynamics()
    {
        using var f = new ScenarioTestFiles();
        // regression: slow_clock was refused whenever there were no substances, though chloride runs on it
        var spec = f.Load("c.yaml", Circuit + "\nslow_clock: 2 ms\n");
        Assert.Equal(20, spec.ModulationEvery);
        var errors = f.Errors("c.yaml", Circuit + "\ninterventions:\n  e: { at: 1 s, set: { populations.N.params.ECl: -50 mV } }\n");
        Assert.Contains(errors, e => e.Message.Contains("ECl follows its chloride"));
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void Bdnf_from_c_fibres_lowers_kcc2_and_moves_the_anion_reversal_unless_trkb_is_blocked()
    {
        var r = ScenarioRuns.Run("bdnf-kcc2.yaml", "record.figures=false");
        var st = r.Substances!;
        int e = Array.IndexOf(st.ChlorideColumns, "PN_E_anion_mV"), k = Array.IndexOf(st.ChlorideColumns, "PN_KCC2");
        Assert.InRange(st.Chloride[200, e], -70.1, -69.9);            // 2 s, before the barrage
        Assert.True(st.Chloride[st.Samples - 1, e] > -63, $"E_anion at the end {st.Chloride[st.Samples - 1, e]:F1} mV");
        Assert.True(st.Chloride[st.Samples - 1, k] < 0.7);
        var blocked = ScenarioRuns.Run("bdnf-kcc2.yaml", "record.figures=false", "interventions.trkb={at: 0 s, drug: TrkB_antagonist, dose: 1}");
        Assert.InRange(blocked.Substances!.Chloride[blocked.Substances.Samples - 1, e], -70.5, -69.5);
    }

    [Fact]
    public void Chloride_loads_through_the_conductance_a_tissue_gain_leaves_on_gaba_a_not_the_full_weight()
    {
        // regression: the chloride load used the channel's drug block and modulation but not the tissue's local gain,
        // so a cytokine lowering GABA_A by half still loaded chloride at the full conductance
        string busy = Circuit + "\nstimuli:\n  drive: { target: I, protocol: poisson, rate: 20 Hz, start: 0 s }\n";
        string field = "tissue:\n  clock: 1 ms\n  fields:\n    IL1b: { diffusion: 0 um^2/s, bath: [ { level: 1 nM } ], acts_on: [ { populations: [N], on: GABA_A, max: -1, ec50: 1 nM } ] }\n";
        double lowered = EAnion(busy + field);            // 2 nS × (1 − 1·½) = 1 nS
        double weaker = EAnion(busy.Replace("GABA_A: 2 nS", "GABA_A: 1 nS"));
        double full = EAnion(busy);
        Assert.True(full > weaker + 0.5, $"the load matters here: {full:F2} vs {weaker:F2} mV");
        Assert.True(Math.Abs(weaker - lowered) < 0.05, $"a gain of ½ loads as half the weight: {lowered:F3} vs {weaker:F3} mV");
    }
}
