using CircuitSim.Engine;
using CircuitSim.Scenarios;
using CircuitSim.Tests.Scenarios;

namespace CircuitSim.Tests.Studies;

/// <summary>The response metric counts a population's spikes per neuron in its window, as the spike recorder has them.</summary>
public class ResponseMetricTests
{
    [Fact]
    public void A_response_is_the_spikes_per_neuron_and_rate_in_its_window()
    {
        using var f = new ScenarioTestFiles();
        var spec = f.Load("r.yaml", ScenarioTestFiles.Base.Replace("AMPA: 1 nS", "AMPA: 4 nS") +
            "record:\n  spikes: [WDR]\n  metrics:\n    early: { type: response, population: WDR, window: 0.5-1.5 s }\n    all: { type: response, population: WDR, window: 0-2 s }\n  figures: false\n");
        var r = Runner.Run(spec, new RunOptions());
        var wdr = r.Spikes.Single(s => s.Population == "WDR");
        var resp = (Dictionary<string, object>)r.Extra["response"];
        var early = (CircuitSim.Metrics.ResponseResult)resp["early"];
        var all = (CircuitSim.Metrics.ResponseResult)resp["all"];
        double inEarly = wdr.TimesMs.Count(t => t >= 500 && t < 1500) / 10.0;
        Assert.True(wdr.TimesMs.Length > 0);
        Assert.Equal(inEarly, early.SpikesPerNeuron, 12);
        Assert.Equal(inEarly / 1.0, early.RateHz, 12);
        Assert.Equal(wdr.TimesMs.Length / 10.0, all.SpikesPerNeuron, 12);
        Assert.Equal(wdr.TimesMs.Length / 10.0 / 2.0, all.RateHz, 12);
    }

    [Fact]
    public void A_response_of_a_population_whose_spikes_are_not_recorded_is_refused()
    {
        using var f = new ScenarioTestFiles();
        var e = Assert.Single(f.Errors("r.yaml", ScenarioTestFiles.Base + "record:\n  spikes: [C]\n  metrics:\n    x: { type: response, population: WDR, window: 0-1 s }\n"));
        Assert.Equal("record.metrics.x.population", e.KeyPath);
        Assert.Contains("record.spikes does not record them", e.Message);
    }
}
