using CircuitSim.Scenarios;

namespace CircuitSim.Tests.Scenarios;

public class ScenarioErrorTests
{
    private static ScenarioError Only(IReadOnlyList<ScenarioError> errors) => Assert.Single(errors);

    private static string WithLine(string yaml, int line, string replacement)
    {
        var lines = yaml.Split('\n');
        lines[line - 1] = replacement;
        return string.Join('\n', lines);
    }

    [Fact]
    public void Malformed_yaml_reports_the_line_of_the_syntax_error()
    {
        using var f = new ScenarioTestFiles();
        var e = Only(f.Errors("bad.yaml", "name: x\nduration: 1 s\npopulations:\n  WDR: { count: 3\n  IN: { count: 2 }\n"));
        Assert.EndsWith("bad.yaml", e.File);
        Assert.Equal("(syntax)", e.KeyPath);
        Assert.StartsWith("malformed YAML", e.Message);
        Assert.InRange(e.Line, 4, 5);

        var e2 = Only(f.Errors("bad2.yaml", "name: x\nduration: 1 s\n  populations: 3\n"));
        Assert.Equal(3, e2.Line);
        Assert.StartsWith("malformed YAML", e2.Message);
    }

    [Fact]
    public void Receptor_saturation_is_a_positive_conductance()
    {
        using var f = new ScenarioTestFiles();
        const string head = "name: x\nduration: 1 s\npopulations:\n  N:\n    count: 2\n    receptors:\n      NK1: { saturation: ";
        Assert.Equal(2.5, f.Load("ok.yaml", head + "2.5 nS }\n").Population("N")!.Receptors["NK1"].SaturationNs);
        var unit = Only(f.Errors("unit.yaml", head + "3 mV }\n"));
        Assert.Equal(("populations.N.receptors.NK1.saturation", 7), (unit.KeyPath, unit.Line));
        Assert.Contains("Conductance", unit.Message);
        var zero = Only(f.Errors("zero.yaml", head + "0 nS }\n"));
        Assert.Equal("populations.N.receptors.NK1.saturation", zero.KeyPath);
    }

    [Fact]
    public void Record_network_must_be_true_or_false()
    {
        using var f = new ScenarioTestFiles();
        var e = Only(f.Errors("net.yaml", "name: x\nduration: 1 s\npopulations:\n  N: { count: 2 }\nrecord:\n  network: sometimes\n"));
        Assert.Equal(("record.network", 6), (e.KeyPath, e.Line));
        Assert.Contains("expected true or false", e.Message);
    }

    [Fact]
    public void Unclosed_bracket_points_to_where_it_opens()
    {
        using var f = new ScenarioTestFiles();
        var e = Only(f.Errors("bad.yaml", "name: x\nduration: 1 s\nrecord:\n  spikes: [WDR, C\n"));
        Assert.Equal((4, 11), (e.Line, e.Column));
        Assert.Contains("'[' opened here is never closed", e.Message);
    }

    [Fact]
    public void Duplicate_key_is_a_syntax_error_at_the_second_key()
    {
        using var f = new ScenarioTestFiles();
        var e = Only(f.Errors("dup.yaml", ScenarioTestFiles.Base + "duration: 3 s\n"));
        Assert.Equal((27, 1), (e.Line, e.Column));
        Assert.Contains("Duplicate key", e.Message);
    }

    [Fact]
    public void Unknown_key_suggests_the_nearest_valid_key()
    {
        using var f = new ScenarioTestFiles();
        string yaml = WithLine(ScenarioTestFiles.Base, 2, "duraton: 2 s");
        var errors = f.Errors("typo.yaml", yaml);
        var unknown = errors.Single(e => e.KeyPath == "duraton");
        Assert.Equal((2, 1), (unknown.Line, unknown.Column));
        Assert.Equal("unknown key 'duraton'; did you mean 'duration'?", unknown.Message);
        Assert.Equal($"{unknown.File}:2:1: duraton: unknown key 'duraton'; did you mean 'duration'?", unknown.ToString());
        // and the required key is now missing
        var missing = errors.Single(e => e.KeyPath == "duration");
        Assert.Contains("required key 'duration' is missing", missing.Message);
    }

    [Fact]
    public void Nested_unknown_keys_report_their_key_path_and_column()
    {
        using var f = new ScenarioTestFiles();
        string yaml = WithLine(ScenarioTestFiles.Base, 13, "    parms: { C: 200 pF }");
        var e = Only(f.Errors("typo.yaml", yaml));
        Assert.Equal(("populations.WDR.parms", 13, 5), (e.KeyPath, e.Line, e.Column));
        Assert.Equal("unknown key 'parms'; did you mean 'params'?", e.Message);

        // a case-insensitive match is suggested even when far in edit distance
        var e2 = Only(f.Errors("case.yaml", WithLine(ScenarioTestFiles.Base, 13, "    PARAMS: { C: 200 pF }")));
        Assert.Contains("did you mean 'params'?", e2.Message);

        // nothing near: the valid keys are listed
        var e3 = Only(f.Errors("far.yaml", WithLine(ScenarioTestFiles.Base, 13, "    xyzzy: 1")));
        Assert.Contains("unknown key 'xyzzy'; valid keys here are: kind, count, model, preset, params, receptors, initial, lamina", e3.Message);
    }

