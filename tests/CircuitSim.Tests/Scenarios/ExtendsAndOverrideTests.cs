using CircuitSim.Model;
using CircuitSim.Scenarios;

namespace CircuitSim.Tests.Scenarios;

public class ExtendsAndOverrideTests
{
    private const string Condition = """
        extends: base/circuit.yaml
        name: nerve injury
        populations:
          C:
            ectopic_rate: 20 Hz
            conduction_distance: ~
          WDR:
            params: { VT: -52 mV, EL: -60 mV }
          IN:
            model: lif
            count: 5
        stimuli:
          train: null
        """;

    [Fact]
    public void Extends_deep_merges_and_null_deletes()
    {
        using var f = new ScenarioTestFiles();
        f.Write("base/circuit.yaml", ScenarioTestFiles.Base);
        var s = f.Load("injury.yaml", Condition);

        Assert.Equal("nerve injury", s.Name);
        Assert.Equal(2000, s.DurationMs);                                  // inherited
        Assert.Equal(new[] { "C", "WDR", "IN" }, s.Populations.Select(p => p.Name)); // inherited order, then new
        var c = s.Population("C")!;
        Assert.Equal((PopulationKind.Afferent, 20, 20.0), (c.Kind, c.Count, c.EctopicRateHz)); // merged key by key
        Assert.Null(c.ConductionDistanceUm);                              // deleted by ~
        var wdr = s.Population("WDR")!;
        Assert.Equal("adex", wdr.Model);
        Assert.Equal(200, wdr.Params["C"]);                               // from base params
        Assert.Equal(10, wdr.Params["gL"]);
        Assert.Equal(-60, wdr.Params["EL"]);                              // overridden
        Assert.Equal(-52, wdr.Params["VT"]);                              // added
        Assert.Empty(s.Stimuli);                                          // deleted by null
        Assert.Single(s.Projections);
    }

    [Fact]
    public void Extends_may_chain_and_lists_replace()
    {
        using var f = new ScenarioTestFiles();
        f.Write("base/circuit.yaml", ScenarioTestFiles.Base + "record:\n  spikes: [C, WDR]\n");
        f.Write("injury.yaml", Condition);
        var s = f.Load("drug/ketamine.yaml", """
            extends: ../injury.yaml
            name: injury + ketamine
            record: { spikes: [WDR] }
            interventions:
              ketamine: { at: 1 s, drug: ketamine, dose: 0.15 mg/kg }
            """);
        Assert.Equal("injury + ketamine", s.Name);
        Assert.Equal(20, s.Population("C")!.EctopicRateHz);
        Assert.Equal(new[] { "WDR" }, s.Record.Spikes);
        Assert.Equal(0.15, Assert.Single(s.Interventions).Dose);
    }

