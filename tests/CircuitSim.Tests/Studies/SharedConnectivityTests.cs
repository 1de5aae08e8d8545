using CircuitSim.Engine;
using CircuitSim.Scenarios;
using CircuitSim.Synapses;
using CircuitSim.Tests.Scenarios;

namespace CircuitSim.Tests.Studies;

/// <summary>Runs of a study that differ only in values share their connectivity, built once, and compute exactly what they compute alone.</summary>
public class SharedConnectivityTests
{
    [Fact]
    public void Points_that_change_only_values_build_connectivity_once_and_give_the_spikes_of_runs_alone()
    {
        using var f = new ScenarioTestFiles();
        string file = f.Write("s.yaml", ScenarioTestFiles.Base.Replace("AMPA: 1 nS", "AMPA: 4 nS") + "record:\n  spikes: all\n  figures: false\n");
        var cache = new ConnectivityCache();
        foreach (var nmda in new[] { "0 nS", "0.6 nS", "1.2 nS" })
        {
            var sets = new[] { $"projections.C_WDR.receptors.NMDA={nmda}", "stimuli.train.frequency=2 Hz" };
            var shared = Runner.Run(ScenarioLoader.Load(file, sets), new RunOptions(Threads: 1, Connectivity: cache));
            var alone = Runner.Run(ScenarioLoader.Load(file, sets), new RunOptions(Threads: 1));
            Assert.Equal(alone.Spikes.Select(s => s.TimesMs), shared.Spikes.Select(s => s.TimesMs));
            Assert.Equal(alone.Spikes.Select(s => s.NodeIds), shared.Spikes.Select(s => s.NodeIds));
            Assert.True(alone.Spikes.Single(s => s.Population == "WDR").TimesMs.Length > 0);
        }
        Assert.Equal(1, cache.Builds); // one projection, built for the first point only
        Assert.Equal(2, cache.Hits);

        // another seed, or another population size, is another connectivity
        Runner.Run(ScenarioLoader.Load(file, ["seed=2"]), new RunOptions(Threads: 1, Connectivity: cache));
        Runner.Run(ScenarioLoader.Load(file, ["populations.WDR.count=12"]), new RunOptions(Threads: 1, Connectivity: cache));
        Assert.Equal(3, cache.Builds);
    }
}
