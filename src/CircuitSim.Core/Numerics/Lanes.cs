using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CircuitSim.Numerics;

/// <summary>
/// A width of float lanes the model kernels are written over once: one lane (the scalar reference
/// backend) or a hardware vector (the SIMD backend); a GPU kernel reads the same code with one lane
/// per thread. Every operation is the same IEEE operation in every width, so the widths give
/// bit-identical results. Masks are lanes with all bits set (true) or clear (false).
/// </summary>
public interface ILanes<TSelf> where TSelf : struct, ILanes<TSelf>
{
    static abstract int Width { get; }
    static abstract TSelf Load(float[] a, int i);
    static abstract void Store(TSelf v, float[] a, int i);
    static abstract TSelf Of(float x);
    static abstract TSelf Zero { get; }
    static abstract TSelf One { get; }
    static abstract TSelf operator +(TSelf a, TSelf b);
    static abstract TSelf operator -(TSelf a, TSelf b);
    static abstract TSelf operator *(TSelf a, TSelf b);
    static abstract TSelf operator /(TSelf a, TSelf b);
    /// <summary>a &lt; b ? a : b per lane (x86 minps).</summary>
    static abstract TSelf Min(TSelf a, TSelf b);
    /// <summary>a &gt; b ? a : b per lane (x86 maxps).</summary>
    static abstract TSelf Max(TSelf a, TSelf b);
    static abstract TSelf Abs(TSelf a);
    /// <summary><see cref="FastExp"/>: the same polynomial in every width.</summary>
    static abstract TSelf Exp(TSelf x);
    static abstract TSelf GreaterThan(TSelf a, TSelf b);
    static abstract TSelf GreaterOrEqual(TSelf a, TSelf b);
    static abstract TSelf LessThan(TSelf a, TSelf b);
    /// <summary>mask ? a : b per lane.</summary>
    static abstract TSelf Select(TSelf mask, TSelf a, TSelf b);
    /// <summary>a and not b (masks).</summary>
    static abstract TSelf AndNot(TSelf a, TSelf b);
    static abstract TSelf Or(TSelf a, TSelf b);
    /// <summary>Whether every bit of every lane is 0 (so +0.0, or a false mask).</summary>
    static abstract bool IsAllZero(TSelf a);
    /// <summary>Appends to <paramref name="spikes"/>, lowest first, the lanes i + k of a mask that are below <paramref name="count"/>.</summary>
    static abstract void Collect(TSelf mask, int i, int count, int[] spikes, ref int spikeCount);
}

/// <summary>One lane: the scalar reference.</summary>
public readonly struct Lane1 : ILanes<Lane1>
{
    public readonly float X;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public Lane1(float x) => X = x;
    private static readonly float True = BitConverter.Int32BitsToSingle(-1);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] private static Lane1 Mask(bool b) => new(b ? True : 0f);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] private static int Bits(Lane1 a) => BitConverter.SingleToInt32Bits(a.X);

    public static int Width => 1;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane1 Load(float[] a, int i) => new(Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(a), i));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Lane1 v, float[] a, int i) => Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(a), i) = v.X;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lane1 Of(float x) => new(x);
    public static Lane1 Zero => new(0f);
    public static Lane1 One => new(1f);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lane1 operator +(Lane1 a, Lane1 b) => new(a.X + b.X);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lane1 operator -(Lane1 a, Lane1 b) => new(a.X - b.X);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lane1 operator *(Lane1 a, Lane1 b) => new(a.X * b.X);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lane1 operator /(Lane1 a, Lane1 b) => new(a.X / b.X);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lane1 Min(Lane1 a, Lane1 b) => a.X < b.X ? a : b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lane1 Max(Lane1 a, Lane1 b) => a.X > b.X ? a : b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lane1 Abs(Lane1 a) => new(MathF.Abs(a.X));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lane1 Exp(Lane1 x) => new(FastExp.Exp(x.X));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lane1 GreaterThan(Lane1 a, Lane1 b) => Mask(a.X > b.X);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lane1 GreaterOrEqual(Lane1 a, Lane1 b) => Mask(a.X >= b.X);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lane1 LessThan(Lane1 a, Lane1 b) => Mask(a.X < b.X);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lane1 Select(Lane1 mask, Lane1 a, Lane1 b) => Bits(mask) != 0 ? a : b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane1 AndNot(Lane1 a, Lane1 b) => new(BitConverter.Int32BitsToSingle(Bits(a) & ~Bits(b)));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane1 Or(Lane1 a, Lane1 b) => new(BitConverter.Int32BitsToSingle(Bits(a) | Bits(b)));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool IsAllZero(Lane1 a) => Bits(a) == 0;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Collect(Lane1 mask, int i, int count, int[] spikes, ref int spikeCount)
    {
        if (Bits(mask) != 0 && i < count) spikes[spikeCount++] = i;
    }
}

