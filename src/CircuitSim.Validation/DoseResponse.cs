using System.Globalization;
using System.Text;
using CircuitSim.Engine;
using CircuitSim.Model;
using CircuitSim.Scenarios;

namespace CircuitSim.Validation;

/// <summary>
/// A dose-response curve from a drug scenario with wind-up metrics "before" and "after" (scenarios/drugs/): for each
/// dose and seed, the population's spikes per neuron in every window after the drug, as % of those before it; and
/// the same without the drug. Writes PREFIX.csv (read by pandas) and PREFIX.png.
/// </summary>
public static class DoseResponse
{
    public static int Run(Options o)
    {
        string scenario = o.Scenario ?? throw new ArgumentException("dose-response needs --scenario FILE");
        string iv = o.Intervention ?? throw new ArgumentException("dose-response needs --intervention NAME (the drug's intervention in the scenario)");
        if (o.Doses.Count == 0) throw new ArgumentException("dose-response needs --doses, e.g. \"0.001 uM,0.01 uM,0.1 uM\"");
        string prefix = o.Out ?? throw new ArgumentException("dose-response needs --out PREFIX (PREFIX.csv and PREFIX.png are written)");
        var seeds = o.Seeds;
        double Response(ulong seed, string? dose)
        {
            var sets = new List<string>(o.Sets) { $"seed={seed}", "record.figures=false" };
            sets.Add(dose is null ? $"interventions.{iv}=null" : $"interventions.{iv}.dose={dose}");
            var spec = ScenarioLoader.Load(scenario, sets);
            var r = Runner.Run(spec, new RunOptions());
            var w = (Dictionary<string, object>)r.Extra["windup"];
            double Sum(string name) => ((Metrics.WindupResult)w[name]).ByWindow.Values.Sum(v => v.Sum());
            return 100 * Sum("after") / Sum("before");
        }
        var without = seeds.Select(s => Response(s, null)).ToArray();
        var points = new List<(double Dose, double[] Responses)>();
        string unit = "";
        var csv = new StringBuilder("dose,dose_value,dose_unit,seed,response_percent\n");
        foreach (var s in seeds) csv.Append(CultureInfo.InvariantCulture, $"none,0,,{s},{without[seeds.IndexOf(s)]:G6}\n");
        foreach (var d in o.Doses)
        {
            var parts = d.Split(' ', 2, StringSplitOptions.TrimEntries);
            double value = double.Parse(parts[0], CultureInfo.InvariantCulture);
            unit = parts.Length > 1 ? parts[1] : "fraction";
            var rs = seeds.Select(s => Response(s, d)).ToArray();
            points.Add((value, rs));
            for (int k = 0; k < seeds.Count; k++) csv.Append(CultureInfo.InvariantCulture, $"{d},{value:G6},{unit},{seeds[k]},{rs[k]:G6}\n");
            Console.WriteLine($"{d}: {string.Join(", ", rs.Select(x => x.ToString("F1", CultureInfo.InvariantCulture)))} % of before");
        }
        Output.AtomicFile.WriteAllBytes(prefix + ".csv", Encoding.UTF8.GetBytes(csv.ToString()));
        Output.DoseResponseFigure.Write(prefix + ".png", $"{Path.GetFileNameWithoutExtension(scenario)}: dose-response ({string.Join(", ", seeds.Select(s => $"seed {s}"))})",
            unit, points, without);
        Console.WriteLine($"no drug: {string.Join(", ", without.Select(x => x.ToString("F1", CultureInfo.InvariantCulture)))} % of before; wrote {prefix}.csv, {prefix}.png");
        return 0;
    }
}
