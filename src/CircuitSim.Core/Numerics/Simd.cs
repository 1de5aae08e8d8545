using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CircuitSim.Numerics;

/// <summary>
/// Vector loads and stores without bounds checks, for the neuron kernels: every state array is
/// padded to a multiple of the vector width and kernels only index [lo, hi) within that
/// padding, so the checks (two instructions per array per vector) are redundant and cost about
/// a quarter of a kernel's instructions.
/// </summary>
public static class Simd
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Load(float[] a, int i) =>
        Vector.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(a), (nuint)i);

    /// <summary>A parameter for neurons [i, i+width): the broadcast value when the population's
    /// parameters are uniform (<typeparamref name="TUniform"/> on: one register instead of one load
    /// per parameter), else a load.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Param<TUniform>(float[] a, int i, Vector<float> uniform) where TUniform : struct, IKernelSwitch =>
        TUniform.On ? uniform : Load(a, i);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector<float> v, float[] a, int i) =>
        v.StoreUnsafe(ref MemoryMarshal.GetArrayDataReference(a), (nuint)i);
}

/// <summary>
/// A compile-time switch for kernel specialisation (the JIT removes the branch not taken): whether a
/// population's parameters are uniform, whether a channel is blocked, whether current is injected.
/// </summary>
public interface IKernelSwitch
{
    static abstract bool On { get; }
}

public readonly struct SwitchOn : IKernelSwitch
{
    public static bool On => true;
}

public readonly struct SwitchOff : IKernelSwitch
{
    public static bool On => false;
}