    [Fact]
    public void Unknown_parameter_of_the_model_is_suggested()
    {
        using var f = new ScenarioTestFiles();
        var e = Only(f.Errors("p.yaml", WithLine(ScenarioTestFiles.Base, 13, "    params: { C: 200 pF, tauw: 100 ms }")));
        Assert.Equal(("populations.WDR.params.tauw", 13, 26), (e.KeyPath, e.Line, e.Column));
        Assert.Equal("unknown parameter 'tauw' of model 'adex'; did you mean 'tau_w'?", e.Message);
    }

    [Fact]
    public void Missing_unit_is_an_error_at_the_value()
    {
        using var f = new ScenarioTestFiles();
        var e = Only(f.Errors("nounit.yaml", WithLine(ScenarioTestFiles.Base, 2, "duration: 5")));
        Assert.Equal(("duration", 2, 11), (e.KeyPath, e.Line, e.Column));
        Assert.Equal("expected a Time (e.g. '5 ms'), found the bare number '5' without a unit", e.Message);
    }

    [Fact]
    public void Wrong_unit_names_expected_and_found_dimension()
    {
        using var f = new ScenarioTestFiles();
        var e = Only(f.Errors("wrong.yaml", WithLine(ScenarioTestFiles.Base, 2, "duration: 5 mV")));
        Assert.Equal(("duration", 2, 11), (e.KeyPath, e.Line, e.Column));
        Assert.Equal("expected a Time (e.g. '5 ms'), found '5 mV', a Voltage", e.Message);

        var p = Only(f.Errors("param.yaml", WithLine(ScenarioTestFiles.Base, 13, "    params: { EL: 10 nS }")));
        Assert.Equal(("populations.WDR.params.EL", 13, 19), (p.KeyPath, p.Line, p.Column));
        Assert.Contains("expected a Voltage", p.Message);
        Assert.Contains("a Conductance", p.Message);
    }

    [Fact]
    public void Unit_on_a_dimensionless_value_is_an_error()
    {
        using var f = new ScenarioTestFiles();
        var e = Only(f.Errors("p.yaml", WithLine(ScenarioTestFiles.Base, 18, "    connect: { rule: probability, p: 0.5 Hz }")));
        Assert.Equal("projections.C_WDR.connect.p", e.KeyPath);
        Assert.Equal("expected a dimensionless number, found '0.5 Hz', a Frequency", e.Message);
    }

    [Theory]
    [InlineData("-3")]
    [InlineData("0")]
    public void Count_must_be_positive(string count)
    {
        using var f = new ScenarioTestFiles();
        var e = Only(f.Errors("neg.yaml", WithLine(ScenarioTestFiles.Base, 12, $"    count: {count}")));
        Assert.Equal(("populations.WDR.count", 12, 12), (e.KeyPath, e.Line, e.Column));
        Assert.Equal($"count must be positive, found '{count}'", e.Message);
    }

    [Fact]
    public void Count_must_be_a_whole_number()
    {
        using var f = new ScenarioTestFiles();
        var e = Only(f.Errors("frac.yaml", WithLine(ScenarioTestFiles.Base, 12, "    count: 2.5")));
        Assert.Equal("expected a whole number without a unit, found '2.5'", e.Message);
    }

    [Fact]
    public void Probability_above_one_is_an_error()
    {
        using var f = new ScenarioTestFiles();
        var e = Only(f.Errors("p.yaml", WithLine(ScenarioTestFiles.Base, 18, "    connect: { rule: probability, p: 1.5 }")));
        Assert.Equal(("projections.C_WDR.connect.p", 18, 38), (e.KeyPath, e.Line, e.Column));
        Assert.Equal("p must be between 0 and 1, found '1.5'", e.Message);
    }

    [Fact]
    public void Unknown_population_in_a_projection_is_suggested()
    {
        using var f = new ScenarioTestFiles();
        var e = Only(f.Errors("pop.yaml", WithLine(ScenarioTestFiles.Base, 17, "    to: WRD")));
        Assert.Equal(("projections.C_WDR.to", 17, 9), (e.KeyPath, e.Line, e.Column));
        Assert.Equal("unknown population 'WRD'; did you mean 'WDR'?", e.Message);

        var far = Only(f.Errors("far.yaml", WithLine(ScenarioTestFiles.Base, 16, "    from: Abeta_fibres")));
        Assert.Equal("unknown population 'Abeta_fibres'; populations are: C, WDR", far.Message);
    }

