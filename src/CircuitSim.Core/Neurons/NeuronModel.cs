using CircuitSim.Model;

namespace CircuitSim.Neurons;

/// <summary>A state variable of a neuron model: its name (as scenarios, traces and SONATA files use it), dimension and meaning.</summary>
public sealed record StateVariable(string Name, Dimension Dimension, string Description);

/// <summary>
/// A neuron model is its named parameters (with units and defaults), its named state variables,
/// and one update written once over lanes (<see cref="Numerics.ILanes{TSelf}"/>), from which the
/// scalar reference kernel (one lane) and the SIMD kernel (a hardware vector) are both derived —
/// GeNN's neuron models are the example. Kernels find their arrays by name once per population
/// (<see cref="Bind"/>), never by position, and a model may have any number of state variables:
/// the engine allocates, initialises, checks, records and exports them from
/// <see cref="StateVariables"/> alone. tests/…/NeuronModelKernelTests checks every model's two
/// kernels against each other.
/// </summary>
public abstract class NeuronModel
{
    public abstract string Name { get; }
    public abstract string Description { get; }
    /// <summary>Parameters common to all models come first: C, gL, EL, Vr, refractory, ECl, I_bias.</summary>
    public abstract IReadOnlyList<ParameterInfo> Parameters { get; }
    /// <summary>State variables besides the synaptic conductances and the refractory count; v first.</summary>
    public abstract IReadOnlyList<StateVariable> StateVariables { get; }
    /// <summary>Firing-pattern presets: name → parameter overrides (internal units).</summary>
    public virtual IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> Presets { get; } =
        new Dictionary<string, IReadOnlyDictionary<string, double>>();

    public ParameterInfo? Parameter(string name)
    {
        foreach (var p in Parameters) if (p.Name == name) return p;
        return null;
    }

    /// <summary>Index of a state variable in <see cref="StateVariables"/>, or −1.</summary>
    public int StateIndex(string name)
    {
        for (int k = 0; k < StateVariables.Count; k++) if (StateVariables[k].Name == name) return k;
        return -1;
    }

    /// <summary>Initial value of a state variable before the scenario's <c>initial</c> applies.</summary>
    public abstract double InitialState(string variable, Func<string, double> param);

    /// <summary>
    /// Checks the parameters of every neuron and computes the per-neuron values the update needs from
    /// them (e.g. the leak propagator exp(−dt·gL/C)) into <see cref="Engine.NeuronPopulation.DerivedArray"/>;
    /// called after building and after every change of a parameter. Throws a BuildException naming the
    /// population, parameter and neuron for a value the model cannot integrate.
    /// </summary>
    public virtual void Prepare(Engine.NeuronPopulation pop, double dtMs) { }

    /// <summary>Resolves, once, the arrays the kernels use by name (parameters, state, derived values).</summary>
    public abstract object Bind(Engine.NeuronPopulation pop);

    /// <summary>
    /// Advances neurons [lo, hi) of the population by one step: synaptic input from ring slot
    /// <paramref name="slotOffset"/>, integration, threshold, reset. Spiking neurons (below
    /// Count) are appended to <paramref name="spikes"/> in ascending order. One lane at a time: the oracle.
    /// </summary>
    public abstract void UpdateScalar(Engine.NeuronPopulation pop, int lo, int hi, int slotOffset, float dt, int[] spikes, ref int spikeCount);

    /// <summary>Same as <see cref="UpdateScalar"/> on hardware vectors; lo and hi are multiples of the padding.</summary>
    public abstract void UpdateVector(Engine.NeuronPopulation pop, int lo, int hi, int slotOffset, float dt, int[] spikes, ref int spikeCount);

    /// <summary>Whether vector kernels run 16 lanes wide (where AVX-512 is accelerated); tests switch it to cover both widths.</summary>
    internal static bool Wide = Numerics.Lane16.Preferred;
    internal static readonly object WidthGate = new();

    protected static ParameterInfo P(string name, Dimension d, double def, string what) => new(name, d, def, what);
    protected static StateVariable S(string name, Dimension d, string what) => new(name, d, what);

    /// <summary>Throws unless <paramref name="ok"/> holds for every neuron's value of the parameter.</summary>
    protected static void Require(Engine.NeuronPopulation pop, string parameter, Func<float, bool> ok, string expectation)
    {
        var a = pop.Param(parameter);
        for (int i = 0; i < pop.Count; i++)
            if (!ok(a[i]))
                throw new Engine.BuildException(
                    $"population {pop.Name}: {pop.Model.Name} parameter {parameter} {expectation} (neuron {i} has {a[i]:G4} {pop.Model.Parameter(parameter)?.Dimension.InternalUnit()})",
                    Engine.BuildException.ParameterPaths(pop.Name, parameter));
    }

    /// <summary>The checks every model shares: C &gt; 0, gL ≥ 0 (&gt; 0 where the model needs it), refractory ≥ 0.</summary>
    protected static void RequireCommon(Engine.NeuronPopulation pop, bool leakRequired)
    {
        Require(pop, "C", c => c > 0, "must be positive");
        if (leakRequired) Require(pop, "gL", g => g > 0, "must be positive");
        else Require(pop, "gL", g => g >= 0, "must not be negative");
        Require(pop, "refractory", r => r >= 0, "must not be negative");
    }
}

public static class NeuronModels
{
    public static readonly NeuronModel Lif = new LifModel();
    public static readonly NeuronModel AdEx = new AdExModel();
    public static readonly NeuronModel Izhikevich = new IzhikevichModel();
    public static readonly NeuronModel AdExCan = new AdExCanModel();

    public static IReadOnlyList<NeuronModel> All { get; } = new NeuronModel[] { Lif, AdEx, Izhikevich, AdExCan };

    public static NeuronModel? Find(string name)
    {
        foreach (var m in All) if (string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase)) return m;
        return null;
    }
}
