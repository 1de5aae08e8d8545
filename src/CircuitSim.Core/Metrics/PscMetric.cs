using CircuitSim.Engine;
using CircuitSim.Model;
using CircuitSim.Synapses;

namespace CircuitSim.Metrics;

/// <summary>Postsynaptic events onto one population in a window: frequency per neuron and mean amplitude.</summary>
/// <param name="FrequencyHz">Released synaptic events carrying the receptor, per target neuron per second (sEPSC or sIPSC frequency).</param>
/// <param name="MeanAmplitudeNs">Mean peak conductance of those events at the receptor, nS (weight × release scale × the target's local gain).</param>
public sealed record PscResult(string Name, string Population, string Receptor, double WindowStartMs, double WindowEndMs, long Events, double FrequencyHz, double MeanAmplitudeNs);

/// <summary>
/// Spontaneous or evoked postsynaptic currents as a patch-clamp experimenter counts them
/// (<c>record.metrics.NAME: {type: psc, population, receptor, window}</c>): every released event of every projection
/// onto the population that carries the receptor (AMPA for sEPSCs, GABA_A for sIPSCs), counted at delivery, so that a
/// presynaptic change (release probability, firing of the inputs) shows in the frequency and a postsynaptic one (a
/// local channel gain) in the amplitude, as Kawasaki et al. 2008 (J Neurosci 28:5189) separate the actions of TNFα,
/// IL-1β and IL-6 on lamina II neurons.
/// </summary>
public static class PscMetric
{
    /// <summary>Gives the counted projections their counters before the run (no allocation in the loop afterwards).</summary>
    public static void Attach(ScenarioSpec spec, Network network, int workers)
    {
        if (spec.Record.Pscs.Count == 0) return;
        long steps = (long)Math.Round(spec.DurationMs / spec.DtMs) + 1;
        // bins of 1 ms, or coarser for long runs (at most 200 000 bins per worker)
        int binSteps = (int)Math.Max(Math.Round(1.0 / spec.DtMs), Math.Ceiling(steps / 200_000.0));
        foreach (var (name, m) in spec.Record.Pscs)
            foreach (var pr in Onto(network, m))
            {
                int r = Array.FindIndex(pr.ChannelIndex, c => pr.Target.Channels[c].Name == m.Receptor);
                if (pr.Events is { } existing && existing.Receptor != r)
                    throw new BuildException($"record.metrics.{name}: projection {pr.Name} is already counted at another receptor (one PSC receptor per projection)", $"record.metrics.{name}.receptor");
                pr.Events ??= new SynapticEventCounts(workers, steps, binSteps, r);
            }
    }

    private static IEnumerable<Projection> Onto(Network network, PscMetricSpec m) =>
        network.Projections.Where(p => p.Target.Name == m.Population && p.ChannelIndex.Any(c => p.Target.Channels[c].Name == m.Receptor));

    public static List<PscResult> ComputeAll(ScenarioSpec spec, Network network, double runMs)
    {
        var list = new List<PscResult>();
        foreach (var (name, m) in spec.Record.Pscs)
        {
            var target = network.NeuronPopulations.First(p => p.Name == m.Population);
            double end = Math.Min(m.EndMs, runMs);
            long from = (long)Math.Round(m.StartMs / spec.DtMs), to = (long)Math.Round(end / spec.DtMs);
            long events = 0, steps = 0;
            double g = 0;
            foreach (var pr in Onto(network, m))
            {
                var (n, c, s) = pr.Events!.Total(from, to);
                events += n;
                g += c;
                steps = s; // every counted projection has the same bins
            }
            // the window as counted: rounded inwards to whole bins (1 ms, coarser in runs over 200 s)
            double seconds = steps * spec.DtMs / 1000;
            list.Add(new PscResult(name, m.Population, m.Receptor, m.StartMs, end, events,
                seconds > 0 ? events / (double)target.Count / seconds : double.NaN, events > 0 ? g / events : double.NaN));
        }
        return list;
    }
}
