using System.Text.Json;
using CircuitSim.Engine;
using CircuitSim.Metrics;
using CircuitSim.Recording;
using CircuitSim.Scenarios;

namespace CircuitSim.Tests.Validation;

/// <summary>Runs the ready scenarios of the repository's scenarios/ folder, with --set overrides.</summary>
internal static class ScenarioRuns
{
    public static string Path(string name)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "CircuitSim.sln"))) dir = dir.Parent;
        Assert.NotNull(dir);
        return System.IO.Path.Combine(dir!.FullName, "scenarios", name);
    }

    public static SimulationResult Run(string scenario, params string[] sets) =>
        Runner.Run(ScenarioLoader.Load(Path(scenario), sets), new RunOptions());

    public static PopulationSpikes Spikes(this SimulationResult r, string population) => r.Spikes.Single(s => s.Population == population);

    /// <summary>Spikes per neuron of a population in [fromMs, toMs).</summary>
    public static double PerNeuron(this SimulationResult r, string population, double fromMs, double toMs)
    {
        var s = r.Spikes(population);
        return s.TimesMs.Count(t => t >= fromMs && t < toMs) / (double)s.Size;
    }

    public static WindupResult Windup(this SimulationResult r, string name) =>
        ((Dictionary<string, object>)r.Extra["windup"])[name] as WindupResult ?? throw new InvalidOperationException(name);
}
