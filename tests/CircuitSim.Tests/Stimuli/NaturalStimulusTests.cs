using CircuitSim.Engine;
using CircuitSim.Model;
using CircuitSim.Recording;
using CircuitSim.Scenarios;
using CircuitSim.Tests.Engine;
using CircuitSim.Tests.Scenarios;
using CircuitSim.Tests.Validation;
using Xunit.Abstractions;

namespace CircuitSim.Tests.Stimuli;

/// <summary>
/// protocol: natural — a press or a heat step transduced into afferent firing
/// (src/CircuitSim.Core/Stimuli/NaturalTransduction.cs, NaturalDrive.cs).
/// </summary>
public class NaturalStimulusTests(ITestOutputHelper output)
{
    private const int N = 100;
    private const double Start = 500, Press = 2000;

    /// <summary>Afferent populations of 100 fibres each, without conduction delay: SA, RA, Adelta, C.</summary>
    private static ScenarioSpec Skin(string name, double durationMs, ulong seed = 1)
    {
        var spec = Specs.Empty(name, durationMs, seed: seed);
        spec.Populations.Add(new PopulationSpec { Name = "SA", Kind = PopulationKind.Afferent, Count = N, Fibre = FibreClass.Abeta });
        spec.Populations.Add(new PopulationSpec { Name = "RA", Kind = PopulationKind.Afferent, Count = N, Fibre = FibreClass.Abeta, Adaptation = Adaptation.Rapid });
        spec.Populations.Add(new PopulationSpec { Name = "Ad", Kind = PopulationKind.Afferent, Count = N, Fibre = FibreClass.Adelta });
        spec.Populations.Add(new PopulationSpec { Name = "C", Kind = PopulationKind.Afferent, Count = N, Fibre = FibreClass.C });
        return spec;
    }

    private static StimulusSpec Natural(string name, NaturalModality modality, double amount, double startMs = Start, double durationMs = Press)
    {
        var s = new StimulusSpec
        {
            Name = name, Target = "SA", Protocol = StimulusProtocol.Natural, Modality = modality, StartMs = startMs, DurationMs = durationMs,
            ForceMn = modality == NaturalModality.Mechanical ? amount : 0,
            TemperatureC = modality == NaturalModality.Heat ? amount : 32,
        };
        s.Targets.AddRange(new[] { "SA", "RA", "Ad", "C" });
        return s;
    }

    private static SimulationResult Run(ScenarioSpec spec, int threads = 0) => Runner.Run(spec, new RunOptions(BackendKind.Simd, threads));

    /// <summary>Mean rate per fibre (Hz) of a population in [fromMs, toMs).</summary>
    private static double Rate(SimulationResult r, string pop, double fromMs, double toMs) =>
        r.PerNeuron(pop, fromMs, toMs) / ((toMs - fromMs) / 1000.0);

    /// <summary>Fraction of the fibres of a population that fire at least once in [fromMs, toMs).</summary>
    private static double Responding(SimulationResult r, string pop, double fromMs, double toMs)
    {
        var s = r.Spikes(pop);
        return s.NodeIds.Where((_, k) => s.TimesMs[k] >= fromMs && s.TimesMs[k] < toMs).Distinct().Count() / (double)s.Size;
    }

    private SimulationResult Press1(double forceMn)
    {
        var spec = Skin($"press-{forceMn}", Start + Press + 500);
        spec.Stimuli.Add(Natural("press", NaturalModality.Mechanical, forceMn));
        var r = Run(spec);
        output.WriteLine($"{forceMn,6} mN: SA {Rate(r, "SA", Start, Start + Press),6:F1} Hz, RA {r.PerNeuron("RA", Start, Start + Press + 200),5:F2} spikes/fibre, " +
                         $"Ad {Rate(r, "Ad", Start, Start + Press),5:F1} Hz ({Responding(r, "Ad", Start, Start + Press):P0}), " +
                         $"C {Rate(r, "C", Start, Start + Press),5:F1} Hz ({Responding(r, "C", Start, Start + Press):P0})");
        return r;
    }