    [Fact]
    public void Errors_name_the_file_that_holds_the_offending_node()
    {
        using var f = new ScenarioTestFiles();
        string basePath = f.Write("base/circuit.yaml", ScenarioTestFiles.Base.Replace("count: 16", "count: -16"));
        string condition = Condition.Replace("ectopic_rate: 20 Hz", "ectopic_rate: 20 mV").Replace("train: null", "train: { frequency: 2 Hz }");
        string condPath = f.Write("injury.yaml", condition);
        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(condPath)).Errors;
        Assert.Equal(2, e.Count);
        Assert.Equal((condPath, 5, 19, "populations.C.ectopic_rate"), (e[0].File, e[0].Line, e[0].Column, e[0].KeyPath));
        Assert.Equal((basePath, 25, 12, "stimuli.train.count"), (e[1].File, e[1].Line, e[1].Column, e[1].KeyPath));
        Assert.Equal("count must be positive, found '-16'", e[1].Message);
    }

    [Fact]
    public void Circular_extends_is_an_error_naming_the_chain()
    {
        using var f = new ScenarioTestFiles();
        string a = f.Write("a.yaml", "extends: b.yaml\nname: a\n");
        string b = f.Write("b.yaml", "name: b\nextends: a.yaml\n");
        var e = Assert.Single(Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(a)).Errors);
        Assert.Equal((b, 2, 10, "extends"), (e.File, e.Line, e.Column, e.KeyPath));
        Assert.Equal($"circular extends: {a} → {b} → {a}", e.Message);

        string self = f.Write("self.yaml", "extends: ./self.yaml\n");
        var e2 = Assert.Single(Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(self)).Errors);
        Assert.Equal($"circular extends: {self} → {self}", e2.Message);
    }

    [Fact]
    public void Missing_or_malformed_base_is_reported()
    {
        using var f = new ScenarioTestFiles();
        string cond = f.Write("c.yaml", "name: c\nextends: nowhere.yaml\n");
        var e = Assert.Single(Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(cond)).Errors);
        Assert.Equal((cond, 2, 10, "extends"), (e.File, e.Line, e.Column, e.KeyPath));
        Assert.Equal($"file not found: '{Path.Combine(f.Dir, "nowhere.yaml")}'", e.Message);

        string bad = f.Write("bad.yaml", "name: b\nduration: [1 s\n");
        string cond2 = f.Write("c2.yaml", "extends: bad.yaml\n");
        var e2 = Assert.Single(Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(cond2)).Errors);
        Assert.Equal((bad, 2), (e2.File, e2.Line));
        Assert.StartsWith("malformed YAML", e2.Message);
    }

    [Fact]
    public void Set_overrides_values_after_merging()
    {
        using var f = new ScenarioTestFiles();
        var s = f.Load("base.yaml", ScenarioTestFiles.Base,
            "duration=5s",
            "populations.WDR.count=12",
            "populations.WDR.params.VT=-48 mV",          // a params key the file does not set
            "record.spikes=[WDR]",                        // creates 'record'
            "projections.C_WDR.connect={rule: all}",
            "stimuli.train.frequency=0.5 Hz",
            "seed=7");
        Assert.Equal(5000, s.DurationMs);
        Assert.Equal(12, s.Population("WDR")!.Count);
        Assert.Equal(-48, s.Population("WDR")!.Params["VT"]);
        Assert.Equal(200, s.Population("WDR")!.Params["C"]);
        Assert.Equal(new[] { "WDR" }, s.Record.Spikes);
        Assert.Equal(ConnectRule.All, s.Projections[0].Connect.Rule);
        Assert.Equal(0.5, s.Stimuli[0].FrequencyHz);
        Assert.Equal(7UL, s.Seed);

        var deleted = f.Load("base2.yaml", ScenarioTestFiles.Base, "stimuli.train=~", "populations.C.conduction_distance=");
        Assert.Empty(deleted.Stimuli);
        Assert.Null(deleted.Population("C")!.ConductionDistanceUm);
    }

    [Fact]
    public void Set_errors_name_the_override_and_the_column_in_its_argument()
    {
        using var f = new ScenarioTestFiles();
        var errors = f.Errors("base.yaml", ScenarioTestFiles.Base,
            "duration=2s",
            "duration=5 mV",                             // wrong unit: column of the value
            "populations.WDR.params.VTT=-48 mV",         // unknown parameter: column of the key
            "duration.max=1 s",                          // parent is not a map
            "no_equals_sign");
        Assert.Equal(4, errors.Count);
        Assert.All(errors, e => Assert.Equal("--set", e.File));

        Assert.Equal((2, 10, "duration"), (errors[0].Line, errors[0].Column, errors[0].KeyPath));
        Assert.Equal("expected a Time (e.g. '5 ms'), found '5 mV', a Voltage", errors[0].Message);

        Assert.Equal((3, 24, "populations.WDR.params.VTT"), (errors[1].Line, errors[1].Column, errors[1].KeyPath));
        Assert.Equal("unknown parameter 'VTT' of model 'adex'; did you mean 'VT'?", errors[1].Message);
        Assert.Equal("--set:3:24: populations.WDR.params.VTT: unknown parameter 'VTT' of model 'adex'; did you mean 'VT'?", errors[1].ToString());

        Assert.Equal((4, 1, "duration.max"), (errors[2].Line, errors[2].Column, errors[2].KeyPath));
        Assert.StartsWith("cannot set 'duration.max': 'duration' is '5 mV' (from --set:2:10)", errors[2].Message);
        Assert.EndsWith("not a map", errors[2].Message);

        Assert.Equal((5, 1), (errors[3].Line, errors[3].Column));
        Assert.Contains("expected PATH=VALUE", errors[3].Message);
    }

    [Fact]
    public void Set_of_an_unknown_key_is_an_unknown_key_error_with_a_suggestion()
    {
        using var f = new ScenarioTestFiles();
        var e = Assert.Single(f.Errors("base.yaml", ScenarioTestFiles.Base, "stimuli.train.frequncy=2 Hz"));
        Assert.Equal(("--set", 1, 15, "stimuli.train.frequncy"), (e.File, e.Line, e.Column, e.KeyPath));
        Assert.StartsWith("unknown key 'frequncy'; did you mean 'frequency'?", e.Message);
    }

    [Fact]
    public void Set_value_with_malformed_yaml_is_reported_at_its_column()
    {
        using var f = new ScenarioTestFiles();
        var e = Assert.Single(f.Errors("base.yaml", ScenarioTestFiles.Base, "record.spikes=[WDR, C"));
        Assert.Equal(("--set", 1, 15), (e.File, e.Line, e.Column));
        Assert.StartsWith("malformed YAML", e.Message);
    }
}
