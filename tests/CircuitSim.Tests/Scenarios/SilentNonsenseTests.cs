using CircuitSim.Engine;
using CircuitSim.Model;

namespace CircuitSim.Tests.Scenarios;

/// <summary>Keys that would be parsed and ignored are refused; what the engine rounds or clips is warned about.</summary>
public class SilentNonsenseTests
{
    [Fact]
    public void A_transmitter_that_is_not_a_substance_of_the_scenario_is_refused()
    {
        using var f = new ScenarioTestFiles();
        var yaml = ScenarioTestFiles.Base.Replace("populations:\n", "populations:\n  RVM: { kind: descending, count: 5, rate: 5 Hz, transmitter: serotonin }\n");
        var e = Assert.Single(f.Errors("x.yaml", yaml));
        Assert.Equal("populations.RVM.transmitter", e.KeyPath);
        Assert.Contains("not a substance of the scenario", e.Message);
    }

    [Fact]
    public void A_pulse_width_other_than_two_ms_is_refused()
    {
        using var f = new ScenarioTestFiles();
        Assert.Equal(2, f.Load("ok.yaml", ScenarioTestFiles.Base, "stimuli.train.width=2ms").Stimuli[0].PulseWidthMs);
        var e = Assert.Single(f.Errors("x.yaml", ScenarioTestFiles.Base, "stimuli.train.width=0.5ms"));
        Assert.Equal("stimuli.train.width", e.KeyPath);
        Assert.Contains("only 2 ms", e.Message);
    }

    [Fact]
    public void Rounding_and_clipping_are_warned_about_with_file_line_and_key()
    {
        using var f = new ScenarioTestFiles();
        var s = f.Load("w.yaml", ScenarioTestFiles.Base,
            "projections.C_WDR.delay=0.05ms", "stimuli.train.start=5s", "duration=2.00005s",
            "interventions.late={at: 3 s, drug: ketamine, dose: 1}");
        Assert.Contains(s.Warnings, w => w.Contains("projections.C_WDR.delay") && w.Contains("shorter than dt"));
        Assert.Contains(s.Warnings, w => w.Contains("stimuli.train.start") && w.Contains("never acts"));
        Assert.Contains(s.Warnings, w => w.Contains("duration") && w.Contains("whole number of steps"));
        Assert.Contains(s.Warnings, w => w.Contains("interventions.late.at") && w.Contains("never acts"));
        Assert.All(s.Warnings, w => Assert.StartsWith(Path.Combine(f.Dir, "w.yaml") + ":", w.Replace("--set", Path.Combine(f.Dir, "w.yaml"))));
        // a clean scenario has none
        Assert.Empty(f.Load("clean.yaml", ScenarioTestFiles.Base, "duration=20s").Warnings);
    }

    [Fact]
    public void Pulses_above_what_fibres_follow_and_pulses_after_the_end_are_warned_about()
    {
        using var f = new ScenarioTestFiles();
        var s = f.Load("w.yaml", ScenarioTestFiles.Base, "stimuli.train.frequency=2000Hz", "stimuli.train.count=3");
        Assert.Contains(s.Warnings, w => w.Contains("stimuli.train.frequency") && w.Contains("refractory"));
        var late = f.Load("l.yaml", ScenarioTestFiles.Base, "stimuli.train.count=40", "stimuli.train.frequency=10Hz");
        Assert.Contains(late.Warnings, w => w.Contains("stimuli.train.count") && w.Contains("after the run ends"));
    }

    [Fact]
    public void Nk1_is_activated_by_peptidergic_fibres_only()
    {
        // regression: 'peptidergic' was parsed and ignored, so every C fibre released substance P
        var spec = Engine.Specs.Empty("pep", 1000);
        spec.Populations.Add(new PopulationSpec { Name = "C", Kind = PopulationKind.Afferent, Count = 10, Fibre = FibreClass.C, Peptidergic = 0.3 });
        spec.Populations.Add(Engine.Specs.Neurons("N", 1, "lif", ("VT", 100)));
        var pr = new ProjectionSpec { Name = "C_N", From = "C", To = "N", Connect = new ConnectSpec { Rule = ConnectRule.All } };
        pr.Receptors["AMPA"] = 1;
        pr.Receptors["NK1"] = 0.5;
        spec.Projections.Add(pr);
        var net = NetworkBuilder.Build(spec);
        var p = net.Projections[0];
        var nk1 = Enumerable.Range(0, 10).Select(i => p.Weights[i * 2 + 1]).ToArray();
        var ampa = Enumerable.Range(0, 10).Select(i => p.Weights[i * 2]).ToArray();
        Assert.Equal(3, nk1.Count(w => w == 0.5f)); // the first 3 of 10 fibres are peptidergic
        Assert.Equal(7, nk1.Count(w => w == 0));
        Assert.All(ampa, w => Assert.Equal(1f, w)); // glutamate from all
        spec.Populations[0].Peptidergic = 0;
        Assert.Contains("no fibre of C is peptidergic", Assert.Throws<BuildException>(() => NetworkBuilder.Build(spec)).Message);
    }

    [Fact]
    public void Nk1_from_a_population_without_peptidergic_fibres_is_a_load_error()
    {
        using var f = new ScenarioTestFiles();
        var e = Assert.Single(f.Errors("x.yaml", ScenarioTestFiles.Base, "populations.C.peptidergic=0", "projections.C_WDR.receptors.NK1=0.1nS"));
        Assert.Equal("projections.C_WDR.receptors.NK1", e.KeyPath);
        Assert.Contains("peptide receptor", e.Message);
    }
}
