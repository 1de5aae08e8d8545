using CircuitSim.Model;
using CircuitSim.Recording;

namespace CircuitSim.Metrics;

/// <summary>The response of one population in one time window: spikes per neuron and the mean rate per neuron.</summary>
/// <param name="WindowStartMs">Start of the window, ms from the start of the run.</param>
/// <param name="WindowEndMs">End of the window (clipped to the run's end), ms.</param>
/// <param name="SpikesPerNeuron">Spikes in [start, end) divided by the population's size.</param>
/// <param name="RateHz">SpikesPerNeuron over the window's length (NaN when the run ended before the window began).</param>
public sealed record ResponseResult(string Name, string Population, double WindowStartMs, double WindowEndMs, double SpikesPerNeuron, double RateHz);

/// <summary>
/// A population's firing in a window of the run (<c>record.metrics.NAME: {type: response, population, window}</c>):
/// how phenotypes are read, e.g. the output of lamina I projection neurons during touch (allodynia)
/// or during a noxious stimulus (Sivilotti &amp; Woolf 1994 and Torsney &amp; MacDermott 2006 measure
/// touch-evoked firing of lamina I neurons in this way, as spikes in the stimulus window).
/// </summary>
public static class ResponseMetric
{
    public static List<ResponseResult> ComputeAll(ScenarioSpec spec, IReadOnlyList<PopulationSpikes> spikes, double runMs)
    {
        var list = new List<ResponseResult>();
        foreach (var (name, m) in spec.Record.Responses)
        {
            var pop = spikes.FirstOrDefault(s => s.Population == m.Population)
                      ?? throw new Engine.BuildException($"record.metrics.{name}: spikes of '{m.Population}' are not recorded", $"record.metrics.{name}.population");
            double end = Math.Min(m.EndMs, runMs);
            int n = 0;
            foreach (double t in pop.TimesMs)
                if (t >= m.StartMs && t < end) n++;
            double perNeuron = pop.Size > 0 ? n / (double)pop.Size : 0;
            double rate = end > m.StartMs ? perNeuron / ((end - m.StartMs) / 1000) : double.NaN;
            list.Add(new ResponseResult(name, m.Population, m.StartMs, end, perNeuron, rate));
        }
        return list;
    }
}
