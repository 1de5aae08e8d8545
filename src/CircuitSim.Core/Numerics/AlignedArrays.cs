using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CircuitSim.Numerics;

/// <summary>
/// float[] arrays whose first element lies on a 64-byte cache-line boundary, on the pinned
/// object heap (so they never move). Workers own slices that start at multiples of 16 floats;
/// with aligned arrays no cache line is shared by two workers, which otherwise ping-pong lines
/// at every step and made two threads slower than one on COBA. Best effort: when other threads
/// allocate on the pinned heap at the same time, an array may come back unaligned (only slower).
/// </summary>
public static class AlignedArrays
{
    private const int Line = 64;
    private static readonly object Gate = new();

    public static unsafe float[] Create(long length)
    {
        if (length == 0) return Array.Empty<float>();
        lock (Gate)
        {
            var junk = new List<object>();
            for (int attempt = 0; attempt < 64; attempt++)
            {
                var a = GC.AllocateArray<float>(checked((int)length), pinned: true);
                long misalign = (long)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(a)) & (Line - 1);
                if (misalign == 0) return a;
                // keep the misaligned array (so its place is not reused) and move the pinned heap's
                // allocation pointer by (64 − misalign) bytes with a filler: a byte[] of L occupies 24 + L bytes
                junk.Add(a);
                int fillerLength = (int)(((Line - misalign) - 24 + 2 * Line) % Line);
                junk.Add(GC.AllocateArray<byte>(fillerLength, pinned: true));
            }
            return GC.AllocateArray<float>(checked((int)length), pinned: true); // unaligned: only slower
        }
    }
}
