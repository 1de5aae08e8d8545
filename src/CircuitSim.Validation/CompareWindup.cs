using CircuitSim.Engine;
using CircuitSim.Scenarios;

namespace CircuitSim.Validation;

/// <summary>
/// One wind-up figure for several scenarios (fibromyalgia against healthy, a drug against none): runs each
/// scenario on each seed and draws its metric, named "scenario, seed N", with the engine's wind-up figure.
/// </summary>
public static class CompareWindup
{
    public static int Run(Options o, IReadOnlyList<string> scenarios, string metric)
    {
        if (scenarios.Count < 2) throw new ArgumentException("compare-windup needs two or more --scenario FILE");
        string path = o.Out ?? throw new ArgumentException("compare-windup needs --out FILE.png");
        var results = new List<Metrics.WindupResult>();
        foreach (var file in scenarios)
            foreach (var seed in o.Seeds)
            {
                var spec = ScenarioLoader.Load(file, o.Sets.Concat(new[] { $"seed={seed}", "record.figures=false" }).ToList());
                var r = Runner.Run(spec, new RunOptions());
                var w = (Metrics.WindupResult)((Dictionary<string, object>)r.Extra["windup"])[metric];
                results.Add(w with { Name = $"{Path.GetFileNameWithoutExtension(file)}, seed {seed}" });
                Console.WriteLine($"{file} seed {seed}: {string.Join(" ", w.SpikesPerStimulus.Select(x => x.ToString("F2", System.Globalization.CultureInfo.InvariantCulture)))}");
            }
        Output.WindupFigure.Write(path, results);
        Console.WriteLine($"wrote {path}");
        return 0;
    }
}
