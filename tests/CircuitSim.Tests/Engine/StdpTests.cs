using CircuitSim.Engine;
using CircuitSim.Model;
using CircuitSim.Tests.Scenarios;

namespace CircuitSim.Tests.Engine;

/// <summary>Pair and triplet STDP, and a third factor gating them.</summary>
public class StdpTests
{
    // one strong fibre per neuron: each presynaptic spike makes its neuron fire a few ms later (causal pairs)
    private const string Causal =
        """
        name: stdp
        duration: 3.2 s
        populations:
          C: { kind: afferent, fibre: Abeta, count: 10 }
          N: { kind: neuron, model: adex, preset: tonic, count: 10 }
        projections:
          C_N: { from: C, to: N, connect: { rule: one_to_one }, receptors: { AMPA: 30 nS }, plasticity: { rule: stdp } }
        stimuli:
          pairs: { target: C, protocol: pulse_train, start: 0.1 s, count: 60, frequency: 20 Hz }
        record:
          weights: [C_N]
        """;

    // weak fibres firing at random while the neurons fire on their own (a bias current): uncorrelated pairs
    private const string Uncorrelated =
        """
        name: stdp
        duration: 5 s
        populations:
          C: { kind: afferent, fibre: Abeta, count: 20 }
          N: { kind: neuron, model: adex, preset: tonic, count: 10, params: { I_bias: 500 pA } }
        projections:
          C_N: { from: C, to: N, connect: { rule: all }, receptors: { AMPA: 0.01 nS }, plasticity: { rule: stdp } }
        stimuli:
          noise: { target: C, protocol: poisson, rate: 20 Hz, start: 0 s }
        record:
          weights: [C_N]
        """;

    private static (double Mean, Recording.SimulationResult R) MeanScale(string yaml, params string[] sets)
    {
        using var f = new ScenarioTestFiles();
        var r = Runner.Run(f.Load("s.yaml", yaml, sets), new RunOptions(BackendKind.Simd, 1));
        return (r.Weights[0].FinalScale.Average(x => (double)x), r);
    }

    [Fact]
    public void Pre_before_post_pairs_potentiate_and_uncorrelated_firing_depresses_under_the_pair_rule()
    {
        var (causal, r) = MeanScale(Causal);
        Assert.True(r.Spikes[1].TimesMs.Length >= 500, "every presynaptic spike should make its neuron fire");
        Assert.True(causal > 1.1, $"causal pairs: mean weight ×{causal:F3}");
        // A−·τ− > A+·τ+ (Song et al. 2000): random timing depresses
        var (random, _) = MeanScale(Uncorrelated);
        Assert.True(random < 0.995, $"uncorrelated: mean weight ×{random:F4}");
    }

    [Fact]
    public void Under_the_triplet_rule_the_same_pairs_potentiate_more_at_higher_rates()
    {
        // Pfister & Gerstner 2006: potentiation needs post spikes close together (the slow post trace o)
        // a 6 nS synapse: exactly one postsynaptic spike per presynaptic one, so the pairs are the same at both rates
        string[] common = { "projections.C_N.plasticity={rule: triplet}", "projections.C_N.receptors.AMPA=6nS", "stimuli.pairs.count=6" };
        var (slow, rs) = MeanScale(Causal, common.Append("stimuli.pairs.frequency=2Hz").ToArray());
        var (fast, rf) = MeanScale(Causal, common.Append("stimuli.pairs.frequency=40Hz").ToArray());
        Assert.Equal(60, rs.Spikes[1].TimesMs.Length);
        Assert.Equal(60, rf.Spikes[1].TimesMs.Length);
        // measured: ×1.0004 at 2 Hz, ×1.028 at 40 Hz
        Assert.True(fast - 1 > 10 * (slow - 1) && fast > 1.01, $"six pairs at 2 Hz: ×{slow:F4}; at 40 Hz: ×{fast:F4}");
    }

    [Fact]
    public void A_third_factor_at_zero_activation_freezes_the_weights()
    {
        // D1 with dopamine present but never released: activation 0, so no change at all (a third factor whose
        // ligand is not a substance at all is refused by the loader)
        var (gated, _) = MeanScale(Causal + "\nsubstances:\n  dopamine: { decay: 1 s }\n", "projections.C_N.plasticity.third_factor=D1");
        Assert.Equal(1.0, gated, 12);
    }

    [Fact]
    public void Stdp_weights_are_identical_for_one_two_and_four_threads()
    {
        using var f = new ScenarioTestFiles();
        var spec = f.Load("s.yaml", Uncorrelated);
        var one = Runner.Run(spec, new RunOptions(BackendKind.Simd, 1));
        foreach (int threads in new[] { 2, 4 })
            Assert.Equal(one.Weights[0].FinalScale, Runner.Run(spec, new RunOptions(BackendKind.Simd, threads)).Weights[0].FinalScale);
    }
}