    [Fact]
    public void Projection_onto_an_afferent_is_an_error()
    {
        using var f = new ScenarioTestFiles();
        var e = Only(f.Errors("to.yaml", WithLine(ScenarioTestFiles.Base, 17, "    to: C")));
        Assert.Equal("projections.C_WDR.to", e.KeyPath);
        Assert.Contains("'to' must be a neuron population, but 'C' is kind afferent", e.Message);
    }

    [Fact]
    public void Unknown_receptor_of_the_target_is_suggested()
    {
        using var f = new ScenarioTestFiles();
        var e = Only(f.Errors("r.yaml", WithLine(ScenarioTestFiles.Base, 19, "    receptors: { AMPA: 1 nS, nmda: 0.6 nS }")));
        Assert.Equal(("projections.C_WDR.receptors.nmda", 19, 30), (e.KeyPath, e.Line, e.Column));
        Assert.StartsWith("'nmda' is not a receptor channel of 'WDR'; did you mean 'NMDA'?", e.Message);
    }

    [Fact]
    public void Fan_in_larger_than_the_source_is_an_error()
    {
        using var f = new ScenarioTestFiles();
        var e = Only(f.Errors("fan.yaml", WithLine(ScenarioTestFiles.Base, 18, "    connect: { rule: fan_in, n: 21 }")));
        Assert.Equal("projections.C_WDR.connect.n", e.KeyPath);
        Assert.Contains("n must be at most 20", e.Message);
    }

    [Fact]
    public void Keys_of_another_population_kind_are_errors()
    {
        using var f = new ScenarioTestFiles();
        var e = Only(f.Errors("kind.yaml", WithLine(ScenarioTestFiles.Base, 11, "    fibre: C")));
        Assert.Equal(("populations.WDR.fibre", 11, 5), (e.KeyPath, e.Line, e.Column));
        Assert.Equal("'fibre' is a key of afferent populations, but 'WDR' is kind neuron", e.Message);
    }

    [Fact]
    public void Unknown_model_lists_the_models_and_preset_of_a_model_without_presets_is_an_error()
    {
        using var f = new ScenarioTestFiles();
        var errors = f.Errors("m.yaml", WithLine(ScenarioTestFiles.Base, 11, "    model: adx"));
        var e = Assert.Single(errors);
        Assert.Equal("unknown model 'adx' (did you mean 'adex'?); models are: lif, adex, izhikevich, adex_can", e.Message);

        var p = Only(f.Errors("preset.yaml", WithLine(ScenarioTestFiles.Base, 11, "    model: lif\n    preset: no_such_preset")));
        Assert.Equal(("populations.WDR.preset", 12, 13), (p.KeyPath, p.Line, p.Column));
        if (CircuitSim.Neurons.NeuronModels.Lif.Presets.Count == 0)
            Assert.Equal("model 'lif' has no presets (presets: none); found 'no_such_preset'", p.Message);
        else
            Assert.StartsWith("unknown preset 'no_such_preset' of model 'lif'", p.Message);
    }

    [Fact]
    public void An_unknown_plasticity_rule_is_refused_and_stp_is_checked()
    {
        using var f = new ScenarioTestFiles();
        var errors = f.Errors("stp.yaml", WithLine(ScenarioTestFiles.Base, 19,
            "    receptors: { AMPA: 1 nS }\n    stp: { model: tsodyks_markram, U: 1.5 }\n    plasticity: { rule: bcm }"));
        Assert.Equal(3, errors.Count);
        var u = errors.Single(e => e.KeyPath == "projections.C_WDR.stp.U");
        Assert.Equal(20, u.Line);
        Assert.Contains("between 0 and 1", u.Message);
        Assert.Equal(20, errors.Single(e => e.KeyPath == "projections.C_WDR.stp.tau_rec").Line);
        var plasticity = errors.Single(e => e.KeyPath == "projections.C_WDR.plasticity.rule");
        Assert.Equal(21, plasticity.Line);
        Assert.Contains("expected one of: calcium, stdp, triplet", plasticity.Message);
    }

    [Fact]
    public void Keys_of_another_protocol_and_wrong_targets_are_errors()
    {
        using var f = new ScenarioTestFiles();
        var errors = f.Errors("stim.yaml", ScenarioTestFiles.Base + """
              drive: { target: WDR, protocol: poisson, rate: 5 Hz, amplitude: 10 pA }

            """);
        Assert.Equal(2, errors.Count);
        var target = errors.Single(e => e.KeyPath == "stimuli.drive.target");
        Assert.Contains("poisson drives afferent or descending spike sources", target.Message);
        var amp = errors.Single(e => e.KeyPath == "stimuli.drive.amplitude");
        Assert.Equal(27, amp.Line);
        Assert.StartsWith("'amplitude' is a key of protocol current and scs, not of poisson", amp.Message);
    }

