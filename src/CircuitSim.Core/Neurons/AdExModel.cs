using CircuitSim.Model;

namespace CircuitSim.Neurons;

/// <summary>
/// Adaptive exponential integrate-and-fire (Brette &amp; Gerstner 2005, J Neurophysiol 94:3637):
/// C dv/dt = −gL(v − EL) + gL ΔT exp((v − VT)/ΔT) − w + Σ g_r(E_r − v) + I,
/// τw dw/dt = a(v − EL) − w; at v ≥ Vpeak: v ← Vr, w ← w + b. Defaults are the paper's
/// (C 281 pF, gL 30 nS, EL −70.6 mV, VT −50.4 mV, ΔT 2 mV, τw 144 ms, a 4 nS, b 80.5 pA).
/// Integration: the leak exactly by its propagator, the other currents held over the step with the
/// exponential one taken at the predicted midpoint (see the kernels); the exponential's argument is
/// clamped so it never overflows in float32.
/// </summary>
public sealed partial class AdExModel : NeuronModel
{
    public override string Name => "adex";
    public override string Description => "adaptive exponential integrate-and-fire (Brette & Gerstner 2005)";

    public override IReadOnlyList<ParameterInfo> Parameters => SharedParameters;

    /// <summary>The AdEx parameters, which models built on AdEx (adex_can) extend.</summary>
    internal static readonly ParameterInfo[] SharedParameters =
    {
        P("C", Dimension.Capacitance, 281, "membrane capacitance"),
        P("gL", Dimension.Conductance, 30, "leak conductance"),
        P("EL", Dimension.Voltage, -70.6, "leak reversal"),
        P("Vr", Dimension.Voltage, -70.6, "reset potential"),
        P("refractory", Dimension.Time, 0, "absolute refractory period"),
        P("ECl", Dimension.Voltage, -70, "chloride (anion) reversal of GABA_A and glycine channels"),
        P("I_bias", Dimension.Current, 0, "constant injected current"),
        P("VT", Dimension.Voltage, -50.4, "threshold slope-factor centre"),
        P("DeltaT", Dimension.Voltage, 2, "slope factor"),
        P("Vpeak", Dimension.Voltage, 0, "spike detection (cut-off) potential"),
        P("a", Dimension.Conductance, 4, "subthreshold adaptation"),
        P("b", Dimension.Current, 80.5, "spike-triggered adaptation"),
        P("tau_w", Dimension.Time, 144, "adaptation time constant"),
    };

    /// <summary>The AdEx firing-pattern presets, shared by models built on AdEx.</summary>
    public override IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> Presets => SharedPresets;

