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

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector<float> v, float[] a, int i) =>
        v.StoreUnsafe(ref MemoryMarshal.GetArrayDataReference(a), (nuint)i);
}
