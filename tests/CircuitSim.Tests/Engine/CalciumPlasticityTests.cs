using CircuitSim.Engine;
using CircuitSim.Model;
using CircuitSim.Tests.Scenarios;

namespace CircuitSim.Tests.Engine;

/// <summary>The calcium-based rule (Graupner &amp; Brunel 2012, NMDA-gated calcium) on a small circuit.</summary>
public class CalciumPlasticityTests
{
    private const string Circuit =
        """
        name: plastic
        duration: 3 s
        populations:
          C: { kind: afferent, fibre: C, count: 20 }
          N: { kind: neuron, model: adex, preset: tonic, count: 10 }
        projections:
          C_N:
            from: C
            to: N
            connect: { rule: fan_in, n: 10 }
            receptors: { AMPA: 3 nS, NMDA: 1 nS }
            plasticity: { rule: calcium }
        stimuli:
          drive: { target: C, protocol: pulse_train, start: 0.5 s, count: 100, frequency: 100 Hz }
        record:
          weights: { projections: [C_N], every: 10 ms }
        """;

    private static Recording.WeightTrace Weights(string yaml, params string[] sets)
    {
        using var f = new ScenarioTestFiles();
        var r = Runner.Run(f.Load("p.yaml", yaml, sets), new RunOptions(BackendKind.Simd, 1));
        return Assert.Single(r.Weights);
    }

    [Fact]
    public void With_nmda_blocked_no_calcium_enters_and_no_weight_changes()
    {
        var w = Weights(Circuit + "\ninterventions:\n  apv: { at: 0 s, drug: APV, dose: 1 }\n");
        // every synapse starts UP or DOWN, where the rule's drift is zero: without calcium nothing moves
        Assert.All(w.MeanScale, x => Assert.Equal(w.MeanScale[0], x));
        Assert.All(w.FractionUp, x => Assert.Equal(w.FractionUp[0], x));
    }

    [Fact]
    public void Sustained_calcium_above_both_thresholds_drives_efficacy_to_gamma_p_over_gamma_p_plus_gamma_d()
    {
        // without NMDA gating every presynaptic spike adds c_pre = 3 (above theta_p = 1.3 for the whole train): ρ → γp/(γp+γd)
        var w = Weights(Circuit, "projections.C_N.plasticity.nmda_gated=false", "projections.C_N.plasticity.c_pre=3",
            "projections.C_N.plasticity.c_post=0", "projections.C_N.plasticity.tau=1s", "duration=1.5s");
        double rho = 321.808 / (321.808 + 200);
        // the mean scale of synapses all at ρ: (1 + 4ρ)/(1 + 4·0.5)
        double expected = (1 + 4 * rho) / 3;
        Assert.InRange(w.FinalScale.Average(x => (double)x), expected - 0.02, expected + 0.02);
    }

    [Fact]
    public void Plastic_weights_are_identical_for_one_two_and_four_threads()
    {
        using var f = new ScenarioTestFiles();
        var spec = f.Load("p.yaml", Circuit);
        var one = Runner.Run(spec, new RunOptions(BackendKind.Simd, 1));
        foreach (int threads in new[] { 2, 4 })
        {
            var other = Runner.Run(spec, new RunOptions(BackendKind.Simd, threads));
            Assert.Equal(one.Weights[0].FinalScale, other.Weights[0].FinalScale);
            Assert.Equal(one.Spikes[1].TimesMs, other.Spikes[1].TimesMs);
        }
    }

    [Fact]
    public void The_nmda_check_of_a_plastic_projection_sees_nmda_projections_declared_after_it()
    {
        // regression: the check ran while reading the projection, before later projections were known
        using var f = new ScenarioTestFiles();
        var yaml = Circuit.Replace("receptors: { AMPA: 3 nS, NMDA: 1 nS }", "receptors: { AMPA: 3 nS }")
            .Replace("\nstimuli:", "\n  C_N2: { from: C, to: N, connect: { rule: fan_in, n: 2 }, receptors: { NMDA: 1 nS } }\nstimuli:");
        Assert.Contains("C_N2", yaml);
        var spec = f.Load("p.yaml", yaml);
        Assert.NotNull(spec.Projections[0].Plasticity);
    }

    [Theory]
    [InlineData("projections.C_N.plasticity.third_factor=D1", "not a substance of the scenario")]
    [InlineData("projections.C_N.plasticity.rule=bcm", "expected one of: calcium, stdp, triplet")]
    [InlineData("projections.C_N.plasticity.tau_plus=10ms", "a key of the stdp and triplet rules")]
    [InlineData("projections.C_N.plasticity={rule: stdp, a3_plus: 0.01}", "a key of the triplet rule")]
    [InlineData("projections.C_N.plasticity.third_factor=D3", "unknown receptor type")]
    [InlineData("projections.C_N.plasticity.theta_p=0.5", "below theta_d")]
    [InlineData("record.weights=[C_N, D]", "unknown projection")]
    public void Bad_plasticity_keys_are_refused(string set, string message)
    {
        using var f = new ScenarioTestFiles();
        Assert.Contains(f.Errors("p.yaml", Circuit, set), e => e.Message.Contains(message));
    }
}
