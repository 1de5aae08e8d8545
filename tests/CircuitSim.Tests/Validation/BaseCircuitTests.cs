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
        foreach (var type in new[] { "PKCg", "DOR", "CR", "SOM", "TC", "VGLUT3", "DYN", "PV", "islet", "PN", "WDR", "C_pep", "C_np", "Adelta", "Abeta_SA", "Abeta_RA" })
            Assert.Contains(type, names);
        // DOR as Medlock wire it: Adelta and VGLUT3 in, PV inhibition, out to SOM and CR
        var dor = spec.Projections.Where(p => p.From == "DOR" || p.To == "DOR").Select(p => p.From + ">" + p.To).ToHashSet();
        Assert.Equal(new[] { "Adelta>DOR", "VGLUT3>DOR", "PV>DOR", "DOR>SOM", "DOR>CR" }.ToHashSet(), dor);
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
        var r = ScenarioRuns.Run("natural-touch-heat.yaml");
        double touch = r.PerNeuron("PN", 1000, 3300), press = r.PerNeuron("PN", 5000, 7300), heat = r.PerNeuron("PN", 14_000, 17_300);
        Assert.True(r.PerNeuron("Abeta_SA", 1000, 3300) > 20, "the touch drives Abeta fibres");
        Assert.True(touch <= 0.5, $"PN during touch: {touch} spikes/neuron");
        Assert.True(press >= 20, $"PN during the 300 mN press: {press}");
        Assert.True(heat >= 20, $"PN during 48 °C heat: {heat}");
        Assert.True(r.PerNeuron("WDR", 5000, 7300) >= 20, "WDR answer the press");
    }
}
