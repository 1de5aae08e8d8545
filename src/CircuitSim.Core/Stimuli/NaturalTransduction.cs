using CircuitSim.Model;

namespace CircuitSim.Stimuli;

/// <summary>How a fibre's steady-state rate depends on the stimulus above its own threshold.</summary>
public enum TransductionLaw
{
    /// <summary>r = g·Rmax·h^n / (h^n + K^n), h = force − threshold (mN); a saturating Hill function.</summary>
    Hill,
    /// <summary>r = min(g·Rmax, g·slope·(T − threshold)); a thresholded linear function of temperature.</summary>
    Linear,
}

/// <summary>How the rate evolves during (and after) a sustained stimulus.</summary>
public enum TemporalProfile
{
    /// <summary>Slowly adapting: r(t) = r_ss·(1 + (overshoot − 1)·e^(−t/τ)) while the stimulus lasts, 0 after.</summary>
    Slow,
    /// <summary>Rapidly adapting: r_peak·e^(−t/τ) after the onset and offsetRatio·r_peak·e^(−(t−D)/τ) after the offset; no steady firing.</summary>
    Rapid,
}

/// <summary>
/// One fibre class's response to one modality. Thresholds are drawn per fibre, log-normally around
/// <see cref="MedianThreshold"/> (mechanical: mN; heat: the increment above skin temperature, °C, so
/// that no fibre's threshold falls below the 32 °C baseline); <see cref="GainSpread"/> scales each
/// fibre's rates log-normally as well.
/// </summary>
public sealed record FibreResponse(
    TransductionLaw Law,
    double MedianThreshold,
    double ThresholdSpread,
    double MaxRateHz,
    double HalfSaturation,
    double HillN,
    double SlopeHzPerUnit,
    double GainSpread,
    TemporalProfile Profile,
    double Overshoot,
    double TauMs,
    double OffsetRatio = 0)
{
    /// <summary>Steady-state (slow) or peak (rapid) rate of a fibre with the given threshold and gain.</summary>
    public double Rate(double intensity, double threshold, double gain)
    {
        double h = intensity - threshold;
        if (h <= 0) return 0;
        return Law switch
        {
            TransductionLaw.Hill => gain * MaxRateHz * Hill(h, HalfSaturation, HillN),
            _ => gain * Math.Min(MaxRateHz, SlopeHzPerUnit * h),
        };
    }

    private static double Hill(double h, double k, double n)
    {
        double hn = Math.Pow(h, n);
        return hn / (hn + Math.Pow(k, n));
    }

    /// <summary>
    /// The rate relative to <see cref="Rate"/> at <paramref name="tMs"/> after the onset of a stimulus
    /// lasting <paramref name="durationMs"/>; 0 when the fibre is silent.
    /// </summary>
    public double TimeFactor(double tMs, double durationMs)
    {
        if (tMs < 0) return 0;
        if (Profile == TemporalProfile.Slow)
            return tMs < durationMs ? 1 + (Overshoot - 1) * Math.Exp(-tMs / TauMs) : 0;
        if (tMs < durationMs) return Math.Exp(-tMs / TauMs);
        double after = tMs - durationMs;
        return after < TailMs ? OffsetRatio * Math.Exp(-after / TauMs) : 0;
    }

    /// <summary>How long the fibre may still fire after the offset: five time constants of a rapid offset response.</summary>
    public double TailMs => Profile == TemporalProfile.Rapid && OffsetRatio > 0 ? 5 * TauMs : 0;
}

