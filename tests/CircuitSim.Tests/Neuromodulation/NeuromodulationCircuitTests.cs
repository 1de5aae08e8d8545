using CircuitSim.Engine;
using CircuitSim.Model;
using CircuitSim.Scenarios;
using CircuitSim.Tests.Scenarios;
using CircuitSim.Tests.Validation;

namespace CircuitSim.Tests.Neuromodulation;

/// <summary>Substances, receptors and their effects on a small circuit and on the base circuit with a brainstem.</summary>
public class NeuromodulationCircuitTests
{
    /// <summary>C fibres onto WDR-like neurons; descending fibres releasing noradrenaline that acts on the C terminals and opens GIRK.</summary>
    private const string Circuit =
        """
        name: modulated
        duration: 4 s
        populations:
          C: { kind: afferent, fibre: C, count: 40 }
          N: { kind: neuron, model: adex, preset: tonic, count: 20, noise: { sigma: 30 pA, tau: 5 ms } }
          LC: { kind: descending, count: 10, rate: 4 Hz, transmitter: noradrenaline }
        projections:
          C_N: { from: C, to: N, connect: { rule: fan_in, n: 10 }, receptors: { AMPA: 2 nS, NMDA: 0.5 nS } }
        substances:
          noradrenaline: { decay: 2 s, reuptake: { transporter: NET, tau: 500 ms, km: 0.4 uM }, release: 0.01 uM }
        modulation:
          presynaptic: { receptor: alpha2A, effect: release, from: C, max: -0.5 }
          girk: { receptor: alpha2A, effect: conductance, populations: N, max: 2 nS }
        stimuli:
          drive: { target: C, protocol: poisson, rate: 10 Hz, start: 0 s }
        """;

    private static (double Rate, double Level, float Girk) RunCircuit(params string[] sets)
    {
        using var f = new ScenarioTestFiles();
        var spec = f.Load("m.yaml", Circuit, sets);
        var r = Runner.Run(spec, new RunOptions());
        double rate = r.PerNeuron("N", 1000, 4000) / 3;
        var st = r.Substances!;
        double level = st.Levels[st.Samples - 1, 0];
        return (rate, level, 0);
    }

    [Fact]
    public void Descending_noradrenaline_reaches_the_level_its_release_and_clearance_give_and_inhibits_the_target()
    {
        var (rate, level, _) = RunCircuit();
        // steady state L of a release R = 10 fibres × 4 Hz × 0.01 µM = 0.4 µM/s against clearance
        // k(L) = 1/(2 s) + (0.4 µM / 0.5 s)/(0.4 µM + L): L·k(L) = R at L ≈ 0.24 µM
        Assert.InRange(level, 0.18, 0.30);
        var (rateCut, levelCut, _) = RunCircuit("populations.LC.release=0uM");
        Assert.Equal(0, levelCut);
        Assert.True(rateCut > 1.3 * rate, $"without noradrenaline {rateCut:F2} Hz, with {rate:F2} Hz");
    }

    [Fact]
    public void Each_effect_acts_alone_in_its_direction()
    {
        var (baseline, _, _) = RunCircuit("modulation.presynaptic=null", "modulation.girk=null");
        var (pre, _, _) = RunCircuit("modulation.girk=null");
        var (girk, _, _) = RunCircuit("modulation.presynaptic=null");
        var (facilitation, _, _) = RunCircuit("modulation.girk=null", "modulation.presynaptic.max=1");
        Assert.True(pre < baseline, $"presynaptic inhibition: {pre:F2} vs {baseline:F2} Hz");
        Assert.True(girk < baseline, $"GIRK: {girk:F2} vs {baseline:F2} Hz");
        Assert.True(facilitation > baseline, $"presynaptic facilitation: {facilitation:F2} vs {baseline:F2} Hz");
    }

    [Fact]
    public void A_modulated_circuit_gives_identical_spikes_with_one_two_and_four_threads()
    {
        using var f = new ScenarioTestFiles();
        var spec = f.Load("m.yaml", Circuit + "\ninterventions:\n  cut: { at: 2 s, set: { populations.LC.release: 0 uM } }\n");
        var one = Runner.Run(spec, new RunOptions(BackendKind.Simd, 1));
        foreach (int threads in new[] { 2, 4 })
        {
            var other = Runner.Run(spec, new RunOptions(BackendKind.Simd, threads));
            for (int p = 0; p < one.Spikes.Count; p++)
            {
                Assert.Equal(one.Spikes[p].NodeIds, other.Spikes[p].NodeIds);
                Assert.Equal(one.Spikes[p].TimesMs, other.Spikes[p].TimesMs);
            }
            Assert.Equal(one.Substances!.Levels.Cast<float>(), other.Substances!.Levels.Cast<float>());
        }
    }

    [Theory]
    [InlineData("substances.noradrenaline={release: 0.01 uM}", "substances.noradrenaline", "never cleared")]
    [InlineData("modulation.girk.channel=AMPA", "modulation.girk.channel", "already has a synaptic channel")]
    [InlineData("modulation.presynaptic.populations=[N]", "modulation.presynaptic.populations", "does not apply to effect release")]
    [InlineData("modulation.presynaptic.receptor=alpha2", "modulation.presynaptic.receptor", "did you mean 'alpha2A'")]
    [InlineData("modulation.presynaptic.from=N", "modulation.presynaptic", "needs the projections")]
    [InlineData("populations.LC.transmitter=adrenaline", "populations.LC.transmitter", "not a substance")]
    [InlineData("modulation.presynaptic.max=-2", "modulation.presynaptic.max", "must be at least -1")]
    public void Bad_neuromodulation_keys_are_refused_with_their_path(string set, string path, string message)
    {
        using var f = new ScenarioTestFiles();
        var errors = f.Errors("m.yaml", Circuit, set);
        var e = errors.FirstOrDefault(x => x.KeyPath == path);
        Assert.True(e is not null, string.Join("\n", errors));
        Assert.Contains(message, e!.Message);
    }

