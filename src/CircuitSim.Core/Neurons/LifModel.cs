using CircuitSim.Model;

namespace CircuitSim.Neurons;

/// <summary>
/// Leaky integrate-and-fire with conductance synapses: C dv/dt = gL(EL − v) + Σ g_r(E_r − v) + I.
/// The linear (leak) part is integrated exactly with the precomputed propagator P = exp(−dt·gL/C),
/// the synaptic and injected currents held over the step (as NEST's and Brian2's exact linear
/// integrators): v ← v∞ + (v − v∞)·P, v∞ = EL + (Σ g_r(E_r − v) + I)/gL. Exact for current input.
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

    public override void Prepare(Engine.NeuronPopulation pop, double dtMs)
    {
        var pp = pop.ParamArrays;
        float[] C = pp[0], gL = pp[1], P = pop.DerivedArray(0), R = pop.DerivedArray(1);
        for (int i = 0; i < P.Length; i++)
        {
            if (gL[i] == 0) throw new Engine.BuildException($"population {pop.Name}: lif needs gL ≠ 0");
            P[i] = (float)Math.Exp(-dtMs * gL[i] / C[i]);
            R[i] = 1f / gL[i];
        }
    }

    public override double InitialState(string variable, Func<string, double> param) => variable switch
    {
        "v" => param("EL"),
        _ => 0,
    };
}
