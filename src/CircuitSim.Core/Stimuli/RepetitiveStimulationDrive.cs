using CircuitSim.Engine;
using CircuitSim.Model;
using CircuitSim.Random;

namespace CircuitSim.Stimuli;

/// <summary>
/// Repetitive electrical stimulation as clinicians deliver it (spinal cord stimulation, TENS): tonic or burst
/// pulse trains, a fixed set of recruited fibres, and following limited by refractoriness.
/// Spinal cord stimulation of dorsal column (Aβ) fibres: frequency, amplitude
/// (a fraction of the motor threshold), pulse width, and tonic or burst mode.
/// - Recruitment: each fibre's threshold at 0.2 ms is log-normal around a median fraction of the motor threshold;
///   other widths scale it by the strength–duration curve (1 + c/w)/(1 + c/0.2 ms) (Weiss–Lapicque, chronaxie c).
/// - Following: a recruited fibre fires at a pulse if it is past its absolute refractory period (the population's,
///   1 ms) and has recovered from relative refractoriness, with probability 1 − exp(−(Δ − t_abs)/τ_rel) for Δ since
///   its last spike; so fibres follow tens of Hz one for one and kHz trains only sparsely and asynchronously
///   (dorsal column axons do not follow 1–10 kHz one for one; Crosby et al. 2017).
/// The defaults of median threshold, spread, chronaxie and τ_rel are this model's assumptions (docs/scs.md).
/// Draws are counter-based (seed, stream, fibre, step): the same spikes for any thread count.
/// </summary>
public sealed class RepetitiveStimulationDrive : StochasticDrive
{
    public required bool[] Recruited { get; init; }
    public required double PeriodSteps { get; init; }
    public required ScsMode Mode { get; init; }
    public required int BurstCount { get; init; }
    public required double BurstPeriodSteps { get; init; }
    public required int AbsoluteRefractorySteps { get; init; }
    public required double RelativeRefractoryMs { get; init; }
    /// <summary>The pulses act at the dorsal root ganglion (DRG stimulation): impulses travel only the root.</summary>
    public bool AtRoot { get; init; }
    private long _k, _j;

    /// <summary>Step of pulse j of train (or burst) k.</summary>
    private long PulseStep(long k, long j) => StartStep + (long)Math.Round(k * PeriodSteps + j * BurstPeriodSteps);

    public override void Apply(long step, bool[] fires)
    {
        if (step < StartStep || step >= EndStep) return;
        int perTrain = Mode == ScsMode.Burst ? BurstCount : 1;
        while (PulseStep(_k, _j) < step)
        {
            if (++_j >= perTrain) { _j = 0; _k++; }
        }
        if (PulseStep(_k, _j) != step) return;
        var last = Target.LastSpike;
        for (int i = 0; i < Recruited.Length; i++)
        {
            if (!Recruited[i]) continue;
            long since = step - last[i];
            if (since < AbsoluteRefractorySteps) continue;
            double recovery = 1 - Math.Exp(-(since - AbsoluteRefractorySteps) * DtMs / RelativeRefractoryMs);
            if (recovery >= 1 || Philox.Uniform(Seed, Stream, (uint)i, (ulong)step) < recovery)
            {
                fires[i] = true;
                if (AtRoot) Target.FiresAtRoot[i] = true;
            }
        }
    }

    /// <summary>
    /// TENS: which fibres of an afferent population a pulse of this intensity (multiples of the Aβ threshold at the
    /// same width: the sensory threshold) and width recruits. Each fibre's threshold at 2 ms is the pulse_train's
    /// (the same per-fibre draw), moved to the width w by its class's strength–duration curve relative to Aβ's:
    /// θ(w) = θ(2 ms)·[(1 + c_X/w)/(1 + c_X/2 ms)] / [(1 + c_Aβ/w)/(1 + c_Aβ/2 ms)], so short pulses favour Aβ fibres.
    /// </summary>
    public static bool[] TensRecruitment(ulong seed, uint thresholdStream, SpikeSourcePopulation src, StimulusSpec st)
    {
        double Sd(FibreClass f, double w) => 1 + FibreClasses.ChronaxieMs(f) / w;
        double scale = Sd(src.Fibre, st.PulseWidthMs) / Sd(src.Fibre, 2) / (Sd(FibreClass.Abeta, st.PulseWidthMs) / Sd(FibreClass.Abeta, 2));
        var r = new bool[src.Count];
        for (int i = 0; i < src.Count; i++)
        {
            double th = FibreClasses.ThresholdT(src.Fibre) * Math.Exp(FibreClasses.ThresholdSpread * Philox.Normal(seed, thresholdStream, (uint)i, 0)) * scale;
            r[i] = (st.IntensityT ?? 0) >= th;
        }
        return r;
    }

    /// <summary>Which fibres a stimulus of this amplitude and width recruits (thresholds drawn per fibre from the seed).</summary>
    public static bool[] Recruitment(ulong seed, uint stream, int count, StimulusSpec st) // stream: RngPurpose.ScsThreshold
    {
        var r = new bool[count];
        double widthFactor = (1 + st.ChronaxieMs / st.PulseWidthMs) / (1 + st.ChronaxieMs / 0.2);
        for (int i = 0; i < count; i++)
        {
            double th = st.ThresholdMt * Math.Exp(st.ThresholdSpread * Philox.Normal(seed, stream, (uint)i, 0)) * widthFactor;
            r[i] = st.AmplitudeMt >= th;
        }
        return r;
    }
}
