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

    /// <summary>
    /// Computes the per-neuron values the update needs from the parameters (e.g. the leak
    /// propagator exp(−dt·gL/C)); called after building and after every change of a parameter.
    /// </summary>
    public virtual void Prepare(Engine.NeuronPopulation pop, double dtMs) { }

    /// <summary>
    /// Advances neurons [lo, hi) of the population by one step: synaptic input from ring slot
    /// <paramref name="slotOffset"/>, integration, threshold, reset. Spiking neurons (below
    /// Count) are appended to <paramref name="spikes"/> in ascending order. Scalar oracle.
    /// </summary>
    public abstract void UpdateScalar(Engine.NeuronPopulation pop, int lo, int hi, int slotOffset, float dt, int[] spikes, ref int spikeCount);

    /// <summary>Same as <see cref="UpdateScalar"/> with System.Numerics vectors; lo and hi are multiples of the padding.</summary>
    public abstract void UpdateVector(Engine.NeuronPopulation pop, int lo, int hi, int slotOffset, float dt, int[] spikes, ref int spikeCount);

    /// <summary>Appends the lanes of a spike mask that are real neurons.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    protected static void CollectSpikes(System.Numerics.Vector<int> mask, int i, int count, int[] spikes, ref int spikeCount)
    {
        if (mask == System.Numerics.Vector<int>.Zero) return;
        // one bit per lane, visited lowest first: no spill of the mask to memory, no branch per lane
        ulong bits = System.Numerics.Vector<int>.Count switch
        {
            8 => System.Runtime.Intrinsics.Vector256.ExtractMostSignificantBits(System.Runtime.Intrinsics.Vector256.AsVector256(mask)),
            16 => System.Runtime.Intrinsics.Vector512.ExtractMostSignificantBits(System.Runtime.Intrinsics.Vector512.AsVector512(mask)),
            _ => System.Runtime.Intrinsics.Vector128.ExtractMostSignificantBits(System.Runtime.Intrinsics.Vector128.AsVector128(mask)),
        };
        while (bits != 0)
        {
            int n = i + System.Numerics.BitOperations.TrailingZeroCount(bits);
            if (n >= count) break;
            spikes[spikeCount++] = n;
            bits &= bits - 1;
        }
    }

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