/// <summary>
/// Transduction of natural stimuli into afferent firing: a press of a given force (mechanical) or a
/// step of skin temperature (heat). Each fibre class × modality is one small function below. The
/// values are chosen within the ranges of single-unit recordings; they are a smooth stand-in for the
/// force–rate input table with which Medlock et al. 2022 (J Neurosci 42:3133) drove their dorsal
/// horn model, not a fit to any one data set.
/// <list type="bullet">
/// <item>Leem, Willis &amp; Chung 1993 (J Neurophysiol 69:1684), rat glabrous and hairy skin: low-threshold
/// Aβ mechanoreceptors (SA and RA) respond to von Frey forces of about 1 mN and below; Aδ and C
/// high-threshold mechanoreceptors and polymodal nociceptors need forces in the tens of mN; responses
/// grow with force over one to two decades and saturate.</item>
/// <item>Heat: C mechano-heat nociceptors (CMH) have thresholds of about 41–45 °C (Yarnitsky et al. 1992
/// J Physiol 450:581: 41.5 °C; Tillman, Treede, Meyer &amp; Campbell 1995 J Physiol 485:767) and respond
/// roughly linearly above it, about 1–2 Hz/°C, up to ~20 Hz (Slugg, Meyer &amp; Campbell 2000 J
/// Neurophysiol 83:2179). Type II Aδ mechano-heat nociceptors (AMH II) have thresholds ~46–47 °C and a
/// brisk, quickly adapting onset burst (Treede, Meyer, Raja &amp; Campbell 1995 J Physiol 483:747); heat
/// pain carried by Aδ needs ~2.5–3 °C more than pain carried by C (Plaghki et al. 2010 PLoS One
/// 5:e10269). Aβ mechanoreceptors do not respond to noxious heat.</item>
/// </list>
/// </summary>
public static class NaturalTransduction
{
    /// <summary>Resting skin temperature, °C: the baseline of heat steps.</summary>
    public const double SkinTemperatureC = 32;

    /// <summary>The response law of a fibre class to a modality; null when the class does not respond to it.</summary>
    public static FibreResponse? For(FibreClass fibre, Adaptation adaptation, NaturalModality modality) => (fibre, modality) switch
    {
        (FibreClass.Abeta, NaturalModality.Mechanical) => adaptation == Adaptation.Rapid ? AbetaRapidMechanical() : AbetaSlowMechanical(),
        (FibreClass.Adelta, NaturalModality.Mechanical) => AdeltaMechanical(),
        (FibreClass.C, NaturalModality.Mechanical) => CMechanical(),
        (FibreClass.Adelta, NaturalModality.Heat) => AdeltaHeat(),
        (FibreClass.C, NaturalModality.Heat) => CHeat(),
        _ => null, // Aβ: no heat response
    };

    /// <summary>
    /// Aβ slowly adapting (SA-I, Merkel) mechanoreceptors. Median threshold 1 mN, log-normal SD 0.5
    /// (Leem et al. 1993: low-threshold units ≤ 1–5 mN). Steady rate 80 Hz·h/(h + 10 mN), h = force −
    /// threshold: ~7 Hz at 2 mN, ~23 Hz at 5 mN, ~70 Hz at 100 mN, saturating near 80 Hz (SA-I rates
    /// saturate at moderate indentation stress: Ge &amp; Khalsa 2002 J Neurophysiol 87:1686). Onset peak
    /// twice the steady rate, decaying with τ = 500 ms (the dynamic phase of SA-I responses), then firing
    /// for as long as the press lasts; silent at the offset.
    /// </summary>
    public static FibreResponse AbetaSlowMechanical() => new(
        TransductionLaw.Hill, MedianThreshold: 1.0, ThresholdSpread: 0.5, MaxRateHz: 80, HalfSaturation: 10, HillN: 1,
        SlopeHzPerUnit: 0, GainSpread: 0.2, TemporalProfile.Slow, Overshoot: 2.0, TauMs: 500);

    /// <summary>
    /// Aβ rapidly adapting (RA, Meissner and hair-follicle) mechanoreceptors. Median threshold 0.5 mN,
    /// log-normal SD 0.5 (Leem et al. 1993). A burst at the onset with peak rate 150 Hz·h/(h + 5 mN),
    /// decaying with τ = 30 ms (about one spike near threshold, several at strong forces: the saturating
    /// stimulus–response function of RA units, Knibestöl 1973 J Physiol 232:427), and a smaller burst
    /// (half the peak) at the offset; no firing during the sustained press.
    /// </summary>
    public static FibreResponse AbetaRapidMechanical() => new(
        TransductionLaw.Hill, MedianThreshold: 0.5, ThresholdSpread: 0.5, MaxRateHz: 150, HalfSaturation: 5, HillN: 1,
        SlopeHzPerUnit: 0, GainSpread: 0.2, TemporalProfile.Rapid, Overshoot: 1, TauMs: 30, OffsetRatio: 0.5);

