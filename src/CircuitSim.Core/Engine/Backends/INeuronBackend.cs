using CircuitSim.Model;

namespace CircuitSim.Engine.Backends;

/// <summary>
/// How neuron populations are advanced: the part of the engine that differs between backends.
/// Everything else (delivery by target, events, recording) is shared by <see cref="Simulation"/>,
/// so backends agree by construction and are compared spike for spike in the tests.
/// </summary>
public interface INeuronBackend
{
    BackendKind Kind { get; }
    string Name { get; }

    /// <summary>Advances neurons [lo, hi) of the population by one step (see NeuronModel.UpdateScalar).</summary>
    void Update(NeuronPopulation pop, int lo, int hi, int slotOffset, float dt, int[] spikes, ref int spikeCount);
}

/// <summary>Plain scalar C#, one neuron at a time: the oracle.</summary>
public sealed class ReferenceBackend : INeuronBackend
{
    public BackendKind Kind => BackendKind.Reference;
    public string Name => "reference";
    public void Update(NeuronPopulation pop, int lo, int hi, int slotOffset, float dt, int[] spikes, ref int spikeCount) =>
        pop.Model.UpdateScalar(pop, lo, hi, slotOffset, dt, spikes, ref spikeCount);
}

/// <summary>Fused per-model vector kernels (System.Numerics, 256- or 512-bit), identical results to the reference.</summary>
public sealed class SimdBackend : INeuronBackend
{
    public BackendKind Kind => BackendKind.Simd;
    public string Name => "simd";
    public void Update(NeuronPopulation pop, int lo, int hi, int slotOffset, float dt, int[] spikes, ref int spikeCount) =>
        pop.Model.UpdateVector(pop, lo, hi, slotOffset, dt, spikes, ref spikeCount);
}

/// <summary>The one place a backend is chosen.</summary>
public static class NeuronBackends
{
    public static INeuronBackend Create(BackendKind kind) => kind switch
    {
        BackendKind.Reference => new ReferenceBackend(),
        BackendKind.Simd or BackendKind.Auto => new SimdBackend(),
        _ => throw new BuildException($"backend {kind.ToString().ToLowerInvariant()} is not available in this build (use simd or reference)", "backend"),
    };
}