    [Fact]
    public void A_default_girk_channel_on_a_population_with_a_synaptic_girk_channel_is_refused()
    {
        using var f = new ScenarioTestFiles();
        // regression: the clash was checked only when 'channel' was written, and the tonic value overwrote the synaptic state
        var errors = f.Errors("m.yaml", Circuit, "projections.C_N.receptors={AMPA: 2 nS, GIRK: 1 nS}",
            "populations.N.receptors={GIRK: {decay: 100 ms, reversal: -90 mV}}");
        Assert.Contains(errors, e => e.KeyPath == "modulation.girk.channel" && e.Message.Contains("already has a synaptic channel 'GIRK'"));
    }

    [Fact]
    public void A_population_releases_into_a_pool_per_region_and_each_pool_acts_on_its_own_targets()
    {
        // two regions, each its own substance and receptor type; the deep pool clears faster
        using var f = new ScenarioTestFiles();
        var yaml = Circuit
            .Replace("transmitter: noradrenaline }", "transmitter: [na_superficial, na_deep] }")
            .Replace("  noradrenaline: { decay: 2 s, reuptake: { transporter: NET, tau: 500 ms, km: 0.4 uM }, release: 0.01 uM }",
                "  na_superficial: { decay: 2 s, release: 0.01 uM }\n  na_deep: { decay: 0.5 s, release: 0.01 uM }")
            .Replace("receptor: alpha2A, effect: release", "receptor: a2_deep, effect: release")
            .Replace("receptor: alpha2A, effect: conductance", "receptor: a2_superficial, effect: conductance")
            + "\nreceptor_types:\n  a2_superficial: { ligand: na_superficial, ec50: 0.3 uM }\n  a2_deep: { ligand: na_deep, ec50: 0.3 uM }\n";
        Assert.Contains("[na_superficial, na_deep]", yaml);
        var r = Runner.Run(f.Load("m.yaml", yaml), new RunOptions(BackendKind.Simd, 1));
        var st = r.Substances!;
        double sup = st.Levels[st.Samples - 1, Array.IndexOf(st.Substances, "na_superficial")];
        double deep = st.Levels[st.Samples - 1, Array.IndexOf(st.Substances, "na_deep")];
        // 40 spikes/s × 0.01 µM: steady states 0.4 µM/s × 2 s and × 0.5 s
        Assert.InRange(sup, 0.6, 1.0);
        Assert.InRange(deep, 0.12, 0.28);
    }

    [Fact]
    public void Presynaptic_inhibition_of_the_terminals_cuts_their_substance_p_release_too()
    {
        // regression of an omission: peptide release ignored the terminals' presynaptic modulation
        using var f = new ScenarioTestFiles();
        var yaml = Circuit.Replace("C: { kind: afferent, fibre: C, count: 40 }", "C: { kind: afferent, fibre: C, count: 40, peptides: [substance_P] }")
            .Replace("substances:\n", "substances:\n  substance_P: { decay: 20 s, release: 0.0001 uM }\n");
        Assert.Contains("substance_P: { decay", yaml);
        Assert.Contains("peptides", yaml);
        double Sp(params string[] sets)
        {
            var r = Runner.Run(f.Load("m.yaml", yaml, sets), new RunOptions(BackendKind.Simd, 1));
            var st = r.Substances!;
            return st.Levels[st.Samples - 1, Array.IndexOf(st.Substances, "substance_P")];
        }
        double withNa = Sp(), withoutNa = Sp("populations.LC.release=0uM");
        // alpha2A at ~0.24 µM noradrenaline (activation ~0.44) with max −0.5: release ×~0.78
        Assert.InRange(withNa / withoutNa, 0.70, 0.86);
    }

    [Fact]
    public void Reset_rebuilds_the_neuromodulators_and_a_rerun_equals_a_fresh_run()
    {
        // the schedule's neuromodulation phases belong to the network: a reset must rebuild them with the pools
        using var f = new ScenarioTestFiles();
        var spec = f.Load("m.yaml", Circuit + "\ninterventions:\n  cut: { at: 2 s, set: { populations.LC.release: 0 uM } }\n");
        double[] Levels(Simulation sim) => new[] { sim.Network.Neuromodulators!.Pools.Level[0] };
        var fresh = new Simulation(NetworkBuilder.Build(spec), BackendKind.Simd, 1, () => NetworkBuilder.Build(spec));
        fresh.RunUntil(15_000);
        var expected = Levels(fresh);
        var sim = new Simulation(NetworkBuilder.Build(spec), BackendKind.Simd, 1, () => NetworkBuilder.Build(spec));
        sim.RunUntil(25_000); // past the cut
        sim.Reset();
        Assert.Equal(0, sim.Network.Neuromodulators!.Pools.Level[0]);
        sim.RunUntil(15_000);
        Assert.Equal(expected, Levels(sim));
        Assert.Equal(1, sim.Schedule.Count(p => p.Name == "neuromodulation"));
    }

    [Fact]
    public void Modulation_without_substances_is_refused_not_ignored()
    {
        using var f = new ScenarioTestFiles();
        var yaml = ScenarioTestFiles.Base + "modulation: { x: { receptor: alpha2A, effect: release, from: C, max: -0.5 } }\n";
        var errors = f.Errors("x.yaml", yaml);
        Assert.Contains(errors, e => e.KeyPath == "modulation" && e.Message.Contains("has none"));
    }
}
