using CircuitSim.Engine;
using CircuitSim.Metrics;
using CircuitSim.Tests.Scenarios;

namespace CircuitSim.Tests.Synapses;

/// <summary>
/// Stochastic release, the PSC metric, and what a tissue field does to synapses where it is: a postsynaptic channel
/// gain shows in the events' amplitude, a presynaptic release factor in their frequency.
/// </summary>
public class ReleaseAndPscTests
{
    private const string Psc = "record:\n  spikes: [C, WDR]\n  figures: false\n  metrics:\n    epsc: { type: psc, population: WDR, receptor: AMPA, window: 0-2 s }\n";

    /// <summary>A field at the same level everywhere from 0.5 s: one puff spread at once by a very fast diffusion.</summary>
    private const string UniformField = "tissue:\n  clock: 1 ms\n  fields:\n    X:\n      diffusion: 1000000 um^2/s\n      puffs: [ { at: 0.5 s, x: 200 um, depth: 275 um, amount: 2.2 uM } ]\n";

    private static PscResult Run(ScenarioTestFiles f, string yaml, int threads = 1)
    {
        var r = Runner.Run(f.Load("t.yaml", yaml), new RunOptions(Threads: threads));
        return (PscResult)((Dictionary<string, object>)r.Extra["psc"])["epsc"];
    }

    [Fact]
    public void Every_arriving_spike_is_one_event_per_synapse_when_release_is_certain()
    {
        using var f = new ScenarioTestFiles();
        var spec = f.Load("t.yaml", ScenarioTestFiles.Base + Psc);
        var r = Runner.Run(spec, new RunOptions(Threads: 1));
        var psc = (PscResult)((Dictionary<string, object>)r.Extra["psc"])["epsc"];
        // the count from the connectivity: each C spike that arrived in the window (conduction ~50 ms, synapse 1 ms) times its row
        var net = NetworkBuilder.Build(spec);
        var pr = net.Projections.Single();
        var c = (SpikeSourcePopulation)pr.Source;
        var spikes = r.Spikes.Single(s => s.Population == "C");
        long expected = 0;
        for (int k = 0; k < spikes.TimesMs.Length; k++)
        {
            int i = spikes.NodeIds[k];
            double arrives = spikes.TimesMs[k] + c.ConductionSteps[i] * spec.DtMs;
            if (arrives < 2000 - spec.DtMs * pr.DelaySteps) expected += pr.RowStart[i + 1] - pr.RowStart[i];
        }
        Assert.True(expected > 50);
        Assert.Equal(expected, psc.Events);
        Assert.Equal(1.0, psc.MeanAmplitudeNs, 5);
        Assert.Equal(expected / 10.0 / 2.0, psc.FrequencyHz, 9);
    }

    [Fact]
    public void Release_with_probability_one_half_transmits_about_half_the_events_the_same_with_any_thread_count()
    {
        using var f = new ScenarioTestFiles();
        long all = Run(f, ScenarioTestFiles.Base + Psc).Events;
        string half = ScenarioTestFiles.Base.Replace("receptors: { AMPA: 1 nS, NMDA: 0.6 nS }", "receptors: { AMPA: 1 nS, NMDA: 0.6 nS }\n    release_probability: 0.5") + Psc;
        var runs = new[] { 1, 2, 4 }.Select(t => Run(f, half, t)).ToList();
        // binomial: mean all/2, sd sqrt(all)/2; 4 sd
        Assert.InRange(runs[0].Events, all / 2.0 - 2 * Math.Sqrt(all), all / 2.0 + 2 * Math.Sqrt(all));
        Assert.True(runs[0].Events < all);
        Assert.All(runs, x => Assert.Equal(runs[0].Events, x.Events));
    }

    [Fact]
    public void A_field_on_a_channel_scales_the_amplitude_and_a_field_on_release_scales_the_frequency()
    {
        using var f = new ScenarioTestFiles();
        string half = ScenarioTestFiles.Base.Replace("receptors: { AMPA: 1 nS, NMDA: 0.6 nS }", "receptors: { AMPA: 1 nS, NMDA: 0.6 nS }\n    release_probability: 0.5") + Psc;
        var control = Run(f, half + UniformField);
        // level 2.2 uM / 2200 cells = 1 nM = EC50: half of max
        var gain = Run(f, half + UniformField + "      acts_on: [ { populations: [WDR], on: AMPA, max: 1.0, ec50: 1 nM } ]\n");
        Assert.Equal(control.Events, gain.Events); // same draws, same events
        Assert.Equal(1.5, gain.MeanAmplitudeNs, 3);
        var release = Run(f, half + UniformField + "      acts_on: [ { populations: [C], on: release, max: 1.0, ec50: 1 nM } ]\n");
        Assert.Equal(1.0, release.MeanAmplitudeNs, 5);
        // probability 0.5 → 0.75 for the spikes after 0.5 s (all of them: the train starts at 1 s)
        double ratio = release.Events / (double)control.Events;
        Assert.InRange(ratio, 1.3, 1.7);
    }

    [Fact]
    public void A_psc_metric_on_a_receptor_no_input_carries_is_refused_with_its_line()
    {
        using var f = new ScenarioTestFiles();
        var e = Assert.Single(f.Errors("t.yaml", ScenarioTestFiles.Base + "record:\n  metrics:\n    ipsc: { type: psc, population: WDR, receptor: GABA_A, window: 0-2 s }\n"));
        Assert.Equal("record.metrics.ipsc.receptor", e.KeyPath);
        Assert.Contains("AMPA", e.Message);
    }

    [Fact]
    public void Counting_pscs_does_not_change_the_run()
    {
        // regression: the counted delivery multiplied in another order than the plain one, so recording PSCs could change spikes
        using var f = new ScenarioTestFiles();
        string strong = ScenarioTestFiles.Base.Replace("AMPA: 1 nS", "AMPA: 4 nS");
        var plain = Runner.Run(f.Load("t.yaml", strong + "record:\n  spikes: [C, WDR]\n  figures: false\n"), new RunOptions(Threads: 1));
        var counted = Runner.Run(f.Load("t.yaml", strong + Psc), new RunOptions(Threads: 1));
        var a = plain.Spikes.Single(s => s.Population == "WDR");
        var b = counted.Spikes.Single(s => s.Population == "WDR");
        Assert.True(a.TimesMs.Length > 0);
        Assert.Equal(a.TimesMs, b.TimesMs);
        Assert.Equal(a.NodeIds, b.NodeIds);
    }

    [Fact]
    public void Release_probability_with_plasticity_is_refused_rather_than_learning_from_failed_releases()
    {
        using var f = new ScenarioTestFiles();
        string yaml = ScenarioTestFiles.Base.Replace("receptors: { AMPA: 1 nS, NMDA: 0.6 nS }",
            "receptors: { AMPA: 1 nS, NMDA: 0.6 nS }\n    release_probability: 0.5\n    plasticity: { rule: calcium }");
        var e = Assert.Single(f.Errors("t.yaml", yaml));
        Assert.Equal("projections.C_WDR.release_probability", e.KeyPath);
    }
}
