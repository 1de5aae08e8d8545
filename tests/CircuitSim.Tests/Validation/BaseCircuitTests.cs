using CircuitSim.Engine;
using CircuitSim.Output;
using CircuitSim.Scenarios;
using CircuitSim.Tests.Output;

namespace CircuitSim.Tests.Validation;

public class BaseCircuitTests
{
    [Fact]
    public void BaseCircuitPlacesNeuronsInTheirLaminaeAndPandasReadsThePositions()
    {
        var spec = ScenarioLoader.Load(ScenarioRuns.Path("base/dorsal-horn.yaml"), new[] { "duration=10ms" });
        var dir = Directory.CreateTempSubdirectory("circuitsim-nodes-").FullName;
        try
        {
            ResultsWriter.WriteAll(Runner.Run(spec, new RunOptions()), dir);
            var text = ExternalTool.RunPython("""
                import sys, pandas as pd
                n = pd.read_csv(sys.argv[1] + "/nodes.csv")
                g = n.groupby("population")["y_um"]
                print(len(n), g.min()["PN"] >= 0, g.max()["PN"] <= 30, g.min()["WDR"] >= 400, g.max()["WDR"] <= 550,
                      g.min()["PKCg"] >= 80, g.max()["PKCg"] <= 130, n.x_um.min() >= 0, n.x_um.max() <= 400)
                """, dir);
            int neurons = spec.Populations.Where(p => p.Kind == CircuitSim.Model.PopulationKind.Neuron).Sum(p => p.Count);
            Assert.Equal($"{neurons} True True True True True True True True", text.Trim());
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void BaseCircuitHasEveryTypeOfMedlock2022PlusWdrAndTheAfferentClasses()
    {
        var spec = ScenarioLoader.Load(ScenarioRuns.Path("base/dorsal-horn.yaml"));
        var names = spec.Populations.Select(p => p.Name).ToHashSet();
        foreach (var type in new[] { "PKCg", "DOR", "CR", "SOM", "TC", "VGLUT3", "DYN", "PV", "islet", "PN", "WDR", "C_pep", "C_np", "Adelta", "Abeta_SA", "Abeta_SA2", "Abeta_RA" })
            Assert.Contains(type, names);
        // DOR as Medlock wire it: Adelta and VGLUT3 in, PV inhibition, out to SOM and CR
        var dor = spec.Projections.Where(p => p.From == "DOR" || p.To == "DOR").Select(p => p.From + ">" + p.To).ToHashSet();
        Assert.Equal(new[] { "Adelta>DOR", "VGLUT3>DOR", "PV>DOR", "DOR>SOM", "DOR>CR" }.ToHashSet(), dor);
    }

    [Fact]
    public void BaseCircuitHoldsMedlock2022sCountsAndEveryConnectionRuleOfTheirs()
    {
        // scenarios/medlock-2022.yaml is Medlock et al. 2022's network as they published it; the base circuit
        // must contain it: the same populations with the same counts and cell types, and every one of their
        // connections with their probability 0.2 and the same receptors (weights are the base's own).
        var medlock = ScenarioLoader.Load(ScenarioRuns.Path("medlock-2022.yaml"));
        var basis = ScenarioLoader.Load(ScenarioRuns.Path("base/dorsal-horn.yaml"));
        foreach (var m in medlock.Populations)
        {
            var b = basis.Population(m.Name);
            Assert.True(b is not null, $"base lacks {m.Name}");
            Assert.Equal((m.Name, m.Count, m.Kind, m.Model, m.Preset, m.Lamina), (b!.Name, b.Count, b.Kind, b.Model, b.Preset, b.Lamina));
            if (m.Kind == CircuitSim.Model.PopulationKind.Afferent) Assert.Equal((m.Fibre, m.PeptidergicFraction), (b.Fibre, b.PeptidergicFraction));
        }
        Assert.Equal(42, medlock.Projections.Count);
        foreach (var m in medlock.Projections)
        {
            var b = basis.Projections.SingleOrDefault(p => p.From == m.From && p.To == m.To);
            Assert.True(b is not null, $"base lacks {m.From} -> {m.To}");
            Assert.Equal((CircuitSim.Model.ConnectRule.Probability, 0.2), (b!.Connect.Rule, b.Connect.P));
            Assert.Equal(m.Receptors.Keys.Order(), b.Receptors.Keys.Order());
        }
    }

    [Fact]
    public void RasterReadsByLaminaWithLaminaIAtTheTop()
    {
        CircuitSim.Recording.PopulationSpikes P(string name, string? lamina) =>
            new() { Population = name, Size = 1, NodeIds = Array.Empty<int>(), TimesMs = Array.Empty<double>(), Lamina = lamina };
        var order = RasterFigure.DrawingOrder(new[] { P("PN", "I"), P("C", null), P("WDR", "V"), P("SOM", "II") });
        Assert.Equal(new[] { 1, 2, 3, 0 }, order); // bottom to top: afferent C, WDR (V), SOM (II), PN (I)
    }
}

[Trait("Category", "Slow")]
public class NaturalStimulusCircuitTests
{
    [Fact]
    public void LaminaIProjectionNeuronsIgnoreTouchButAnswerNoxiousPressAndHeat()
    {
        // windows inside each stimulus, so an after-discharge following the press does not count as its response
        var r = ScenarioRuns.Run("natural-touch-heat.yaml");
        double Hz(string pop, double from, double to) => r.PerNeuron(pop, from, to) / ((to - from) / 1000);
        double touch = Hz("PN", 1000, 3000), press = Hz("PN", 5000, 7000), heat = Hz("PN", 14_000, 17_000);
        Assert.True(Hz("Abeta_SA", 1000, 3000) > 10, "the touch drives Abeta fibres");
        Assert.True(touch <= 0.25, $"PN during touch: {touch} Hz");
        Assert.InRange(press, 10, 80);
        Assert.InRange(heat, 10, 80);
        Assert.True(Hz("WDR", 5000, 7000) >= 10, $"WDR answer the press: {Hz("WDR", 5000, 7000)} Hz");
        Assert.True(Hz("WDR", 1000, 3000) < Hz("WDR", 5000, 7000) / 10, "WDR answer the press far more than the touch");
    }
}
