using CircuitSim.Model;
using CircuitSim.Scenarios;

namespace CircuitSim.Tests.Scenarios;

public class ScenarioLoaderTests
{
    [Fact]
    public void Base_circuit_loads_in_internal_units()
    {
        using var f = new ScenarioTestFiles();
        string path = f.Write("base.yaml", ScenarioTestFiles.Base);
        var s = ScenarioLoader.Load(path);

        Assert.Equal("base circuit", s.Name);
        Assert.Equal(path, s.SourceFile);
        Assert.Equal(2000, s.DurationMs);
        Assert.Equal(0.1, s.DtMs);
        Assert.Equal(1UL, s.Seed);
        Assert.Equal(BackendKind.Auto, s.Backend);

        Assert.Equal(new[] { "C", "WDR" }, s.Populations.Select(p => p.Name));
        var c = s.Population("C")!;
        Assert.Equal(PopulationKind.Afferent, c.Kind);
        Assert.Equal(FibreClass.C, c.Fibre);
        Assert.Equal(20, c.Count);
        Assert.Equal(50_000, c.ConductionDistanceUm);
        var wdr = s.Population("WDR")!;
        Assert.Equal("adex", wdr.Model);
        Assert.Equal(10, wdr.Count);
        Assert.Equal(200, wdr.Params["C"]);
        Assert.Equal(10, wdr.Params["gL"]);
        Assert.Equal(-65, wdr.Params["EL"]);
        Assert.Equal(3, wdr.Params.Count);

        var proj = Assert.Single(s.Projections);
        Assert.Equal(("C_WDR", "C", "WDR"), (proj.Name, proj.From, proj.To));
        Assert.Equal(ConnectRule.Probability, proj.Connect.Rule);
        Assert.Equal(0.5, proj.Connect.P);
        Assert.True(proj.Connect.AllowSelf);
        Assert.Equal(new[] { "AMPA", "NMDA" }, proj.Receptors.Keys);
        Assert.Equal(0.6, proj.Receptors["NMDA"]);
        Assert.Equal(1.0, proj.DelayMs);

        var train = Assert.Single(s.Stimuli);
        Assert.Equal(("train", "C", StimulusProtocol.PulseTrain), (train.Name, train.Target, train.Protocol));
        Assert.Equal(1000, train.StartMs);
        Assert.Equal(16, train.Count);
        Assert.Equal(1, train.FrequencyHz);
        Assert.Equal(2, train.PulseWidthMs);
        Assert.Equal(1, train.Fraction);

        Assert.Null(s.Record.Spikes);
        Assert.True(s.Record.Figures);
        Assert.Empty(s.Interventions);
    }

