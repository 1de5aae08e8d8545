using CircuitSim.Model;
using CircuitSim.Recording;

namespace CircuitSim.Metrics;

/// <summary>Wind-up of one population to one pulse train.</summary>
/// <param name="SpikesPerStimulus">Spikes per neuron in the latency window after each pulse, by pulse index.</param>
/// <param name="WindupIndex">
/// Herrero, Laird &amp; Lopez-Garcia (2000, Prog Neurobiol 61:169): total response minus N × the first
/// response, divided by N — the extra spikes per stimulus that the train added (0 without wind-up).
/// </param>
/// <param name="RatioLastFirst">Mean response to the last 3 pulses over the response to the first (null when the first is 0).</param>
public sealed record WindupResult(string Name, string Population, string Stimulus, double FrequencyHz, double WindowStartMs,
    double WindowEndMs, double[] SpikesPerStimulus, double WindupIndex, double? RatioLastFirst);

/// <summary>
/// Counts, for each pulse of a pulse_train stimulus, the spikes of a population in a latency window
/// after the pulse (C-fibre responses: e.g. 20–400 ms, Herrero et al. 2000), per neuron.
/// </summary>
public static class WindupMetric
{
    public static double[] PulseTimesMs(StimulusSpec s) =>
        Enumerable.Range(0, s.Count).Select(k => s.StartMs + k * 1000.0 / s.FrequencyHz).ToArray();

    public static WindupResult Compute(string name, WindupMetricSpec m, StimulusSpec stim, PopulationSpikes spikes)
    {
        var pulses = PulseTimesMs(stim);
        var counts = new double[pulses.Length];
        foreach (double t in spikes.TimesMs)
            for (int k = 0; k < pulses.Length; k++)
            {
                double dt = t - pulses[k];
                if (dt >= m.WindowStartMs && dt < m.WindowEndMs) { counts[k]++; break; }
            }
        for (int k = 0; k < counts.Length; k++) counts[k] /= Math.Max(1, spikes.Size);
        int n = counts.Length;
        double first = n > 0 ? counts[0] : 0;
        double index = n > 0 ? (counts.Sum() - n * first) / n : 0;
        double? ratio = n > 0 && first > 0 ? counts.Skip(Math.Max(0, n - 3)).Average() / first : null;
        return new WindupResult(name, m.Population, m.Stimulus, stim.FrequencyHz, m.WindowStartMs, m.WindowEndMs, counts, index, ratio);
    }

    /// <summary>All wind-up metrics a scenario asks for, from a finished run's spikes.</summary>
    public static List<WindupResult> ComputeAll(ScenarioSpec spec, IReadOnlyList<PopulationSpikes> spikes)
    {
        var list = new List<WindupResult>();
        foreach (var (name, m) in spec.Record.Windup)
        {
            var stim = spec.Stimuli.Find(s => s.Name == m.Stimulus)
                       ?? throw new Engine.BuildException($"record.metrics.{name}: no stimulus '{m.Stimulus}'");
            var pop = spikes.FirstOrDefault(s => s.Population == m.Population)
                      ?? throw new Engine.BuildException($"record.metrics.{name}: spikes of '{m.Population}' are not recorded");
            list.Add(Compute(name, m, stim, pop));
        }
        return list;
    }
}