    /// <summary>
    /// Firing patterns of dorsal horn neurons under current steps (Prescott &amp; De Koninck 2002,
    /// J Physiol 539:817, lamina I: tonic, phasic, delayed onset, single spike; Ruscheweyh &amp;
    /// Sandkühler 2002, J Physiol 541:231, laminae I–V: tonic, delayed (an A-current), a short initial
    /// burst, single spike at onset, and irregular "phasic bursting", which is not modelled here — the
    /// <c>phasic</c> preset is Prescott &amp; De Koninck's transient firing confined to the step onset;
    /// Punnakkal et al. 2014 J Physiol 592:759: inhibitory interneurons mostly tonic, excitatory ones
    /// mostly delayed), built from the AdEx parameter sets of Naud, Marcille, Clopath &amp; Gerstner 2008
    /// (Biol Cybern 99:335, Table 1; values as in the Brian 2 example
    /// <c>frompapers/Naud_et_al_2008_adex_firing_patterns.py</c>). Units: C pF, gL nS, EL/VT/ΔT/Vr mV,
    /// a nS, τw ms, b pA, refractory ms. Rheobases (1 s step, dt 0.1 ms) and the step responses are
    /// checked by tests/CircuitSim.Tests/Validation/FiringPatternTests.cs (V4).
    /// Cell size: Naud's sets describe cortical cells (C 100–200 pF, R_in 50–100 MΩ, rheobases 150–220 pA);
    /// superficial dorsal horn neurons are smaller: lamina I membrane resistance 712 ± 89 MΩ (mean ± SEM,
    /// n = 9; Pain 2013 154:1333, PMC3708128 Table 1), 0.77–0.97 GΩ (Luz et al. 2014), with 21 ± 2 mV from
    /// rest to threshold, i.e. rheobases around 20 mV / 0.7 GΩ ≈ 30 pA. Every preset's C, gL, a and b are
    /// therefore scaled by <see cref="DorsalHornSize"/> (0.2): the same dynamics in mV and ms (the AdEx
    /// equations are invariant when conductances, capacitance and currents scale together), so the firing
    /// patterns relative to rheobase are unchanged, at R_in 280–500 MΩ, C 26–40 pF and rheobases 15–45 pA.
    /// Synaptic conductances onto these cells scale with them.
    /// </summary>
    private static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> SharedPresets =
        new Dictionary<string, IReadOnlyDictionary<string, double>>
        {
            // Naud 2008 "tonic spiking", unchanged: C 200, gL 10, EL −70, VT −50, ΔT 2, a 2, τw 30, b 0, Vr −58
            // (their step 500 pA). Rheobase ≈ 220 pA at Naud size, 44 pA here; regular firing through the step, last/first ISI ≈ 1.1.
            ["tonic"] = Set(200, 10, -70, -50, 2, a: 2, tauW: 30, b: 0, vr: -58),
            // Naud 2008 "delayed accelerating", unchanged: C 200, gL 12, EL −70, VT −50, ΔT 2, a −10, τw 300,
            // b 0, Vr −58 (their step 300 pA). Negative a: depolarisation slowly removes an outward current,
            // as the inactivation of the A-type K⁺ current delays firing of lamina II excitatory neurons.
            // Rheobase ≈ 75 pA at Naud size, 15 pA here; first spike after ≈ 475 ms at 1.5× and ≈ 73 ms at 3× rheobase, then
            // accelerating firing. (The base dorsal-horn circuit uses this preset and is tuned to it.)
            ["delayed"] = Set(200, 12, -70, -50, 2, a: -10, tauW: 300, b: 0, vr: -58),
            // Naud 2008 "initial burst" (C 130, gL 18, EL −58, VT −50, ΔT 2, a 4, τw 150, b 120, Vr −50)
            // adjusted to the dorsal horn pattern: used as is it does not burst at 1.5× rheobase (first ISI
            // ≈ 160 ms) and at 3× bursts and then keeps firing at ≈ 13 Hz. Here the reset sits above VT
            // (Vr −48) so every suprathreshold step starts with a high-frequency burst, b 30 pA with a 3 ms
            // refractory period shapes it (3 spikes at ≈ 130–160 Hz at 1.5×, 10 spikes at ≈ 200 Hz within
            // 60 ms at 3× rheobase), and a strong slow subthreshold adaptation (a 60 nS, τw 300 ms)
            // silences the neuron for the rest of the step up to ≈ 3.5× rheobase. Rheobase ≈ 150 pA at Naud size, 30 pA here.
            ["initial_burst"] = Set(130, 18, -58, -50, 2, a: 60, tauW: 300, b: 30, vr: -48, refractory: 3),
            // Naud 2008 "transient spiking" (C 100, gL 10, EL −65, VT −50, ΔT 2, a 10, τw 90, b 100, Vr −47)
            // adjusted: used as is it fires a 2-spike burst at 1.5× rheobase and keeps firing to the end of
            // the step at 3×. Here a larger capacitance (200 pF), a reset to rest (Vr −65) and a small b
            // (20 pA) give an onset discharge at moderate frequency (first ISI ≈ 35 ms at 1.5×, ≈ 13 ms at
            // 3× rheobase), and a strong, slow subthreshold adaptation (a 60 nS, τw 1200 ms) lengthens the
            // intervals until firing stops, ≈ 115 ms (1.5×) to ≈ 280 ms (3×) into the step, up to ≥ 4×
            // rheobase. Rheobase ≈ 170 pA at Naud size, 34 pA here.
            ["phasic"] = Set(200, 10, -65, -50, 2, a: 60, tauW: 1200, b: 20, vr: -65, refractory: 2),
            // Derived from Naud 2008 "transient spiking" (C 100, gL 10, EL −65, VT −50, ΔT 2 as there): a
            // strong subthreshold adaptation (a 60 nS = 6 gL, τw 300 ms; the low-threshold K⁺ current behind
            // single spiking, Prescott, De Koninck & Sejnowski 2008 PLoS Comput Biol 4:e1000198) with a
            // large spike-triggered increment (b 600 pA) and reset to rest (Vr −65): one spike at step onset
            // (≈ 11 ms after it at 1.5×, 5 ms at 3×) from rheobase to ≈ 3.5× rheobase. Rheobase ≈ 190 pA at Naud size, 38 pA here.
            ["single_spike"] = Set(100, 10, -65, -50, 2, a: 60, tauW: 300, b: 600, vr: -65, refractory: 2),
        };

    /// <summary>Scale from the cortical-size parameter sets (Naud et al. 2008) to dorsal horn neurons (see <see cref="SharedPresets"/>).</summary>
    public const double DorsalHornSize = 0.2;

    /// <summary>A preset from Naud-size values (C pF, gL nS, a nS, b pA), scaled to dorsal horn size.</summary>
    private static IReadOnlyDictionary<string, double> Set(double c, double gL, double el, double vt, double deltaT,
        double a, double tauW, double b, double vr, double? refractory = null)
    {
        const double k = DorsalHornSize;
        var d = new Dictionary<string, double>
        {
            ["C"] = c * k, ["gL"] = gL * k, ["EL"] = el, ["VT"] = vt, ["DeltaT"] = deltaT, ["a"] = a * k, ["tau_w"] = tauW, ["b"] = b * k, ["Vr"] = vr,
        };
        if (refractory is { } r) d["refractory"] = r;
        return d;
    }

    public override IReadOnlyList<StateVariable> StateVariables { get; } =
        new[] { S("v", Dimension.Voltage, "membrane potential"), S("w", Dimension.Current, "adaptation current") };

    public override double InitialState(string variable, Func<string, double> param) => variable switch
    {
        "v" => param("EL"),
        _ => 0,
    };
}