    [Fact]
    public void Force_response_rises_and_saturates_and_nociceptors_need_noxious_force()
    {
        double[] forces = { 2, 5, 20, 100, 300, 1000 };
        var runs = forces.Select(Press1).ToArray();
        var sa = runs.Select(r => Rate(r, "SA", Start, Start + Press)).ToArray();
        for (int i = 1; i < sa.Length; i++) Assert.True(sa[i] > sa[i - 1], $"SA rate at {forces[i]} mN ({sa[i]:F1} Hz) ≤ at {forces[i - 1]} mN ({sa[i - 1]:F1} Hz)");
        Assert.InRange(sa[0], 3, 20);                  // 2 mN: touch is felt by Aβ
        Assert.InRange(sa[3], 50, 110);                // 100 mN
        Assert.InRange(sa[5] / sa[4], 1.0, 1.15);      // 300 → 1000 mN: saturated
        Assert.True(sa[3] / sa[0] > 5, "SA rate should grow several-fold from 2 to 100 mN");

        // light touch (2 mN): Aβ fire, nociceptors are silent
        var light = runs[0];
        Assert.True(light.PerNeuron("RA", Start, Start + 100) > 0.3, "RA fibres should fire at the onset of a 2 mN touch");
        Assert.Empty(light.Spikes("Ad").NodeIds);
        Assert.Empty(light.Spikes("C").NodeIds);

        // noxious press (300 mN): Aδ and C fire, Aδ faster than C
        var noxious = runs[4];
        double ad = Rate(noxious, "Ad", Start, Start + Press), c = Rate(noxious, "C", Start, Start + Press);
        Assert.InRange(ad, 10, 40);
        Assert.InRange(c, 3, 20);
        Assert.True(ad > c);
        Assert.True(Responding(noxious, "C", Start, Start + Press) > 0.9);
        // recruitment grows with force
        Assert.True(Responding(runs[2], "C", Start, Start + Press) < Responding(runs[3], "C", Start, Start + Press));
    }

    [Fact]
    public void Slowly_adapting_fibres_fire_throughout_and_rapidly_adapting_only_at_onset_and_offset()
    {
        var spec = Skin("adaptation", Start + Press + 500);
        spec.Stimuli.Add(Natural("press", NaturalModality.Mechanical, 20));
        var r = Run(spec);
        double end = Start + Press;

        double early = Rate(r, "SA", Start, Start + 200), late = Rate(r, "SA", end - 1000, end);
        output.WriteLine($"SA: first 200 ms {early:F1} Hz, last 1 s {late:F1} Hz, after offset {Rate(r, "SA", end + 10, end + 500):F2} Hz");
        Assert.True(early > 1.4 * late, $"SA onset rate {early:F1} Hz should exceed the late rate {late:F1} Hz");
        Assert.True(late > 10, "SA fibres keep firing through the press");
        Assert.Equal(0, r.PerNeuron("SA", end + 10, end + 500));

        double onset = r.PerNeuron("RA", Start, Start + 100), middle = r.PerNeuron("RA", Start + 300, end);
        double offset = r.PerNeuron("RA", end, end + 150);
        output.WriteLine($"RA spikes per fibre: onset 100 ms {onset:F2}, middle {middle:F3}, offset 150 ms {offset:F2}");
        Assert.True(onset > 1.5, $"RA onset burst {onset:F2} spikes/fibre");
        Assert.True(offset > 0.5, $"RA offset burst {offset:F2} spikes/fibre");
        Assert.True(offset < onset);
        Assert.True(middle < 0.02, $"RA fibres should be (almost) silent during the sustained press, {middle:F3} spikes/fibre");
    }

