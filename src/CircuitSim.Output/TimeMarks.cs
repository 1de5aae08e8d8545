using CircuitSim.Metrics;
using CircuitSim.Model;

namespace CircuitSim.Output;

/// <summary>A stimulus that lasts, ms: a pulse train from its first pulse to the end of its last, or a Poisson, current or natural stimulus.</summary>
public sealed record StimulusSpan(string Label, double StartMs, double EndMs);

/// <summary>A stimulus of a few pulses, drawn as a tick at each (a span of one 2 ms pulse would not show).</summary>
public sealed record StimulusPulses(string Label, double[] TimesMs);

/// <summary>Interventions applied at one time; several at once share one line and one label.</summary>
public sealed record InterventionMark(string Label, double AtMs);

/// <summary>
/// When the stimuli and interventions of a run happened, for marking them on the time axis of the raster
/// and rates figures. Stimuli with the same span (or the same pulses) share one mark, their names joined
/// with " + "; marks after the end of the run are left out and spans are cut at it.
/// </summary>
public sealed record TimeMarks(IReadOnlyList<StimulusSpan> Spans, IReadOnlyList<StimulusPulses> Pulses,
    IReadOnlyList<InterventionMark> Interventions)
{
    /// <summary>Pulse trains of at most this many pulses are drawn as ticks, longer ones as a span.</summary>
    public const int MaxPulseTicks = 5;

    public static TimeMarks None { get; } = new([], [], []);

    public bool IsEmpty => Spans.Count == 0 && Pulses.Count == 0 && Interventions.Count == 0;

    public static TimeMarks From(ScenarioSpec spec, double runMs)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var spans = new List<(string Name, double Start, double End)>();
        var pulses = new List<(string Name, double[] Times)>();
        foreach (var s in spec.Stimuli)
        {
            if (s.StartMs > runMs || s.Protocol == StimulusProtocol.PulseTrain && s.Count < 1) continue;
            if (s.Protocol == StimulusProtocol.PulseTrain)
            {
                var times = PulseTimes(s).Where(t => t <= runMs).ToArray();
                if (times.Length <= MaxPulseTicks) pulses.Add((s.Name, times));
                else spans.Add((s.Name, times[0], Math.Min(times[^1] + s.PulseWidthMs, runMs)));
            }
            else
            {
                double end = s.DurationMs is { } d ? s.StartMs + d : runMs;
                spans.Add((s.Name, s.StartMs, Math.Min(end, runMs)));
            }
        }
        return new TimeMarks(
            spans.GroupBy(x => (x.Start, x.End)).Select(g => new StimulusSpan(Joined(g.Select(x => x.Name)), g.Key.Start, g.Key.End)).ToList(),
            pulses.GroupBy(x => string.Join(",", x.Times)).Select(g => new StimulusPulses(Joined(g.Select(x => x.Name)), g.First().Times)).ToList(),
            spec.Interventions.Where(i => i.AtMs <= runMs).GroupBy(i => i.AtMs).OrderBy(g => g.Key)
                .Select(g => new InterventionMark(Joined(g.Select(i => i.Name)), g.Key)).ToList());
    }

    // a train's frequency only matters from its second pulse on
    static double[] PulseTimes(StimulusSpec s) => s.Count > 1 && s.FrequencyHz > 0 ? WindupMetric.PulseTimesMs(s) : [s.StartMs];

    static string Joined(IEnumerable<string> names) => string.Join(" + ", names);
}
