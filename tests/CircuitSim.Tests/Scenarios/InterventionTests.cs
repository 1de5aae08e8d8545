using CircuitSim.Scenarios;

namespace CircuitSim.Tests.Scenarios;

public class InterventionTests
{
    [Fact]
    public void Set_paths_are_converted_with_the_dimension_of_their_key()
    {
        using var f = new ScenarioTestFiles();
        var s = f.Load("iv.yaml", ScenarioTestFiles.Base + """
            interventions:
              injury:
                at: 5 s
                set:
                  populations.C.ectopic_rate: 20 Hz
                  populations.WDR.params.ECl: -50 mV
                  populations.WDR.params.tau_w: 0.2 s
                  populations.WDR.receptors.NMDA.decay: 150 ms
                  projections.C_WDR.receptors.NMDA: 1200 pS
                  projections.C_WDR.receptors.NK1: 0.05 nS
                  projections.C_WDR.delay: 2 ms
                  stimuli.train.frequency: 500 mHz
              apv: { at: 8 s, drug: APV, dose: 0.8 }

            """);
        var injury = s.Interventions[0];
        Assert.Equal(("injury", 5000.0, (string?)null), (injury.Name, injury.AtMs, injury.Drug));
        Assert.Equal(
            new[]
            {
                new KeyValuePair<string, double>("populations.C.ectopic_rate", 20),
                new("populations.WDR.params.ECl", -50),
                new("populations.WDR.params.tau_w", 200),
                new("populations.WDR.receptors.NMDA.decay", 150),
                new("projections.C_WDR.receptors.NMDA", 1.2),
                new("projections.C_WDR.receptors.NK1", 0.05),
                new("projections.C_WDR.delay", 2),
                new("stimuli.train.frequency", 0.5),
            },
            injury.Set.Select(kv => new KeyValuePair<string, double>(kv.Key, Math.Round(kv.Value, 9))));
        var apv = s.Interventions[1];
        Assert.Equal(("APV", 0.8, 8000.0), (apv.Drug, apv.Dose, apv.AtMs));
        Assert.Empty(apv.Set);
    }

    [Fact]
    public void Bad_set_paths_and_values_are_reported()
    {
        using var f = new ScenarioTestFiles();
        var errors = f.Errors("iv.yaml", ScenarioTestFiles.Base + """
            interventions:
              bad:
                at: 5 s
                set:
                  populations.WDR.params.ECL: -50 mV
                  populations.WDR.params.ECl: -50 nS
                  populations.C.ectopic_rate: 20
                  duration: 10 s
                  projections.C_WDR.receptors.GABA_B: 1 nS
                  stimuli.tran.frequency: 2 Hz
              late:
                drug: ketamine
                dose: 5 ms

            """);
        Assert.Equal(
            new[]
            {
                ("interventions.bad.set.populations.WDR.params.ECL", 31),
                ("interventions.bad.set.populations.WDR.params.ECl", 32),
                ("interventions.bad.set.populations.C.ectopic_rate", 33),
                ("interventions.bad.set.duration", 34),
                ("interventions.bad.set.projections.C_WDR.receptors.GABA_B", 35),
                ("interventions.bad.set.stimuli.tran.frequency", 36),
                ("interventions.late.at", 38),
                ("interventions.late.dose", 39),
            },
            errors.Select(e => (e.KeyPath, e.Line)));
        Assert.Equal("cannot set 'populations.WDR.params.ECL': 'ECL' is not a numeric key of model 'adex' (population 'WDR'); did you mean 'ECl'?", errors[0].Message);
        Assert.Equal(7, errors[0].Column);
        Assert.Equal("expected a Voltage (e.g. '-65 mV'), found '-50 nS', a Conductance", errors[1].Message);
        Assert.Equal(35, errors[1].Column);
        Assert.Equal("expected a Frequency (e.g. '10 Hz'), found the bare number '20' without a unit", errors[2].Message);
        Assert.StartsWith("cannot set 'duration': 'duration' cannot change during a run", errors[3].Message);
        Assert.StartsWith("cannot set 'projections.C_WDR.receptors.GABA_B': receptor channel of 'WDR' 'GABA_B' is unknown; did you mean 'GABA_A'?", errors[4].Message);
        Assert.StartsWith("cannot set 'stimuli.tran.frequency': stimulus 'tran' is unknown; did you mean 'train'?", errors[5].Message);
        Assert.Contains("required key 'at' is missing", errors[6].Message);
        Assert.Equal("expected a Dose (e.g. '0.15 mg/kg'), found '5 ms', a Time (or a Concentration, or a dimensionless fraction)", errors[7].Message);
    }
}

public class DrugNameTests
{
    [Fact]
    public void UnknownDrugIsReportedWithLineAndSuggestion()
    {
        using var f = new ScenarioTestFiles();
        var err = Assert.Single(f.Errors("d.yaml", """
            name: drug
            duration: 1 s
            populations:
              N: { count: 2 }
            interventions:
              block: { at: 0 s, drug: ketamin, dose: 0.15 mg/kg }
            """));
        Assert.Equal(6, err.Line);
        Assert.Equal("interventions.block.drug", err.KeyPath);
        Assert.Contains("ketamine", err.Message);
    }
}
