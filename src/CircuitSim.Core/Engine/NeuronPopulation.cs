using CircuitSim.Model;
using CircuitSim.Neurons;
using CircuitSim.Synapses;

namespace CircuitSim.Engine;

/// <summary>
/// A population of model neurons as structure of arrays. Arrays are padded to a multiple of
/// <see cref="Padding"/> so vector kernels need no tail loop; padded neurons are never reported.
/// </summary>
public sealed class NeuronPopulation : Population
{
    public const int Padding = 16;

    public required NeuronModel Model { get; init; }
    public int PaddedCount => (Count + Padding - 1) / Padding * Padding;
    public string? Lamina { get; init; }
    /// <summary>Mediolateral position, µm (see <c>LaminaGeometry</c>).</summary>
    public float[] X { get; init; } = Array.Empty<float>();
    /// <summary>Depth from the dorsal surface, µm, within the lamina's band.</summary>
    public float[] Y { get; init; } = Array.Empty<float>();

    /// <summary>The model's state variables, in the order of <c>Model.StateVariables</c> (v first).</summary>
    public required float[][] State { get; init; }
    /// <summary>Membrane potential, mV (the first state variable of every model).</summary>
    public float[] V => State[0];
    /// <summary>A state variable by name (throws when the model has none of that name).</summary>
    public float[] StateOf(string name)
    {
        int k = Model.StateIndex(name);
        return k >= 0 ? State[k] : throw new ArgumentException($"population {Name} (model {Model.Name}) has no state variable '{name}'");
    }
    /// <summary>Remaining refractory steps.</summary>
    public required float[] Refractory { get; init; }
    /// <summary>Injected current the kernels read, pA: the stimulus current plus the background noise, if any.</summary>
    public required float[] IExt { get; init; }
    /// <summary>Stimulus current, pA (current stimuli add and remove their amplitude); the same array as IExt without noise.</summary>
    public float[] IStim { get; init; } = null!;
    /// <summary>Background noise current, or null.</summary>
    public Neurons.MembraneNoise? Noise { get; init; }
    /// <summary>Whether any current stimulus targets this population (set by the builder); when not, IExt stays
    /// zero and kernels may skip it (0 + I_b = I_b exactly, so results do not change).</summary>
    public bool ReceivesCurrent { get; set; }
    /// <summary>Per-neuron parameters by name, internal units.</summary>
    public required Dictionary<string, float[]> Params { get; init; }
    public required ReceptorChannel[] Channels { get; init; }
    /// <summary>Scratch: Σ g (nS) and Σ g·E (pA) of the current step, written by the synaptic pass.</summary>
    public float[] GSum => _gSum ??= Numerics.AlignedArrays.Create(PaddedCount);
    public float[] GESum => _gESum ??= Numerics.AlignedArrays.Create(PaddedCount);
    private float[]? _gSum, _gESum, _gCa, _gECa;
    /// <summary>Scratch: the Ca²⁺-carried Σf·g (nS) and Σf·g·E (pA) of the step, for models with intracellular calcium.</summary>
    public float[] GCaSum => _gCa ??= Numerics.AlignedArrays.Create(PaddedCount);
    public float[] GECaSum => _gECa ??= Numerics.AlignedArrays.Create(PaddedCount);

    /// <summary>Per-neuron values derived from parameters (propagators, inverses) by the model's Prepare, by name.</summary>
    public Dictionary<string, float[]> Derived { get; } = new();
    public float[] DerivedArray(string name) =>
        Derived.TryGetValue(name, out var a) ? a : Derived[name] = Numerics.AlignedArrays.Create(PaddedCount);
    /// <summary>The model's arrays resolved by name once (see <c>NeuronModel.Bind</c>), so kernels do no lookups.</summary>
    public object? Binding { get; set; }
    /// <summary>Refractory period in steps, per neuron.</summary>
    public required float[] RefractorySteps { get; init; }

    public float[] Param(string name) =>
        Params.TryGetValue(name, out var a) ? a : throw new ArgumentException($"population {Name} (model {Model.Name}) has no parameter '{name}'");

    /// <summary>Set when a mechanism changes parameters per neuron during the run (chloride dynamics move ECl): never uniform then.</summary>
    public bool ParamsChangeDuringRun { get; set; }

    /// <summary>True when every parameter, derived value and refractory period is the same for all neurons.</summary>
    public bool UniformParams { get; private set; }

    /// <summary>Recomputes <see cref="UniformParams"/>; called after building and after every parameter change.</summary>
    public void UpdateUniformity()
    {
        static bool Constant(float[]? a)
        {
            if (a is null || a.Length == 0) return true;
            float x = a[0];
            foreach (float y in a) if (y != x) return false;
            return true;
        }
        UniformParams = !ParamsChangeDuringRun && Params.Values.All(Constant) && Derived.Values.All(Constant) && Constant(RefractorySteps);
    }

    public ReceptorChannel? Channel(string name) => Array.Find(Channels, c => c.Name == name);

    /// <summary>A reader of one recordable variable (a state variable, g_X, I_ext; internal units), resolved once so sampling does no lookups.</summary>
    public Func<int, float> Reader(string variable)
    {
        switch (variable)
        {
            case "I_ext": return i => IExt[i];
        }
        if (Model.StateIndex(variable) is var k and >= 0) { var a = State[k]; return i => a[i]; }
        if (variable.StartsWith("g_", StringComparison.Ordinal) && Channel(variable[2..]) is { } c)
            return c.B is { } b ? i => c.Effective(c.A[i] - b[i]) : i => c.Effective(c.A[i]);
        throw new ArgumentException($"population {Name} has no variable '{variable}'");
    }

    public static string UnitOf(NeuronModel model, string variable)
    {
        if (variable.StartsWith("g_", StringComparison.Ordinal)) return "nS";
        if (variable == "I_ext") return "pA";
        foreach (var sv in model.StateVariables) if (sv.Name == variable) return sv.Dimension.InternalUnit();
        return "1";
    }
}