    [Fact]
    public void Every_section_is_read()
    {
        using var f = new ScenarioTestFiles();
        var s = f.Load("full.yaml", """
            name: full
            description: every section
            seed: 42
            duration: 20 s
            dt: 50 us
            backend: reference
            populations:
              Ad:
                kind: afferent
                fibre: Adelta
                count: 8
                velocity: 12 m/s
                velocity_jitter: 0.2
                peptidergic: 0.5
                ectopic_rate: 0.5 Hz
              RVM_5HT:
                kind: descending
                count: 10
                rate: 5 Hz
              WDR:
                model: izhikevich
                lamina: V
                count: 4
                params: { a: 0.02, d: 2, Vr: -55 mV }
                receptors:
                  NMDA: { decay: 80 ms }
                  GABA_B: { rise: 50 ms, decay: 200 ms, reversal: -95 mV }
                  GABA_A: { reversal: chloride, rise: 1 ms }
                initial:
                  v: { dist: uniform, low: -70 mV, high: -60 mV }
                  u: -13
                  g_GABA_B: { dist: normal, mean: 1 nS, sd: 100 pS }
              IN:
                model: lif
                count: 4
            projections:
              Ad_WDR:
                from: Ad
                to: WDR
                connect: { rule: fan_in, n: 8 }
                receptors: { AMPA: 2 nS, GABA_B: 0.1 nS }
                delay: 0.5 ms
                weight_jitter: 0.1
              rec:
                from: WDR
                to: WDR
                connect: { rule: fan_out, n: 3, allow_self: false }
                receptors: { NMDA: 1 nS }
              IN_WDR:
                from: IN
                to: WDR
                connect: one_to_one
                receptors: { glycine: 1 nS }
            stimuli:
              train: { target: Ad, protocol: pulse_train, count: 3, frequency: 2 Hz, width: 2 ms, fraction: 0.5 }
              tone: { target: RVM_5HT, protocol: poisson, rate: 10 Hz, start: 1 s, duration: 2 s }
              step: { target: IN, protocol: current, amplitude: 0.2 nA, duration: 500 ms, neurons: [0, 3] }
            interventions:
              ketamine: { at: 10 s, drug: ketamine, dose: 150 ug/kg }
            record:
              spikes: [WDR, Ad]
              traces:
                - { population: WDR, variables: [v, u, g_GABA_B, I_ext], neurons: [0, 1], every: 0.5 ms }
              figures: false
              metrics:
                windup: { population: WDR, stimulus: train, window: 20-400 ms }
                late: { type: windup, population: WDR, stimulus: train, window: [0.1 s, 1 s] }
            """);

        Assert.Equal("every section", s.Description);
        Assert.Equal(42UL, s.Seed);
        Assert.Equal(20_000, s.DurationMs);
        Assert.Equal(0.05, s.DtMs, 12);
        Assert.Equal(BackendKind.Reference, s.Backend);

        var ad = s.Population("Ad")!;
        Assert.Equal((FibreClass.Adelta, 12.0, 0.2, 0.5, 0.5), (ad.Fibre, ad.VelocityMPerS!.Value, ad.VelocityJitter, ad.PeptidergicFraction, ad.EctopicRateHz));
        Assert.Null(ad.ConductionDistanceUm);
        var rvm = s.Population("RVM_5HT")!;
        Assert.Equal((PopulationKind.Descending, 5.0), (rvm.Kind, rvm.RateHz));

        var wdr = s.Population("WDR")!;
        Assert.Equal(("izhikevich", "V"), (wdr.Model, wdr.Lamina));
        Assert.Equal(0.02, wdr.Params["a"]);
        Assert.Equal(-55, wdr.Params["Vr"]);
        // NMDA: only decay overridden, the rest from ReceptorDefaults
        var nmda = wdr.Receptors["NMDA"];
        Assert.Equal((2.0, 80.0, (double?)0.0, true), (nmda.TauRiseMs, nmda.TauDecayMs, nmda.ReversalMv, nmda.MgBlock));
        var gabaB = wdr.Receptors["GABA_B"];
        Assert.Equal((50.0, 200.0, (double?)-95.0, false), (gabaB.TauRiseMs, gabaB.TauDecayMs, gabaB.ReversalMv, gabaB.MgBlock));
        var gabaA = wdr.Receptors["GABA_A"];
        Assert.Equal((1.0, 20.0, (double?)null), (gabaA.TauRiseMs, gabaA.TauDecayMs, gabaA.ReversalMv));
        Assert.Equal(new InitialValueSpec(InitialKind.Uniform, -70, -60), wdr.Initial["v"]);
        Assert.Equal(InitialValueSpec.Constant(-13), wdr.Initial["u"]);
        Assert.Equal(new InitialValueSpec(InitialKind.Normal, 1, 0.1), wdr.Initial["g_GABA_B"]);

        var adWdr = s.Projections[0];
        Assert.Equal((ConnectRule.FanIn, 8), (adWdr.Connect.Rule, adWdr.Connect.N));
        Assert.Equal((2.0, 0.1, 0.5, 0.1), (adWdr.Receptors["AMPA"], adWdr.Receptors["GABA_B"], adWdr.DelayMs, adWdr.WeightJitter));
        Assert.Equal((ConnectRule.FanOut, 3, false), (s.Projections[1].Connect.Rule, s.Projections[1].Connect.N, s.Projections[1].Connect.AllowSelf));
        Assert.Equal(ConnectRule.OneToOne, s.Projections[2].Connect.Rule);

        var train = s.Stimuli[0];
        Assert.Equal((3, 2.0, 2.0, 0.5), (train.Count, train.FrequencyHz, train.PulseWidthMs, train.Fraction));
        var tone = s.Stimuli[1];
        Assert.Equal((StimulusProtocol.Poisson, 10.0, 1000.0, (double?)2000.0), (tone.Protocol, tone.RateHz, tone.StartMs, tone.DurationMs));
        var step = s.Stimuli[2];
        Assert.Equal((StimulusProtocol.Current, 200.0, (double?)500.0), (step.Protocol, step.AmplitudePa, step.DurationMs));
        Assert.Equal(new[] { 0, 3 }, step.Neurons);

        var ket = Assert.Single(s.Interventions);
        Assert.Equal(("ketamine", 10_000.0, "ketamine"), (ket.Name, ket.AtMs, ket.Drug));
        Assert.Equal(0.15, ket.Dose, 12);

        Assert.Equal(new[] { "WDR", "Ad" }, s.Record.Spikes);
        Assert.False(s.Record.Figures);
        var trace = Assert.Single(s.Record.Traces);
        Assert.Equal(new[] { "v", "u", "g_GABA_B", "I_ext" }, trace.Variables);
        Assert.Equal(new[] { 0, 1 }, trace.Neurons);
        Assert.Equal(0.5, trace.EveryMs);
        var w = s.Record.Windup["windup"];
        Assert.Equal(("WDR", "train", 20.0, 400.0), (w.Population, w.Stimulus, w.WindowStartMs, w.WindowEndMs));
        var late = s.Record.Windup["late"];
        Assert.Equal((100.0, 1000.0), (late.WindowStartMs, late.WindowEndMs));
    }

    [Theory]
    [InlineData("20-400 ms", 20, 400)]
    [InlineData("20 ms - 0.4 s", 20, 400)]
    [InlineData("0.02-0.4 s", 20, 400)]
    [InlineData("20 to 400 ms", 20, 400)]
    public void Windup_window_forms(string window, double start, double end)
    {
        using var f = new ScenarioTestFiles();
        var s = f.Load("w.yaml", ScenarioTestFiles.Base + $"record:\n  metrics:\n    windup: {{ population: WDR, stimulus: train, window: {window} }}\n");
        Assert.Equal((start, end), (s.Record.Windup["windup"].WindowStartMs, s.Record.Windup["windup"].WindowEndMs));
    }

    [Fact]
    public void Spikes_none_records_nothing_and_a_missing_window_is_derived_from_latencies()
    {
        using var f = new ScenarioTestFiles();
        Assert.Empty(f.Load("none.yaml", ScenarioTestFiles.Base + "record:\n  spikes: none\n").Record.Spikes!);
        // (a wind-up metric needs its population's spikes recorded: with spikes: none it is refused, see ScenarioErrorTests)
        var s = f.Load("w.yaml", ScenarioTestFiles.Base + "record:\n  spikes: [WDR]\n  metrics:\n    windup: { population: WDR, stimulus: train, tail: 30 ms }\n");
        Assert.Equal(((double?)null, (double?)null, 30.0), (s.Record.Windup["windup"].WindowStartMs, s.Record.Windup["windup"].WindowEndMs, s.Record.Windup["windup"].TailMs));
    }
}
