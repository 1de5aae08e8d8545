using System.Reflection;
using System.Runtime.InteropServices;
using CircuitSim.Engine;
using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;

namespace CircuitSim.Gpu;

/// <summary>
/// Finds the device: CUDA through the driver's <c>libcuda.so.1</c> (ILGPU asks for <c>libcuda.so</c>, which a
/// driver-only host lacks, and would then see no device at all: shared/ENVIRONMENT.md), or ILGPU's CPU
/// accelerator when asked for (<c>--gpu-device cpu</c>, for tests).
/// </summary>
public static class GpuDevices
{
    private static int _resolver;

    private static void LoadCudaDriverExplicitly()
    {
        if (Interlocked.Exchange(ref _resolver, 1) != 0) return;
        try
        {
            NativeLibrary.SetDllImportResolver(typeof(Context).Assembly, (name, _, _) =>
                name is "cuda" or "nvcuda" && NativeLibrary.TryLoad("libcuda.so.1", out var h) ? h : IntPtr.Zero);
        }
        catch (InvalidOperationException) { } // a resolver was set already (by the host program)
    }

    public static Context CreateContext()
    {
        LoadCudaDriverExplicitly();
        return Context.Create(b => b.Default());
    }

    /// <summary>Whether a CUDA device is there (for <c>backend: auto</c>).</summary>
    public static bool HasCuda()
    {
        try
        {
            using var context = CreateContext();
            return context.GetCudaDevices().Count > 0;
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or InvalidOperationException or NotSupportedException) { return false; }
    }

    /// <summary>The accelerator for <paramref name="which"/>: auto or cuda (the first CUDA device, else an error), or cpu.</summary>
    public static Accelerator Create(Context context, string which)
    {
        switch (which.ToLowerInvariant())
        {
            case "cpu":
                return context.CreateCPUAccelerator(0);
            case "auto" or "cuda":
                var cuda = context.GetCudaDevices();
                if (cuda.Count == 0)
                    throw new BuildException("the gpu backend found no CUDA device (no NVIDIA driver, or libcuda.so.1 not loadable); " +
                        "use --backend simd, or --gpu-device cpu to run the gpu backend on ILGPU's CPU accelerator", "backend");
                return cuda[0].CreateAccelerator(context);
            default:
                throw new BuildException($"--gpu-device: expected auto, cuda or cpu, found '{which}'", "backend");
        }
    }
}
