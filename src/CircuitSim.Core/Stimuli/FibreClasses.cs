using CircuitSim.Model;

namespace CircuitSim.Stimuli;

/// <summary>
/// Conduction velocities of primary afferents (mammalian peripheral nerve; Djouhri &amp; Lawson
/// 2004 Brain Res Rev 46:131; Harper &amp; Lawson 1985 J Physiol 359:31): C fibres 0.5–2 m/s
/// (default 1 m/s), Aδ 5–30 m/s (default 10 m/s), Aβ 35–75 m/s (default 40 m/s).
/// </summary>
public static class FibreClasses
{
    /// <summary>
    /// Electrical threshold of a fibre class for a 2 ms pulse, in multiples of the Aβ threshold (T):
    /// Aβ 1 T, Aδ 8 T, C 25 T, the ratios of typical in vivo thresholds in rat (Aβ 0.05–0.1 mA, Aδ
    /// 0.4–1 mA, C 1.2–3 mA with 2 ms pulses; e.g. Suzuki, Rygh &amp; Dickenson 2004 Trends Pharmacol
    /// Sci 25:613 and the wind-up protocols reviewed by Herrero et al. 2000). Per fibre the threshold
    /// varies log-normally with an SD of 25 %.
    /// </summary>
    public static double ThresholdT(FibreClass f) => f switch
    {
        FibreClass.Abeta => 1.0,
        FibreClass.Adelta => 8.0,
        FibreClass.C => 25.0,
        _ => 1.0,
    };

    public const double ThresholdSpread = 0.25;

    /// <summary>
    /// Chronaxie of each class's strength–duration curve, ms: longer for thinner fibres, so short pulses recruit
    /// large fibres selectively (the basis of conventional TENS). Aβ 0.15, Aδ 0.3, C 1.5 ms are this model's
    /// assumptions within the usual ranges (large myelinated axons ~0.1–0.3 ms, unmyelinated ~1–2 ms or more);
    /// no per-class measurement in rat nerve was found.
    /// </summary>
    public static double ChronaxieMs(FibreClass f) => f switch
    {
        FibreClass.Abeta => 0.15,
        FibreClass.Adelta => 0.3,
        FibreClass.C => 1.5,
        _ => 0.15,
    };

    /// <summary>
    /// Named intensities: 'Abeta' (3 T) recruits Aβ only, 'Adelta' (20 T) Aβ and Aδ, 'C' (75 T, three
    /// times the C threshold as in wind-up protocols) all three classes.
    /// </summary>
    public static double? NamedIntensity(string word) => word.ToLowerInvariant().Replace("-strength", "").Replace("_strength", "") switch
    {
        "abeta" or "aβ" => 3.0,
        "adelta" or "aδ" => 20.0,
        "c" => 75.0,
        _ => null,
    };

    public static double DefaultVelocity(FibreClass f) => f switch
    {
        FibreClass.C => 1.0,
        FibreClass.Adelta => 10.0,
        FibreClass.Abeta => 40.0,
        _ => 1.0,
    };

    /// <summary>
    /// Activity-dependent slowing of conduction (ADS): each impulse raises the fibre's latency by a
    /// fraction κ, which recovers exponentially with τ. C nociceptors: Serra et al. 1999 (J Physiol
    /// 515:799; human CMi nociceptors) measured +28.3 ± 9.7 % latency after 3 min at 2 Hz; with τ = 60 s
    /// (recovery over minutes; an assumption, the abstract gives no time constant), κ·2 Hz·τ·(1 − e^(−180/60))
    /// = 0.283 gives κ = 0.25 % per impulse. Rat C fibres slow from 1 Hz on (Dickie et al. 2017). A fibres:
    /// no slowing (Serra's cold and mechano-insensitive A classes: 0.8–5 %, neglected). Slowing is capped at
    /// 40 %: beyond it nociceptors block intermittently (58 % of them at 4 Hz, Serra et al. 1999), which
    /// is not modelled.
    /// </summary>
    public static double DefaultSlowingPerSpike(FibreClass f) => f == FibreClass.C ? 0.0025 : 0;

    /// <summary>Recovery time constant of activity-dependent slowing, ms (see <see cref="DefaultSlowingPerSpike"/>).</summary>
    public static double DefaultSlowingRecoveryMs(FibreClass f) => 60_000;

    /// <summary>
    /// Laminae of a fibre's central terminals (Todd 2010 Nat Rev Neurosci 11:823, Fig. 1; Light &amp; Perl 1979 J Comp
    /// Neurol 186:133; Abraira &amp; Ginty 2013 Neuron 79:618): peptidergic C nociceptors in I and IIo, non-peptidergic
    /// C in lamina II (its middle), Aδ nociceptors in I and V, Aβ low-threshold mechanoreceptors in IIi to IV (the
    /// LTMR-recipient zone).
    /// </summary>
    public static IReadOnlyList<string> TerminalLaminae(FibreClass f, bool peptidergic) => f switch
    {
        FibreClass.C => peptidergic ? ["I", "IIo"] : ["II"],
        FibreClass.Adelta => ["I", "V"],
        _ => ["IIi", "III", "IV"],
    };

    /// <summary>Descending monoaminergic axons end throughout the dorsal horn, densest in I–II and V (Millan 2002 Prog Neurobiol 66:355).</summary>
    public static readonly IReadOnlyList<string> DescendingTerminalLaminae = ["I", "II", "V"];

    /// <summary>Largest fractional slowing (see <see cref="DefaultSlowingPerSpike"/>).</summary>
    public const double MaxSlowing = 0.4;
}
