using CircuitSim.Model;

namespace CircuitSim.Neurons;

/// <summary>
/// Leaky integrate-and-fire with conductance synapses: C dv/dt = gL(EL − v) + Σ g_r(E_r − v) + I.
/// With the conductances held over one step the equation is linear in v, so it is integrated
/// exactly: v ← v∞ + (v − v∞)·exp(−dt·g_tot/C), v∞ = (gL·EL + Σ g_r E_r + I)/g_tot.
/// After a spike v is held at Vr for the refractory period while conductances keep decaying
/// (as Brian2's COBA reference, Brette et al. 2007).
/// </summary>
public sealed partial class LifModel : NeuronModel
{
    public override string Name => "lif";
    public override string Description => "leaky integrate-and-fire, exact integration of the linear part";

    public override IReadOnlyList<ParameterInfo> Parameters { get; } = new[]
    {
        P("C", Dimension.Capacitance, 200, "membrane capacitance"),
        P("gL", Dimension.Conductance, 10, "leak conductance"),
        P("EL", Dimension.Voltage, -65, "leak reversal (resting potential)"),
        P("Vr", Dimension.Voltage, -65, "reset potential"),
        P("refractory", Dimension.Time, 2, "absolute refractory period (v held at Vr)"),
        P("ECl", Dimension.Voltage, -70, "chloride (anion) reversal of GABA_A and glycine channels"),
        P("I_bias", Dimension.Current, 0, "constant injected current"),
        P("VT", Dimension.Voltage, -50, "spike threshold"),
    };

    public override IReadOnlyList<(string, Dimension)> StateVariables { get; } = new[] { ("v", Dimension.Voltage) };

    public override double InitialState(string variable, Func<string, double> param) => variable switch
    {
        "v" => param("EL"),
        _ => 0,
    };
}
