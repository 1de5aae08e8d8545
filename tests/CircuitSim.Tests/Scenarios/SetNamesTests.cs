namespace CircuitSim.Tests.Scenarios;

/// <summary>--set never adds a population, projection, stimulus, ... through a misspelt name; a new one is given whole.</summary>
public class SetNamesTests
{
    private static (int Line, int Column, string KeyPath, string Message) OnlyError(params string[] sets)
    {
        using var f = new ScenarioTestFiles();
        var e = Assert.Single(f.Errors("base.yaml", ScenarioTestFiles.Base, sets));
        Assert.Equal("--set", e.File);
        return (e.Line, e.Column, e.KeyPath, e.Message);
    }

    [Fact]
    public void Set_on_a_misspelt_population_is_refused_with_a_suggestion()
    {
        Assert.Equal((1, 13, "populations.WRD", "no population 'WRD' (did you mean 'WDR'?)"), OnlyError("populations.WRD.count=5"));
    }

    [Theory]
    [InlineData("projections.C_WRD.delay=2 ms", "projections.C_WRD", "no projection 'C_WRD' (did you mean 'C_WDR'?)")]
    [InlineData("stimuli.trian.frequency=2 Hz", "stimuli.trian", "no stimulus 'trian' (did you mean 'train'?)")]
    [InlineData("populations.WDR.receptors.NMAD.decay=50 ms", "populations.WDR.receptors.NMAD", "no receptor 'NMAD' (did you mean 'NMDA'?)")]
    [InlineData("stimuli.trian=~", "stimuli.trian", "no stimulus 'trian' (did you mean 'train'?)")]
    public void Set_on_a_misspelt_name_of_any_named_map_is_refused(string set, string keyPath, string message)
    {
        var e = OnlyError(set);
        Assert.Equal((keyPath, message), (e.KeyPath, e.Message));
    }

    [Fact]
    public void Set_on_an_unknown_name_lists_the_names_and_how_to_add_one()
    {
        Assert.Equal("no population 'Deep' (populations are: C, WDR); a new population is given whole, e.g. --set 'populations.Deep={...}'",
            OnlyError("populations.Deep.count=5").Message);
        Assert.Equal("no intervention 'drug' (there are no interventions); a new intervention is given whole, e.g. --set 'interventions.drug={...}'",
            OnlyError("interventions.drug.at=1 s").Message);
        Assert.StartsWith("no metric 'windup' (there are no metrics)", OnlyError("record.metrics.windup.population=WDR").Message);
    }

    [Fact]
    public void A_new_entry_given_whole_is_added_and_validated()
    {
        using var f = new ScenarioTestFiles();
        var s = f.Load("base.yaml", ScenarioTestFiles.Base, "populations.IN={kind: neuron, model: lif, count: 5}",
            "interventions.block={at: 1 s, set: {projections.C_WDR.receptors.NMDA: 0 nS}}");
        Assert.Equal(5, s.Population("IN")!.Count);
        Assert.Equal(1000, Assert.Single(s.Interventions).AtMs);

        var e = Assert.Single(f.Errors("bad.yaml", ScenarioTestFiles.Base, "populations.IN={kind: neuron, count: -5}"));
        Assert.Equal(("--set", "populations.IN.count"), (e.File, e.KeyPath));
    }

    [Fact]
    public void A_standard_receptor_channel_is_not_a_new_name()
    {
        using var f = new ScenarioTestFiles();
        var s = f.Load("base.yaml", ScenarioTestFiles.Base, "populations.WDR.receptors.NMDA.decay=80 ms");
        Assert.Equal(80, s.Population("WDR")!.Receptors["NMDA"].TauDecayMs);
    }

    [Fact]
    public void Deleting_a_key_that_is_not_set_is_refused_with_a_suggestion()
    {
        var e = OnlyError("populations.C.conduction_distanc=");
        Assert.Equal(("populations.C.conduction_distanc", 15),  (e.KeyPath, e.Column));
        Assert.StartsWith("'conduction_distanc' is not set, so there is nothing to delete; did you mean 'conduction_distance'?", e.Message);
    }
}
