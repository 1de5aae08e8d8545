using CircuitSim.Engine;
using CircuitSim.Model;
using CircuitSim.Random;

namespace CircuitSim.Stimuli;

/// <summary>
/// A natural stimulus (a press or a heat step) on one afferent population: fibre i fires in a step
/// with probability r_i(t)·dt, where r_i(t) = <see cref="BaseRateHz"/>[i] · the class's time profile
/// (<see cref="FibreResponse.TimeFactor"/>). The per-fibre rates come from thresholds and gains drawn
/// once at build (<see cref="NaturalTransduction"/>); the firing draws are the counter-based stream
/// (seed, stimulus × target, fibre, step), so spikes do not depend on the thread count.
/// </summary>
public sealed class NaturalDrive : StochasticDrive
{
    /// <summary>Last step (exclusive) at which a fibre may fire: EndStep plus the offset response of rapidly adapting fibres.</summary>
    public required long TailEndStep { get; init; }
    /// <summary>The response law of the target's class to this modality; null when it does not respond.</summary>
    public required FibreResponse? Response { get; init; }
    /// <summary>Per fibre: steady-state (slowly adapting) or peak (rapidly adapting) rate, Hz; 0 below threshold.</summary>
    public required double[] BaseRateHz { get; init; }
    /// <summary>Per fibre: <see cref="BaseRateHz"/>·dt, the firing probability per step at time factor 1.</summary>
    public required float[] BaseProbability { get; init; }
    /// <summary>Per group of four fibres (one Philox block): whether any of them can fire.</summary>
    public required bool[] BlockActive { get; init; }

    public override void Apply(long step, bool[] fires)
    {
        if (step < StartStep || step >= TailEndStep || Response is not { } law) return;
        float f = (float)law.TimeFactor((step - StartStep) * DtMs, (EndStep - StartStep) * DtMs);
        if (f <= 0) return;
        BernoulliFiring.Fire(Seed, Stream, step, f, fires, BaseProbability, BlockActive);
    }

    /// <summary>The stimulus's duration, ms, after checking what every natural stimulus needs: afferent fibres and a duration.</summary>
    internal static double CheckedDuration(StimulusSpec st, SpikeSourcePopulation src)
    {
        if (src.Kind != PopulationKind.Afferent)
            throw new BuildException($"stimulus {st.Name}: a natural stimulus drives afferent fibres, but {src.Name} is {src.Kind.ToString().ToLowerInvariant()}", $"stimuli.{st.Name}.target");
        return st.DurationMs ?? throw new BuildException($"stimulus {st.Name}: a natural stimulus needs a duration", $"stimuli.{st.Name}");
    }

    /// <summary>Builds the drive of stimulus <paramref name="k"/> of <paramref name="spec"/> on afferent population <paramref name="src"/>.</summary>
    public static NaturalDrive Create(ScenarioSpec spec, int k, StimulusSpec st, SpikeSourcePopulation src)
    {
        double durationMs = CheckedDuration(st, src);
        var adaptation = spec.Populations[src.Index].Adaptation;
        var law = NaturalTransduction.For(src.Fibre, adaptation, st.Modality);
        double intensity = st.Modality == NaturalModality.Heat ? st.TemperatureC : st.ForceMn;

        int n = src.Count;
        var rate = new double[n];
        var prob = new float[n];
        var active = new bool[(n + 3) / 4];
        if (law is not null)
        {
            // Thresholds and gains are properties of the fibre: the same for every stimulus of a modality.
            uint purpose = RngPurpose.ForPopulation(RngPurpose.Natural, src.Index);
            ulong modality = st.Modality == NaturalModality.Heat ? 1UL : 0UL;
            for (int i = 0; i < n; i++)
            {
                double th = NaturalTransduction.Threshold(law, st.Modality, Philox.Normal(spec.Seed, purpose, (uint)i, modality));
                double gain = NaturalTransduction.Gain(law, Philox.Normal(spec.Seed, purpose, (uint)i, 2 + modality));
                rate[i] = law.Rate(intensity, th, gain);
                prob[i] = (float)(rate[i] * spec.DtMs * 1e-3);
                if (prob[i] > 0) active[i >> 2] = true;
            }
        }
        long start = (long)Math.Round(st.StartMs / spec.DtMs);
        long end = (long)Math.Round((st.StartMs + durationMs) / spec.DtMs);
        long tail = law is null ? 0 : (long)Math.Ceiling(law.TailMs / spec.DtMs);
        return new NaturalDrive
        {
            Name = st.Name, Target = src, StartStep = start, EndStep = end, TailEndStep = end + tail, DtMs = spec.DtMs,
            Seed = spec.Seed, Stream = RngPurpose.ForStimulus(RngPurpose.Natural, k, src.Index), Response = law,
            BaseRateHz = rate, BaseProbability = prob, BlockActive = active,
        };
    }
}
