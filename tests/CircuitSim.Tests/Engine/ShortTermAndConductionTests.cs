using CircuitSim.Engine;
using CircuitSim.Model;
using CircuitSim.Stimuli;

namespace CircuitSim.Tests.Engine;

/// <summary>Short-term synaptic dynamics, activity-dependent conduction slowing and ectopic fibre fractions.</summary>
public class ShortTermAndConductionTests
{
    private static ScenarioSpec OneFibreOntoOneNeuron(double durationMs, int pulses, double hz, FibreClass fibre = FibreClass.Adelta, double? distanceUm = null)
    {
        var spec = Specs.Empty("stp", durationMs);
        spec.Populations.Add(new PopulationSpec { Name = "A", Kind = PopulationKind.Afferent, Count = 1, Fibre = fibre, ConductionDistanceUm = distanceUm, VelocityJitter = 0 });
        var n = Specs.Neurons("N", 1, "lif", ("VT", 100));
        n.Receptors["fast"] = new ReceptorSpec { TauRiseMs = 0, TauDecayMs = 2, ReversalMv = 0 };
        spec.Populations.Add(n);
        var pr = new ProjectionSpec { Name = "A_N", From = "A", To = "N", DelayMs = 1, Connect = new ConnectSpec { Rule = ConnectRule.All } };
        pr.Receptors["fast"] = 1;
        spec.Projections.Add(pr);
        spec.Stimuli.Add(new StimulusSpec { Name = "train", Target = "A", Protocol = StimulusProtocol.PulseTrain, StartMs = 10, Count = pulses, FrequencyHz = hz });
        spec.Record.Traces.Add(new TraceSpec { Population = "N", Variables = { "g_fast" }, EveryMs = 0.1 });
        return spec;
    }

    /// <summary>The conductance jump at each arrival (the channel decays between 50 ms pulses to nothing).</summary>
    private static List<double> Jumps(CircuitSim.Recording.TraceData t)
    {
        var g = t.Values;
        var jumps = new List<double>();
        for (int k = 1; k < g.GetLength(0); k++)
            if (g[k, 0] > g[k - 1, 0] + 1e-4) jumps.Add(g[k, 0] - g[k - 1, 0] * Math.Exp(-0.1 / 2));
        return jumps;
    }

    [Fact]
    public void Tsodyks_markram_depression_scales_each_spike_by_u_times_x_over_U()
    {
        var spec = OneFibreOntoOneNeuron(300, 5, 20);
        spec.Projections[0].Stp = new StpSpec { U = 0.5, TauRecMs = 500, TauFacMs = 0 };
        var jumps = Jumps(Runner.Run(spec, new RunOptions()).Traces[0]);
        Assert.Equal(5, jumps.Count);
        // x_{k+1} = 1 + (x_k − U x_k − 1)·e^(−50/500), release u·x/U with u = U
        double x = 1, d = Math.Exp(-50.0 / 500);
        var expected = new List<double> { 1 };
        for (int k = 1; k < 5; k++) { x = 1 + (x - 0.5 * x - 1) * d; expected.Add(x); }
        for (int k = 0; k < 5; k++) Assert.Equal(expected[k] / expected[0], jumps[k] / jumps[0], 3);
        Assert.True(jumps[4] < 0.6 * jumps[0], "a 20 Hz train depresses a U = 0.5 synapse");
        // without stp every spike has the same weight
        var plain = Jumps(Runner.Run(OneFibreOntoOneNeuron(300, 5, 20), new RunOptions()).Traces[0]);
        Assert.All(plain, j => Assert.Equal(plain[0], j, 5));
    }

    [Fact]
    public void Facilitation_raises_the_second_spike()
    {
        var spec = OneFibreOntoOneNeuron(120, 2, 20);
        spec.Projections[0].Stp = new StpSpec { U = 0.1, TauRecMs = 1, TauFacMs = 500 };
        var jumps = Jumps(Runner.Run(spec, new RunOptions()).Traces[0]);
        // u2 = U + U(1 − U)e^(−50/500), x recovered (τ_rec 1 ms): scale u2/U
        double u2 = 0.1 + 0.1 * 0.9 * Math.Exp(-0.1);
        Assert.Equal(u2 / 0.1, jumps[1] / jumps[0], 3);
    }

    [Fact]
    public void C_fibre_latency_lengthens_with_activity_and_recovers()
    {
        // 100 mm at 1 m/s: 100 ms; κ 1 % per impulse, recovery 2 s: the k-th of a 4 Hz train is slowed by Σ κ e^(−Δt/τ)
        var spec = OneFibreOntoOneNeuron(12_000, 10, 4, FibreClass.C, 100_000);
        spec.Populations[0].SlowingPerSpike = 0.01;
        spec.Populations[0].SlowingRecoveryMs = 2000;
        spec.Stimuli.Add(new StimulusSpec { Name = "late", Target = "A", Protocol = StimulusProtocol.PulseTrain, StartMs = 11_000, Count = 1, FrequencyHz = 1 });
        var t = Runner.Run(spec, new RunOptions()).Traces[0];
        var arrivals = new List<double>();
        // sample k is the state after step k − 1: an arrival at step s shows as a jump at sample s + 1
        for (int k = 1; k < t.Values.GetLength(0); k++) if (t.Values[k, 0] > t.Values[k - 1, 0] + 1e-4) arrivals.Add((k - 1) * 0.1);
        Assert.Equal(11, arrivals.Count);
        double s = 0;
        for (int k = 0; k < 10; k++)
        {
            double latency = arrivals[k] - (10 + 250 * k);
            Assert.InRange(latency, 100 * (1 + s) + 1 - 0.15, 100 * (1 + s) + 1 + 0.15); // + 1 ms synaptic delay, ± rounding to a step
            s = (s + 0.01) * Math.Exp(-250.0 / 2000); // this impulse's slowing, decayed until the next
        }
        Assert.True(arrivals[9] - (10 + 250 * 9) > 104, "ten impulses at 4 Hz slow conduction by > 3 %");
        // 8.75 s later the slowing has recovered to within 0.1 ms
        Assert.InRange(arrivals[10] - 11_000, 100.9, 101.2);
    }

    [Fact]
    public void Only_the_ectopic_fraction_of_fibres_fires_ectopically()
    {
        var spec = Specs.Empty("ectopic", 5000);
        spec.Populations.Add(new PopulationSpec { Name = "C", Kind = PopulationKind.Afferent, Count = 400, Fibre = FibreClass.C, EctopicRateHz = 2, EctopicFraction = 0.25 });
        spec.Populations.Add(Specs.Neurons("N", 1, "lif"));
        var r = Runner.Run(spec, new RunOptions());
        var fired = r.Spikes.Single(s => s.Population == "C").NodeIds.Distinct().Count();
        // 25 % of 400 fibres at 2 Hz for 5 s: ~100 fibres fire, each ~10 times; the other 300 never do
        Assert.InRange(fired, 80, 120);
        var all = Runner.Run(WithFraction(spec, 1), new RunOptions()).Spikes.Single(s => s.Population == "C").NodeIds.Distinct().Count();
        Assert.True(all > 390, $"{all} fibres fire with fraction 1");
    }

    private static ScenarioSpec WithFraction(ScenarioSpec spec, double f) { spec.Populations[0].EctopicFraction = f; return spec; }
}
