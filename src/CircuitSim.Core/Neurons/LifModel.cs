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

    public override IReadOnlyList<StateVariable> StateVariables { get; } = new[] { S("v", Dimension.Voltage, "membrane potential") };

    public override void Prepare(Engine.NeuronPopulation pop, double dtMs)
    {
        RequireCommon(pop, leakRequired: true);
        CheckThresholdAboveReset(pop, "VT");
        float[] C = pop.Param("C"), gL = pop.Param("gL"), P = pop.DerivedArray("P"), R = pop.DerivedArray("Rin");
        for (int i = 0; i < P.Length; i++)
        {
            P[i] = (float)Math.Exp(-dtMs * gL[i] / C[i]);
            R[i] = 1f / gL[i];
        }
    }

    /// <summary>A reset at or above threshold fires at every step.</summary>
    internal static void CheckThresholdAboveReset(Engine.NeuronPopulation pop, string threshold)
    {
        float[] vt = pop.Param(threshold), vr = pop.Param("Vr");
        for (int i = 0; i < pop.Count; i++)
            if (!(vt[i] > vr[i]))
                throw new Engine.BuildException(
                    $"population {pop.Name}: {pop.Model.Name} needs {threshold} > Vr (neuron {i}: {threshold} {vt[i]:G4} mV, Vr {vr[i]:G4} mV)",
                    Engine.BuildException.ParameterPaths(pop.Name, threshold, "Vr"));
    }

    /// <summary>The arrays of the LIF kernels, by name.</summary>
    internal sealed class Arrays(Engine.NeuronPopulation pop)
    {
        public readonly float[] V = pop.StateOf("v"), R = pop.Refractory, I = pop.IExt, RS = pop.RefractorySteps,
            EL = pop.Param("EL"), Vr = pop.Param("Vr"), VT = pop.Param("VT"), ECl = pop.Param("ECl"), Ib = pop.Param("I_bias"),
            P = pop.DerivedArray("P"), Rin = pop.DerivedArray("Rin"), GS = pop.GSum, GE = pop.GESum;
    }

    public override object Bind(Engine.NeuronPopulation pop) => new Arrays(pop);

    public override double InitialState(string variable, Func<string, double> param) => variable switch
    {
        "v" => param("EL"),
        _ => 0,
    };
}
