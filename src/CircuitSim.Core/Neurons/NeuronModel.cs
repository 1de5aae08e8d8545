using CircuitSim.Model;

namespace CircuitSim.Neurons;

/// <summary>
/// A neuron model is its state variables, parameters (with units and defaults), update,
/// threshold and reset — nothing else (GeNN's neuron models are the example). The update
/// exists twice, scalar (the oracle) and vectorised, with the same operations in the same
/// order so both give identical spikes.
/// </summary>
public abstract partial class NeuronModel
{
    public abstract string Name { get; }
    public abstract string Description { get; }
    /// <summary>Parameters common to all models come first: C, gL, EL, Vr, refractory, ECl, I_bias.</summary>
    public abstract IReadOnlyList<ParameterInfo> Parameters { get; }
    /// <summary>State variables besides the synaptic conductances (v first).</summary>
    public abstract IReadOnlyList<(string Name, Dimension Dimension)> StateVariables { get; }
    /// <summary>Firing-pattern presets: name → parameter overrides (internal units).</summary>
    public virtual IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> Presets { get; } =
        new Dictionary<string, IReadOnlyDictionary<string, double>>();

    public ParameterInfo? Parameter(string name)
    {
        foreach (var p in Parameters) if (p.Name == name) return p;
        return null;
    }

    /// <summary>Initial value of a state variable before the scenario's <c>initial</c> applies.</summary>
    public abstract double InitialState(string variable, Func<string, double> param);

    protected static ParameterInfo P(string name, Dimension d, double def, string what) => new(name, d, def, what);
}

public static class NeuronModels
{
    public static readonly NeuronModel Lif = new LifModel();
    public static readonly NeuronModel AdEx = new AdExModel();
    public static readonly NeuronModel Izhikevich = new IzhikevichModel();

    public static IReadOnlyList<NeuronModel> All { get; } = new NeuronModel[] { Lif, AdEx, Izhikevich };

    public static NeuronModel? Find(string name)
    {
        foreach (var m in All) if (string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase)) return m;
        return null;
    }
}
