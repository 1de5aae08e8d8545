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

    public override IReadOnlyList<ParameterInfo> Parameters { get; } = new[]
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

    /// <summary>
    /// Firing patterns of dorsal horn neurons (Prescott &amp; De Koninck 2002, J Physiol 539:817;
    /// Ruscheweyh &amp; Sandkühler 2002, J Physiol 541:231; Punnakkal et al. 2014 J Physiol 592:759:
    /// inhibitory interneurons mostly tonic, excitatory ones mostly delayed, single-spike or
    /// initial-burst), each from the AdEx parameter sets of Naud, Marcille, Clopath &amp; Gerstner 2008
    /// (Biol Cybern 99:335, Table 1): tonic = "tonic spiking"; delayed = "delayed accelerating"
    /// (negative a: subthreshold depolarisation lowers w, as an A-type K⁺ current delays firing);
    /// initial_burst = "initial burst"; phasic = "transient spiking"; single_spike = transient
    /// spiking with much larger adaptation (a 60 nS, b 1 nA, τw 300 ms, reset to rest) so one spike
    /// ends the response whatever the step (derived here, not in Naud's table).
    /// </summary>
    public override IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> Presets { get; } =
        new Dictionary<string, IReadOnlyDictionary<string, double>>
        {
            ["tonic"] = Set(200, 10, -70, -50, 2, a: 2, tauW: 30, b: 0, vr: -58),
            ["delayed"] = Set(200, 12, -70, -50, 2, a: -10, tauW: 300, b: 0, vr: -58),
            ["initial_burst"] = Set(130, 18, -58, -50, 2, a: 4, tauW: 150, b: 120, vr: -50),
            ["phasic"] = Set(100, 10, -65, -50, 2, a: 20, tauW: 90, b: 60, vr: -47),
            ["single_spike"] = Set(100, 10, -65, -50, 2, a: 60, tauW: 300, b: 1000, vr: -65),
        };

    private static IReadOnlyDictionary<string, double> Set(double c, double gL, double el, double vt, double deltaT,
        double a, double tauW, double b, double vr) => new Dictionary<string, double>
    {
        ["C"] = c, ["gL"] = gL, ["EL"] = el, ["VT"] = vt, ["DeltaT"] = deltaT, ["a"] = a, ["tau_w"] = tauW, ["b"] = b, ["Vr"] = vr,
    };

    public override IReadOnlyList<(string, Dimension)> StateVariables { get; } =
        new[] { ("v", Dimension.Voltage), ("w", Dimension.Current) };

    public override double InitialState(string variable, Func<string, double> param) => variable switch
    {
        "v" => param("EL"),
        _ => 0,
    };
}