    /// <summary>
    /// Aδ high-threshold mechanoreceptors (AM). Median threshold 25 mN, log-normal SD 0.6 (tens of mN,
    /// Leem et al. 1993), so that light touch (≤ 5 mN) recruits almost none. Steady rate 40 Hz·h/(h +
    /// 100 mN): ~17 Hz at 100 mN, ~29 Hz at 300 mN. Slowly adapting: onset 1.5× steady, τ = 1 s.
    /// </summary>
    public static FibreResponse AdeltaMechanical() => new(
        TransductionLaw.Hill, MedianThreshold: 25, ThresholdSpread: 0.6, MaxRateHz: 40, HalfSaturation: 100, HillN: 1,
        SlopeHzPerUnit: 0, GainSpread: 0.2, TemporalProfile.Slow, Overshoot: 1.5, TauMs: 1000);

    /// <summary>
    /// C polymodal nociceptors (CMH). Median threshold 40 mN, log-normal SD 0.6 (Leem et al. 1993: C
    /// nociceptors need tens of mN). Steady rate 20 Hz·h/(h + 150 mN): ~6 Hz at 100 mN, ~13 Hz at
    /// 300 mN (C fibres fire more slowly than Aδ to the same press). Slowly adapting: onset 1.5× steady,
    /// τ = 1 s.
    /// </summary>
    public static FibreResponse CMechanical() => new(
        TransductionLaw.Hill, MedianThreshold: 40, ThresholdSpread: 0.6, MaxRateHz: 20, HalfSaturation: 150, HillN: 1,
        SlopeHzPerUnit: 0, GainSpread: 0.2, TemporalProfile.Slow, Overshoot: 1.5, TauMs: 1000);

    /// <summary>
    /// C mechano-heat nociceptors. Median threshold 43 °C (an increment of 11 °C over the 32 °C skin,
    /// log-normal SD 0.12, i.e. ~±1.3 °C; Yarnitsky et al. 1992, Tillman et al. 1995, Slugg et al. 2000).
    /// Steady rate 1.2 Hz/°C above threshold, at most 20 Hz (Slugg et al. 2000: ~1–2 Hz/°C up to ~20 Hz):
    /// ~6 Hz at 48 °C, almost silent at 40 °C. Onset 1.5× steady, τ = 1 s (responses to sustained heat
    /// peak early and decline).
    /// </summary>
    public static FibreResponse CHeat() => new(
        TransductionLaw.Linear, MedianThreshold: 43 - SkinTemperatureC, ThresholdSpread: 0.12, MaxRateHz: 20, HalfSaturation: 0, HillN: 1,
        SlopeHzPerUnit: 1.2, GainSpread: 0.2, TemporalProfile.Slow, Overshoot: 1.5, TauMs: 1000);

    /// <summary>
    /// Aδ type II mechano-heat nociceptors (AMH II). Median threshold 46.5 °C (increment 14.5 °C, log-normal
    /// SD 0.1, ~±1.5 °C; Treede et al. 1995: ~46–47 °C), 3 Hz/°C above it, at most 40 Hz, with a brisk onset
    /// burst (3× steady, τ = 300 ms; Treede et al. 1995). They need a higher temperature than C fibres.
    /// </summary>
    public static FibreResponse AdeltaHeat() => new(
        TransductionLaw.Linear, MedianThreshold: 46.5 - SkinTemperatureC, ThresholdSpread: 0.1, MaxRateHz: 40, HalfSaturation: 0, HillN: 1,
        SlopeHzPerUnit: 3, GainSpread: 0.2, TemporalProfile.Slow, Overshoot: 3, TauMs: 300);

    /// <summary>
    /// A fibre's threshold from a standard normal draw: mechanical in mN; heat as an absolute temperature
    /// (°C), the baseline plus a log-normally spread increment.
    /// </summary>
    public static double Threshold(FibreResponse r, NaturalModality modality, double z)
    {
        double x = r.MedianThreshold * Math.Exp(r.ThresholdSpread * z);
        return modality == NaturalModality.Heat ? SkinTemperatureC + x : x;
    }

    /// <summary>A fibre's rate gain from a standard normal draw (log-normal, median 1).</summary>
    public static double Gain(FibreResponse r, double z) => Math.Exp(r.GainSpread * z);
}
