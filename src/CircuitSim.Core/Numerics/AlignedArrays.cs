using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CircuitSim.Numerics;

/// <summary>
/// float[] arrays whose first element lies on a 64-byte cache-line boundary, on the pinned
/// object heap (so they never move). Workers own slices that start at multiples of 16 floats;
/// with aligned arrays no cache line is shared by two workers, which otherwise ping-pong lines
/// at every step and made two threads slower than one on COBA.
/// </summary>
public static class AlignedArrays
{
    private const int Line = 64;
    private static readonly List<object> Fillers = new();
    private static readonly object Gate = new();

    public static unsafe float[] Create(long length)
    {
        lock (Gate)
        {
            for (int attempt = 0; attempt < 16; attempt++)
            {
                var a = GC.AllocateArray<float>(checked((int)length), pinned: true);
                long misalign = (long)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(a)) & (Line - 1);
                if (misalign == 0 || length == 0) return a;
                // shift the pinned heap's bump pointer by a small filler and try again
                Fillers.Add(GC.AllocateArray<byte>((int)(Line - misalign) + attempt * 8, pinned: true));
            }
            return GC.AllocateArray<float>(checked((int)length), pinned: true); // unaligned: only slower
        }
    }

    public static unsafe bool IsAligned(float[] a) =>
        ((long)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(a)) & (Line - 1)) == 0;
}