    [Fact]
    public void Heat_drives_C_then_Adelta_and_not_Abeta()
    {
        const double dur = 3000;
        var results = new Dictionary<double, SimulationResult>();
        foreach (double t in new[] { 40.0, 45.0, 48.0, 51.0 })
        {
            var spec = Skin($"heat-{t}", Start + dur + 500);
            spec.Stimuli.Add(Natural("heat", NaturalModality.Heat, t, durationMs: dur));
            var r = results[t] = Run(spec);
            output.WriteLine($"{t} degC: C {Rate(r, "C", Start, Start + dur),5:F2} Hz ({Responding(r, "C", Start, Start + dur):P0}), " +
                             $"Ad {Rate(r, "Ad", Start, Start + dur),5:F2} Hz ({Responding(r, "Ad", Start, Start + dur):P0}), " +
                             $"Abeta {r.Spikes("SA").NodeIds.Length + r.Spikes("RA").NodeIds.Length} spikes");
        }
        double Cr(double t) => Rate(results[t], "C", Start, Start + dur);
        double Ad(double t) => Rate(results[t], "Ad", Start, Start + dur);
        Assert.True(Cr(40) < 0.1, $"C fibres at 40 °C: {Cr(40):F2} Hz");
        Assert.InRange(Cr(48), 3, 12);
        Assert.True(Cr(51) > Cr(48) && Cr(48) > Cr(45));
        // Aδ (type II AMH) need a higher temperature: at 45 °C most C fibres respond and few Aδ
        Assert.True(Responding(results[45], "C", Start, Start + dur) > 0.6);
        Assert.True(Responding(results[45], "Ad", Start, Start + dur) < 0.3);
        Assert.True(Ad(40) == 0 && Ad(45) < Cr(45));
        Assert.True(Ad(51) > 10, $"Aδ at 51 °C: {Ad(51):F1} Hz");
        foreach (var r in results.Values)
        {
            Assert.Empty(r.Spikes("SA").NodeIds);
            Assert.Empty(r.Spikes("RA").NodeIds);
        }
    }

    [Fact]
    public void Natural_spikes_do_not_depend_on_thread_count()
    {
        var spec = Skin("natural-threads", 3000);
        spec.Stimuli.Add(Natural("press", NaturalModality.Mechanical, 150, 200, 1000));
        spec.Stimuli.Add(Natural("heat", NaturalModality.Heat, 49, 1500, 1000));
        var a = Run(spec, 1);
        var b = Run(spec, 2);
        Assert.True(a.Spikes.Sum(s => s.NodeIds.Length) > 1000);
        for (int p = 0; p < a.Spikes.Count; p++)
        {
            Assert.Equal(a.Spikes[p].NodeIds, b.Spikes[p].NodeIds);
            Assert.Equal(a.Spikes[p].TimesMs, b.Spikes[p].TimesMs);
        }
        var other = Skin("natural-seed", 3000, seed: 2);
        other.Stimuli.AddRange(spec.Stimuli);
        Assert.NotEqual(a.Spikes[0].NodeIds, Run(other).Spikes[0].NodeIds);
    }

    private const string Yaml =
        """
        name: natural
        duration: 3 s
        populations:
          SA: { kind: afferent, fibre: Abeta, count: 10 }
          RA: { kind: afferent, fibre: Abeta, count: 10, adaptation: rapid }
          C: { kind: afferent, fibre: C, count: 10 }
        stimuli:
          press: { target: [SA, RA, C], protocol: natural, modality: mechanical, force: 0.1 N, start: 1 s, duration: 1 s }
          hot: { target: C, protocol: natural, modality: heat, temperature: 48 degC, start: 2 s, duration: 500 ms }
        """;

    private static string WithLine(string yaml, int line, string replacement)
    {
        var lines = yaml.Split('\n');
        lines[line - 1] = replacement;
        return string.Join('\n', lines);
    }

    [Fact]
    public void Loader_reads_natural_stimuli_and_adaptation()
    {
        using var f = new ScenarioTestFiles();
        var spec = f.Load("natural.yaml", Yaml);
        Assert.Equal(Adaptation.Slow, spec.Population("SA")!.Adaptation);
        Assert.Equal(Adaptation.Rapid, spec.Population("RA")!.Adaptation);
        var press = spec.Stimuli.Single(s => s.Name == "press");
        Assert.Equal((StimulusProtocol.Natural, NaturalModality.Mechanical, 100.0, 1000.0, (double?)1000.0),
            (press.Protocol, press.Modality, press.ForceMn, press.StartMs, press.DurationMs));
        Assert.Equal(new[] { "SA", "RA", "C" }, press.AllTargets);
        var hot = spec.Stimuli.Single(s => s.Name == "hot");
        Assert.Equal((NaturalModality.Heat, 48.0, (double?)500.0), (hot.Modality, hot.TemperatureC, hot.DurationMs));
        var r = Runner.Run(spec, new RunOptions());
        Assert.True(r.PerNeuron("RA", 1000, 1100) > 0 && r.PerNeuron("C", 2000, 2500) > 0);
    }