/// <summary>A hardware vector of floats (System.Numerics: 256 or 512 bits): the SIMD backend.</summary>
public readonly struct LaneN : ILanes<LaneN>
{
    public readonly Vector<float> X;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public LaneN(Vector<float> x) => X = x;

    public static int Width => Vector<float>.Count;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LaneN Load(float[] a, int i) => new(Vector.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(a), (nuint)i));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(LaneN v, float[] a, int i) => v.X.StoreUnsafe(ref MemoryMarshal.GetArrayDataReference(a), (nuint)i);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static LaneN Of(float x) => new(new Vector<float>(x));
    public static LaneN Zero => new(Vector<float>.Zero);
    public static LaneN One => new(Vector<float>.One);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static LaneN operator +(LaneN a, LaneN b) => new(a.X + b.X);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static LaneN operator -(LaneN a, LaneN b) => new(a.X - b.X);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static LaneN operator *(LaneN a, LaneN b) => new(a.X * b.X);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static LaneN operator /(LaneN a, LaneN b) => new(a.X / b.X);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static LaneN Min(LaneN a, LaneN b) => new(Vector.MinNative(a.X, b.X));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static LaneN Max(LaneN a, LaneN b) => new(Vector.MaxNative(a.X, b.X));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static LaneN Abs(LaneN a) => new(Vector.Abs(a.X));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static LaneN Exp(LaneN x) => new(FastExp.Exp(x.X));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LaneN GreaterThan(LaneN a, LaneN b) => new(Vector.AsVectorSingle(Vector.GreaterThan(a.X, b.X)));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LaneN GreaterOrEqual(LaneN a, LaneN b) => new(Vector.AsVectorSingle(Vector.GreaterThanOrEqual(a.X, b.X)));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LaneN LessThan(LaneN a, LaneN b) => new(Vector.AsVectorSingle(Vector.LessThan(a.X, b.X)));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LaneN Select(LaneN mask, LaneN a, LaneN b) => new(Vector.ConditionalSelect(Vector.AsVectorInt32(mask.X), a.X, b.X));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static LaneN AndNot(LaneN a, LaneN b) => new(Vector.AndNot(a.X, b.X));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static LaneN Or(LaneN a, LaneN b) => new(a.X | b.X);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsAllZero(LaneN a) => Vector.AsVectorInt32(a.X) == Vector<int>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Collect(LaneN mask, int i, int count, int[] spikes, ref int spikeCount)
    {
        var m = Vector.AsVectorInt32(mask.X);
        if (m == Vector<int>.Zero) return;
        // one bit per lane, visited lowest first: no spill of the mask to memory, no branch per lane
        ulong bits = Vector<int>.Count switch
        {
            8 => System.Runtime.Intrinsics.Vector256.ExtractMostSignificantBits(System.Runtime.Intrinsics.Vector256.AsVector256(m)),
            16 => System.Runtime.Intrinsics.Vector512.ExtractMostSignificantBits(System.Runtime.Intrinsics.Vector512.AsVector512(m)),
            _ => System.Runtime.Intrinsics.Vector128.ExtractMostSignificantBits(System.Runtime.Intrinsics.Vector128.AsVector128(m)),
        };
        while (bits != 0)
        {
            int n = i + BitOperations.TrailingZeroCount(bits);
            if (n >= count) break;
            spikes[spikeCount++] = n;
            bits &= bits - 1;
        }
    }
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

/// <summary>Parameters of a kernel: a broadcast register when the population's parameters are uniform, else a load.</summary>
public static class Param
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static L Get<L, TUniform>(float[] a, int i, L uniform) where L : struct, ILanes<L> where TUniform : struct, IKernelSwitch =>
        TUniform.On ? uniform : L.Load(a, i);
}
