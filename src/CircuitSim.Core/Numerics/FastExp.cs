using System.Numerics;
using System.Runtime.CompilerServices;

namespace CircuitSim.Numerics;

/// <summary>
/// exp(x) in float32 as a scalar and as a SIMD vector, with the same operations in the same
/// order, so the reference and SIMD backends give bit-identical results (MathF.Exp and the
/// runtime's vector Exp differ in the last ulp, which is enough to make chaotic networks such
/// as COBA diverge). Cody–Waite reduction, degree-6 Taylor polynomial on |r| ≤ ln2/2:
/// relative error below 2e-7 over [−87, 88].
/// </summary>
public static class FastExp
{
    private const float Log2E = 1.44269504088896341f;
    private const float Ln2Hi = 0.693359375f;
    private const float Ln2Lo = -2.12194440e-4f;
    private const float Shift = 12582912f; // 1.5·2^23: adding it rounds to an integer
    private const float Lo = -87.3f, Hi = 88.0f;
    private const float C2 = 1f / 2, C3 = 1f / 6, C4 = 1f / 24, C5 = 1f / 120, C6 = 1f / 720;
    private const int ShiftBits = 0x4B400000;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Exp(float x)
    {
        x = x < Lo ? Lo : x;
        x = x > Hi ? Hi : x;
        float t = x * Log2E + Shift;
        float n = t - Shift;
        float r = x - n * Ln2Hi;
        r = r - n * Ln2Lo;
        float p = C6;
        p = p * r + C5;
        p = p * r + C4;
        p = p * r + C3;
        p = p * r + C2;
        p = p * r + 1f;
        p = p * r + 1f;
        int bits = (BitConverter.SingleToInt32Bits(t) - ShiftBits + 127) << 23;
        return p * BitConverter.Int32BitsToSingle(bits);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Exp(Vector<float> x)
    {
        x = Vector.Max(x, new Vector<float>(Lo));
        x = Vector.Min(x, new Vector<float>(Hi));
        var t = x * new Vector<float>(Log2E) + new Vector<float>(Shift);
        var n = t - new Vector<float>(Shift);
        var r = x - n * new Vector<float>(Ln2Hi);
        r = r - n * new Vector<float>(Ln2Lo);
        var p = new Vector<float>(C6);
        p = p * r + new Vector<float>(C5);
        p = p * r + new Vector<float>(C4);
        p = p * r + new Vector<float>(C3);
        p = p * r + new Vector<float>(C2);
        p = p * r + Vector<float>.One;
        p = p * r + Vector<float>.One;
        var bits = Vector.ShiftLeft(Vector.AsVectorInt32(t) - new Vector<int>(ShiftBits - 127), 23);
        return p * Vector.AsVectorSingle(bits);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static System.Runtime.Intrinsics.Vector512<float> Exp(System.Runtime.Intrinsics.Vector512<float> x)
    {
        x = System.Runtime.Intrinsics.Vector512.Max(x, System.Runtime.Intrinsics.Vector512.Create(Lo));
        x = System.Runtime.Intrinsics.Vector512.Min(x, System.Runtime.Intrinsics.Vector512.Create(Hi));
        var t = x * System.Runtime.Intrinsics.Vector512.Create(Log2E) + System.Runtime.Intrinsics.Vector512.Create(Shift);
        var n = t - System.Runtime.Intrinsics.Vector512.Create(Shift);
        var r = x - n * System.Runtime.Intrinsics.Vector512.Create(Ln2Hi);
        r = r - n * System.Runtime.Intrinsics.Vector512.Create(Ln2Lo);
        var p = System.Runtime.Intrinsics.Vector512.Create(C6);
        p = p * r + System.Runtime.Intrinsics.Vector512.Create(C5);
        p = p * r + System.Runtime.Intrinsics.Vector512.Create(C4);
        p = p * r + System.Runtime.Intrinsics.Vector512.Create(C3);
        p = p * r + System.Runtime.Intrinsics.Vector512.Create(C2);
        p = p * r + System.Runtime.Intrinsics.Vector512<float>.One;
        p = p * r + System.Runtime.Intrinsics.Vector512<float>.One;
        var bits = System.Runtime.Intrinsics.Vector512.ShiftLeft(System.Runtime.Intrinsics.Vector512.AsInt32(t) - System.Runtime.Intrinsics.Vector512.Create(ShiftBits - 127), 23);
        return p * System.Runtime.Intrinsics.Vector512.AsSingle(bits);
    }
}
