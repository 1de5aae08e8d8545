using System.Globalization;
using CircuitSim.Model;
using CircuitSim.Synapses;

namespace CircuitSim.Engine;

/// <summary>One part of a run's memory, with what to change when it is too large and the scenario key it comes from.</summary>
public sealed record MemoryPart(string What, double Bytes, string Advice, string? KeyPath = null);

/// <summary>
/// The memory a run needs, estimated from the spec alone before anything is allocated, so that a
/// scenario too large is refused by <c>validate</c> and before a run builds anything: synapses,
/// delay rings and neuron state; trace buffers (samples × neurons × variables × 4 bytes, allocated
/// whole before the first step); pulses scheduled by pulse trains; the network snapshot of
/// <c>record.network</c>. Recorded spikes grow with activity and cannot be known in advance.
/// </summary>
public static class MemoryEstimate
{
    public static long Steps(ScenarioSpec spec) => (long)Math.Round(spec.DurationMs / spec.DtMs);

    public static List<MemoryPart> Parts(ScenarioSpec spec) => new()
    {
        new("synapses, delay rings and neuron state", NetworkBytes(spec), "reduce counts, connection probabilities or delays"),
        new("trace buffers", spec.Record.Traces.Sum(t => 4.0 * TraceValues(spec, t) * t.Variables.Count),
            "record fewer neurons or variables, or sample less often (every)", "record.traces"),
        PulseBytes(spec),
        new("network snapshot (record.network)", spec.Record.Network ? SnapshotBytes(spec) : 0, "set record.network: false", "record.network"),
    };

    /// <summary>Throws a <see cref="BuildException"/> naming the largest part when the total passes <paramref name="limit"/>, or a trace cannot be held in one array.</summary>
    public static void Check(ScenarioSpec spec, long limit)
    {
        foreach (var t in spec.Record.Traces)
            if (TraceValues(spec, t) > Array.MaxLength)
                throw new BuildException(
                    $"record.traces: a trace of {t.Population} would hold {TraceValues(spec, t):N0} values per variable, more than one array can " +
                    $"({Array.MaxLength:N0}): record fewer neurons or sample less often (every)", "record.traces");
        var parts = Parts(spec);
        double total = parts.Sum(p => p.Bytes);
        if (total <= limit) return;
        var biggest = parts.MaxBy(p => p.Bytes)!;
        string list = string.Join(", ", parts.Where(p => p.Bytes >= 0.005e9).OrderByDescending(p => p.Bytes).Select(p => $"{p.What} {Gb(p.Bytes)}"));
        throw new BuildException(
            $"the run needs about {Gb(total)} ({list}) but only {Gb(limit)} may be used: {biggest.Advice}",
            biggest.KeyPath is { } key ? [key] : []);
    }

    private static string Gb(double bytes) => (bytes / 1e9).ToString("0.0", CultureInfo.InvariantCulture) + " GB";

    /// <summary>Values one trace variable holds: samples × neurons, as the trace recorder allocates them.</summary>
    private static double TraceValues(ScenarioSpec spec, TraceSpec t)
    {
        long every = Math.Max(1, (long)Math.Round(t.EveryMs / spec.DtMs));
        long samples = (Steps(spec) + every - 1) / every;
        return (double)samples * (t.Neurons?.Length ?? 1);
    }

    private static MemoryPart PulseBytes(ScenarioSpec spec)
    {
        double total = 0, most = 0;
        string? key = null;
        foreach (var st in spec.Stimuli.Where(s => s.Protocol == StimulusProtocol.PulseTrain))
        {
            // per target: the pulse steps (8 bytes each) and which fibres a pulse recruits (a bool each)
            double bytes = st.AllTargets.Sum(t => 8.0 * st.Count + (spec.Population(t)?.Count ?? 0));
            total += bytes;
            if (bytes > most) (most, key) = (bytes, $"stimuli.{st.Name}.count");
        }
        return new("scheduled pulses", total, "give the pulse trains fewer pulses (count)", key);
    }

    private static double NetworkBytes(ScenarioSpec spec)
    {
        double bytes = 0;
        var maxDelay = new Dictionary<string, int>();
        foreach (var pr in spec.Projections)
        {
            var src = spec.Population(pr.From)!;
            var tgt = spec.Population(pr.To)!;
            double nnz = Connectivity.ExpectedSynapses(pr.Connect, src.Count, tgt.Count);
            bytes += nnz * (4 + 4 * pr.Receptors.Count) * 1.1 + 4.0 * src.Count;
            int d = NetworkBuilder.DelaySteps(pr.DelayMs, spec.DtMs);
            maxDelay[pr.To] = Math.Max(maxDelay.GetValueOrDefault(pr.To), d);
        }
        foreach (var ps in spec.Populations)
        {
            long padded = ((long)ps.Count + NeuronPopulation.Padding - 1) / NeuronPopulation.Padding * NeuronPopulation.Padding;
            int channels = ps.Kind == PopulationKind.Neuron ? NetworkBuilder.UsedChannels(spec, ps).Count : 0;
            int slots = maxDelay.GetValueOrDefault(ps.Name) + 1;
            bytes += (double)padded * (4 * 24 + channels * 8) + (double)padded * slots * channels * 4;
        }
        return bytes;
    }

    /// <summary>Every synapse's source, target (8 bytes each), delay and weights (4 bytes each), as <c>NetworkSnapshot</c> copies them.</summary>
    private static double SnapshotBytes(ScenarioSpec spec) => spec.Projections.Sum(pr =>
        Connectivity.ExpectedSynapses(pr.Connect, spec.Population(pr.From)!.Count, spec.Population(pr.To)!.Count) * (20 + 4 * pr.Receptors.Count));
}