    [Fact]
    public void Loader_reports_natural_mistakes_with_their_lines()
    {
        using var f = new ScenarioTestFiles();
        // natural without modality
        var e1 = Assert.Single(f.Errors("nomod.yaml", WithLine(Yaml, 8,
            "  press: { target: SA, protocol: natural, force: 5 mN, start: 1 s, duration: 1 s }")));
        Assert.Equal(("stimuli.press.modality", 8), (e1.KeyPath, e1.Line));
        Assert.Contains("required key 'modality' is missing (expected mechanical or heat)", e1.Message);

        // force in the wrong unit
        string wrongUnit = "  press: { target: SA, protocol: natural, modality: mechanical, force: 5 mV, start: 1 s, duration: 1 s }";
        var e2 = Assert.Single(f.Errors("unit.yaml", WithLine(Yaml, 8, wrongUnit)));
        Assert.Equal(("stimuli.press.force", 8, wrongUnit.IndexOf("5 mV", StringComparison.Ordinal) + 1), (e2.KeyPath, e2.Line, e2.Column));
        Assert.Contains("Force", e2.Message);
        output.WriteLine(e2.ToString());

        // temperature on a mechanical stimulus
        string wrongKey = "  press: { target: SA, protocol: natural, modality: mechanical, force: 5 mN, temperature: 45 degC, start: 1 s, duration: 1 s }";
        var e3 = Assert.Single(f.Errors("temp.yaml", WithLine(Yaml, 8, wrongKey)));
        Assert.Equal(("stimuli.press.temperature", 8, wrongKey.IndexOf("45 degC", StringComparison.Ordinal) + 1), (e3.KeyPath, e3.Line, e3.Column));
        Assert.Contains("modality mechanical (use 'force')", e3.Message);
        output.WriteLine(e3.ToString());

        // several at once: heat without temperature and below skin temperature, no duration, rapid C fibres, a neuron target
        string yaml = WithLine(WithLine(Yaml, 6, "  C: { kind: afferent, fibre: C, count: 10, adaptation: rapid }"), 9,
            "  hot: { target: C, protocol: natural, modality: heat, temperature: 20 degC, start: 2 s }");
        var errors = f.Errors("many.yaml", yaml);
        foreach (var e in errors) output.WriteLine(e.ToString());
        Assert.Equal(new[] { ("populations.C.adaptation", 6), ("stimuli.hot.duration", 9), ("stimuli.hot.temperature", 9) },
            errors.Select(e => (e.KeyPath, e.Line)).ToArray());
        Assert.Contains("rapid applies to Abeta", errors[0].Message);
        Assert.Contains("at least the skin's resting 32 degC", errors[2].Message);

        // keys of natural on another protocol, and natural on a neuron population
        var e4 = Assert.Single(f.Errors("poisson.yaml", WithLine(Yaml, 9, "  hot: { target: C, protocol: poisson, rate: 5 Hz, force: 5 mN }")));
        Assert.Equal("stimuli.hot.force", e4.KeyPath);
        Assert.Contains("is a key of protocol natural, not of poisson", e4.Message);
    }

    [Fact]
    public void Medlock_input_is_for_mechanical_stimuli_and_a_word_from_its_list()
    {
        using var f = new ScenarioTestFiles();
        string heat = "  hot: { target: C, protocol: natural, modality: heat, temperature: 48 degC, input: medlock2022, start: 1 s, duration: 1 s }";
        var e1 = Assert.Single(f.Errors("heat.yaml", WithLine(Yaml, 9, heat)));
        Assert.Equal(("stimuli.hot.input", 9, heat.IndexOf("medlock2022", StringComparison.Ordinal) + 1), (e1.KeyPath, e1.Line, e1.Column));
        Assert.Contains("mechanical stimuli only", e1.Message);
        string word = "  press: { target: SA, protocol: natural, modality: mechanical, force: 50 mN, input: medlock, start: 1 s, duration: 1 s }";
        var e2 = Assert.Single(f.Errors("word.yaml", WithLine(Yaml, 8, word)));
        Assert.Equal("stimuli.press.input", e2.KeyPath);
        Assert.Contains("medlock2022", e2.Message);
        output.WriteLine(e2.ToString());
        var spec = ScenarioLoader.Load(ScenarioRuns.Path("medlock-2022.yaml"));
        Assert.Equal(NaturalInput.Medlock2022, spec.Stimuli.Single().Input);
    }

