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

    /// <summary>Membrane potential, mV.</summary>
    public required float[] V { get; init; }
    /// <summary>Second state variable: AdEx w (pA) or Izhikevich u; unused by LIF.</summary>
    public required float[] Recovery { get; init; }
    /// <summary>Remaining refractory steps.</summary>
    public required float[] Refractory { get; init; }
    /// <summary>Injected stimulus current, pA (current stimuli add and remove their amplitude).</summary>
    public required float[] IExt { get; init; }
    /// <summary>Whether any current stimulus targets this population (set by the builder); when not, IExt stays
    /// zero and kernels may skip it (0 + I_b = I_b exactly, so results do not change).</summary>
    public bool ReceivesCurrent { get; set; }
    /// <summary>Per-neuron parameters by name, internal units.</summary>
    public required Dictionary<string, float[]> Params { get; init; }
    public required ReceptorChannel[] Channels { get; init; }
    /// <summary>Scratch: Σ g (nS) and Σ g·E (pA) of the current step, written by the synaptic pass.</summary>
    public float[] GSum => _gSum ??= Numerics.AlignedArrays.Create(PaddedCount);
    public float[] GESum => _gESum ??= Numerics.AlignedArrays.Create(PaddedCount);
    private float[]? _gSum, _gESum;

    /// <summary>Per-neuron values derived from parameters (propagators, inverses) by the model's Prepare, by model-defined slot.</summary>
    public float[][] Derived { get; } = new float[8][];
    public float[] DerivedArray(int slot) => Derived[slot] ??= Numerics.AlignedArrays.Create(PaddedCount);
    /// <summary>Refractory period in steps, per neuron.</summary>
    public required float[] RefractorySteps { get; init; }

    public float[] Param(string name) => Params[name];

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
        UniformParams = ParamArrays.All(Constant) && Derived.All(Constant) && Constant(RefractorySteps);
    }

    /// <summary>Parameter arrays in the order of <c>Model.Parameters</c>, so kernels index them without lookups.</summary>
    public float[][] ParamArrays => _paramArrays ??= Model.Parameters.Select(p => Params[p.Name]).ToArray();
    private float[][]? _paramArrays;

    public ReceptorChannel? Channel(string name) => Array.Find(Channels, c => c.Name == name);

    /// <summary>A reader of one recordable variable (v, w, u, g_X, I_ext; internal units), resolved once so sampling does no lookups.</summary>
    public Func<int, float> Reader(string variable)
    {
        switch (variable)
        {
            case "v": return i => V[i];
            case "w" or "u" when Model.StateVariables.Count > 1: return i => Recovery[i];
            case "I_ext": return i => IExt[i];
        }
        if (variable.StartsWith("g_", StringComparison.Ordinal) && Channel(variable[2..]) is { } c)
            return c.B is { } b ? i => c.Effective(c.A[i] - b[i]) : i => c.Effective(c.A[i]);
        throw new ArgumentException($"population {Name} has no variable '{variable}'");
    }

    public static string UnitOf(NeuronModel model, string variable)
    {
        if (variable.StartsWith("g_", StringComparison.Ordinal)) return "nS";
        if (variable == "I_ext") return "pA";
        foreach (var (name, dim) in model.StateVariables) if (name == variable) return dim.InternalUnit();
        return "1";
    }
}
