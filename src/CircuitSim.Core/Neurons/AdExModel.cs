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

    public override IReadOnlyList<(string, Dimension)> StateVariables { get; } =
        new[] { ("v", Dimension.Voltage), ("w", Dimension.Current) };

    public override double InitialState(string variable, Func<string, double> param) => variable switch
    {
        "v" => param("EL"),
        _ => 0,
    };
}