    [Fact]
    public void The_natural_touch_heat_scenario_loads()
    {
        var spec = ScenarioLoader.Load(ScenarioRuns.Path("natural-touch-heat.yaml"));
        Assert.Equal(Adaptation.Rapid, spec.Population("Abeta_RA")!.Adaptation);
        Assert.Equal(Adaptation.Slow, spec.Population("Abeta_SA")!.Adaptation);
        var natural = spec.Stimuli.Where(s => s.Protocol == StimulusProtocol.Natural).ToList();
        Assert.Equal(3, natural.Count);
        Assert.Contains(natural, s => s.Modality == NaturalModality.Mechanical && s.ForceMn == 5);
        Assert.Contains(natural, s => s.Modality == NaturalModality.Mechanical && s.ForceMn == 300);
        Assert.Contains(natural, s => s.Modality == NaturalModality.Heat && s.TemperatureC == 48);
    }
}

/// <summary>scenarios/natural-touch-heat.yaml on the base circuit: which afferents each stimulus recruits.</summary>
public class NaturalScenarioTests(ITestOutputHelper output)
{
    private static readonly (string Name, double From, double To)[] Epochs =
    {
        ("rest", 0, 1000), ("touch", 1000, 3300), ("after", 3300, 5000), ("press", 5000, 7300),
        ("after", 7300, 14000), ("heat", 14000, 17300), ("after", 17300, 22000),
    };

    [Fact]
    public void Touch_recruits_Abeta_only_press_all_afferents_heat_C_and_Adelta()
    {
        var r = ScenarioRuns.Run("natural-touch-heat.yaml");
        output.WriteLine("spikes per epoch (rate per cell, Hz)");
        output.WriteLine($"{"",-9}" + string.Concat(Epochs.Select(e => $"{$"{e.Name} {e.From / 1000:G3}-{e.To / 1000:G3} s",19}")));
        foreach (var s in r.Spikes)
            output.WriteLine($"{s.Population,-9}" + string.Concat(Epochs.Select(e =>
                $"{$"{s.TimesMs.Count(t => t >= e.From && t < e.To)} ({r.PerNeuron(s.Population, e.From, e.To) / ((e.To - e.From) / 1000):F1})",19}")));

        double Hz(string pop, int epoch) => r.PerNeuron(pop, Epochs[epoch].From, Epochs[epoch].To) / ((Epochs[epoch].To - Epochs[epoch].From) / 1000);
        string[] nociceptors = { "C_pep", "C_np", "Adelta" }, abeta = { "Abeta_SA", "Abeta_RA" };
        foreach (var pop in nociceptors.Concat(abeta)) Assert.Equal(0, Hz(pop, 0));
        // touch: Abeta only
        Assert.InRange(Hz("Abeta_SA", 1), 15, 50);
        Assert.InRange(Hz("Abeta_RA", 1), 0.3, 5);          // onset and offset bursts only
        foreach (var pop in nociceptors) Assert.Equal(0, Hz(pop, 1));
        // press: everything; nociceptors at noxious rates
        Assert.All(nociceptors, pop => Assert.True(Hz(pop, 3) > 5, $"{pop} during the press: {Hz(pop, 3):F1} Hz"));
        Assert.True(Hz("Abeta_SA", 3) > 2 * Hz("Abeta_SA", 1));
        // heat: C and Adelta, no Abeta
        Assert.All(nociceptors, pop => Assert.True(Hz(pop, 5) > 1, $"{pop} during heat: {Hz(pop, 5):F1} Hz"));
        Assert.True(Hz("C_pep", 5) > Hz("Adelta", 5));
        foreach (var pop in abeta) Assert.Equal(0, Hz(pop, 5));
    }
}