    [Fact]
    public void Many_errors_in_one_file_are_reported_together_in_order()
    {
        using var f = new ScenarioTestFiles();
        string yaml = """
            name: many
            duration: 5 mV
            dt: 0.1
            populations:
              WDR:
                count: -2
                model: adex
                params: { VT: -50 }
              C: { kind: afferent, fibre: D, count: 3 }
            projections:
              x:
                from: C
                to: WDRR
                connect: { rule: probability, p: 2 }
                receptors: { AMPA: 1 nS }
            """;
        var errors = f.Errors("many.yaml", yaml);
        Assert.True(errors.Count >= 3);
        Assert.Equal(
            new[] { ("duration", 2), ("dt", 3), ("populations.WDR.count", 6), ("populations.WDR.params.VT", 8),
                    ("populations.C.fibre", 9), ("projections.x.to", 13), ("projections.x.connect.p", 14) },
            errors.Select(e => (e.KeyPath, e.Line)));
        var lines = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(Path.Combine(f.Dir, "many.yaml"))).Message
            .Split(Environment.NewLine);
        Assert.Equal(7, lines.Length);
        Assert.All(lines, l => Assert.StartsWith(Path.Combine(f.Dir, "many.yaml") + ":", l));
        Assert.EndsWith("many.yaml:9:31: populations.C.fibre: expected one of: C, Adelta, Abeta, Aδ, Aβ; found 'D' (did you mean 'C'?)", lines[4]);
    }

    [Fact]
    public void Missing_required_sections_are_reported_at_the_enclosing_map()
    {
        using var f = new ScenarioTestFiles();
        var errors = f.Errors("empty.yaml", "description: nothing else\n");
        Assert.Equal(new[] { "name", "duration", "populations" }, errors.Select(e => e.KeyPath));
        Assert.All(errors, e => Assert.Equal((1, 1), (e.Line, e.Column)));
        Assert.Contains("required key 'populations' is missing", errors[2].Message);
    }

    [Fact]
    public void Empty_file_and_missing_file_are_errors()
    {
        using var f = new ScenarioTestFiles();
        var e = Only(f.Errors("empty.yaml", ""));
        Assert.Contains("found an empty file", e.Message);

        string missing = Path.Combine(f.Dir, "nope.yaml");
        var ex = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(missing));
        Assert.Equal((missing, "file not found"), (ex.Errors[0].File, ex.Errors[0].Message));
    }

    [Fact]
    public void Receptor_and_initial_errors()
    {
        using var f = new ScenarioTestFiles();
        var errors = f.Errors("rec.yaml", WithLine(ScenarioTestFiles.Base, 13, """
                receptors:
                  GABA_B: { rise: 50 ms }
                  NMDA: { reversal: potassium }
                initial:
                  vv: -60 mV
                  w: { dist: uniform, low: 10 pA, high: 5 pA }
            """.TrimEnd('\n')));
        Assert.Equal(
            new[] { "populations.WDR.receptors.GABA_B.decay", "populations.WDR.receptors.NMDA.reversal",
                    "populations.WDR.initial.vv", "populations.WDR.initial.w.high" },
            errors.Select(e => e.KeyPath));
        Assert.Contains("required key 'decay' is missing", errors[0].Message);
        Assert.Contains("or the word 'chloride'", errors[1].Message);
        Assert.Contains("did you mean 'v'?", errors[2].Message);
        Assert.Contains("high must not be below low", errors[3].Message);
    }
    [Fact]
    public void Windup_of_spikes_that_are_not_recorded_is_refused_before_the_run()
    {
        // the metric used to fail only after the run, when it found no spikes of WDR
        using var f = new ScenarioTestFiles();
        var e = Only(f.Errors("w.yaml", ScenarioTestFiles.Base + "record:\n  spikes: [C]\n  metrics:\n    windup: { population: WDR, stimulus: train }\n"));
        Assert.Equal(("record.metrics.windup.population", 30), (e.KeyPath, e.Line));
        Assert.Equal("wind-up counts the spikes of 'WDR', but record.spikes does not record them (add 'WDR' to record.spikes)", e.Message);
    }

    [Fact]
    public void Names_that_cannot_be_part_of_a_result_file_are_refused_before_the_run()
    {
        // a population 'a/b' passed the loader and failed in the trace and SONATA writers after the run
        using var f = new ScenarioTestFiles();
        var e = Only(f.Errors("n.yaml", "name: x\nduration: 1 s\npopulations:\n  a/b: { count: 2 }\n"));
        Assert.Equal(("populations.a/b", 4, 3), (e.KeyPath, e.Line, e.Column));
        Assert.StartsWith("population name 'a/b' may not contain any of /", e.Message);
    }
}
