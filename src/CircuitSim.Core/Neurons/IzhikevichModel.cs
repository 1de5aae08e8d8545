using CircuitSim.Model;

namespace CircuitSim.Neurons;

/// <summary>
/// Izhikevich (2003, IEEE Trans Neural Netw 14:1569): v' = 0.04v² + 5v + 140 − u + I/C,
/// u' = a(bv − u); at v ≥ Vpeak (30 mV): v ← c, u ← u + d. v in mV, t in ms, u in mV/ms.
/// The synaptic and injected currents (pA) are divided by C (pF) to give the model's input in
/// mV/ms: with C = 100 pF, 1000 pA is the paper's I = 10. Forward Euler at dt.
/// </summary>
public sealed partial class IzhikevichModel : NeuronModel
{
    public override string Name => "izhikevich";
    public override string Description => "Izhikevich (2003) quadratic model with recovery variable u";

    public override IReadOnlyList<ParameterInfo> Parameters { get; } = new[]
    {
        P("C", Dimension.Capacitance, 100, "scales input current (pA) to the model's mV/ms"),
        P("gL", Dimension.Conductance, 0, "unused by this model (kept for a common layout)"),
        P("EL", Dimension.Voltage, -65, "initial potential"),
        P("Vr", Dimension.Voltage, -65, "reset potential (the paper's c)"),
        P("refractory", Dimension.Time, 0, "absolute refractory period"),
        P("ECl", Dimension.Voltage, -70, "chloride (anion) reversal of GABA_A and glycine channels"),
        P("I_bias", Dimension.Current, 0, "constant injected current"),
        P("a", Dimension.Dimensionless, 0.02, "recovery rate (1/ms)"),
        P("b", Dimension.Dimensionless, 0.2, "recovery sensitivity (1/ms... as the paper)"),
        P("d", Dimension.Dimensionless, 8, "after-spike recovery increment (mV/ms)"),
        P("Vpeak", Dimension.Voltage, 30, "spike cut-off"),
    };

    public override IReadOnlyList<StateVariable> StateVariables { get; } =
        new[] { S("v", Dimension.Voltage, "membrane potential"), S("u", Dimension.Dimensionless, "recovery variable (mV/ms)") };

    public override double InitialState(string variable, Func<string, double> param) => variable switch
    {
        "v" => param("EL"),
        "u" => param("b") * param("EL"),
        _ => 0,
    };
}
