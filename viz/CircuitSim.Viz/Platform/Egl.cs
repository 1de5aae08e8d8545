using System.Runtime.InteropServices;

namespace CircuitSim.Viz.Platform;

/// <summary>
/// A headless OpenGL 3.3 core context through EGL on Mesa's surfaceless platform: no display, no window;
/// the view draws into its own framebuffer object (shared/ENVIRONMENT.md: a bare eglGetDisplay without
/// DISPLAY fails, so the platform is always named).
/// </summary>
internal sealed partial class EglContext : IDisposable
{
    private const string Lib = "libEGL.so.1";
    private const uint PlatformSurfacelessMesa = 0x31DD;
    private const int None = 0x3038, SurfaceType = 0x3033, PbufferBit = 0x0001, RenderableType = 0x3040, OpenGlBit = 0x0008;
    private const int RedSize = 0x3024, GreenSize = 0x3023, BlueSize = 0x3022, AlphaSize = 0x3021;
    private const int ContextMajor = 0x3098, ContextMinor = 0x30FB, ProfileMask = 0x30FD, CoreProfileBit = 0x1;
    private const uint OpenGlApi = 0x30A2;

    [LibraryImport(Lib)] private static partial nint eglGetPlatformDisplay(uint platform, nint nativeDisplay, nint attribs);
    [LibraryImport(Lib)] private static partial int eglInitialize(nint display, out int major, out int minor);
    [LibraryImport(Lib)] private static partial int eglChooseConfig(nint display, int[] attribs, nint[] configs, int size, out int count);
    [LibraryImport(Lib)] private static partial int eglBindAPI(uint api);
    [LibraryImport(Lib)] private static partial nint eglCreateContext(nint display, nint config, nint share, int[] attribs);
    [LibraryImport(Lib)] private static partial int eglMakeCurrent(nint display, nint draw, nint read, nint context);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)] private static partial nint eglGetProcAddress(string name);
    [LibraryImport(Lib)] private static partial int eglGetError();
    [LibraryImport(Lib)] private static partial int eglDestroyContext(nint display, nint context);
    [LibraryImport(Lib)] private static partial int eglTerminate(nint display);

    private nint _display, _context;
    // one surfaceless display per process, shared by every context: terminated with the last of them
    private static int _contexts;
    private static readonly object Gate = new();

    public EglContext()
    {
        try { _display = eglGetPlatformDisplay(PlatformSurfacelessMesa, 0, 0); }
        catch (DllNotFoundException)
        {
            throw new VizException("headless drawing needs EGL from Mesa (Debian: libegl1 libegl-mesa0 libgl1-mesa-dri)");
        }
        if (_display == 0 || eglInitialize(_display, out _, out _) == 0)
            throw new VizException($"EGL: no surfaceless Mesa display (error 0x{eglGetError():X}); install libegl-mesa0 and libgl1-mesa-dri");
        int[] attribs = { SurfaceType, PbufferBit, RenderableType, OpenGlBit, RedSize, 8, GreenSize, 8, BlueSize, 8, AlphaSize, 8, None };
        var configs = new nint[1];
        if (eglChooseConfig(_display, attribs, configs, 1, out int n) == 0 || n < 1)
            throw new VizException($"EGL: no RGBA8 OpenGL configuration (error 0x{eglGetError():X})");
        if (eglBindAPI(OpenGlApi) == 0) throw new VizException($"EGL: cannot bind the OpenGL API (error 0x{eglGetError():X})");
        _context = eglCreateContext(_display, configs[0], 0, new[] { ContextMajor, 3, ContextMinor, 3, ProfileMask, CoreProfileBit, None });
        if (_context == 0) throw new VizException($"EGL: no OpenGL 3.3 core context (error 0x{eglGetError():X})");
        if (eglMakeCurrent(_display, 0, 0, _context) == 0)
            throw new VizException($"EGL: cannot make the context current (error 0x{eglGetError():X})");
        lock (Gate) _contexts++;
    }

    public nint GetProcAddress(string name) => eglGetProcAddress(name);

    /// <summary>Makes this context the thread's current one (several views in one process each draw in their own).</summary>
    public void MakeCurrent()
    {
        if (eglMakeCurrent(_display, 0, 0, _context) == 0)
            throw new VizException($"EGL: cannot make the context current (error 0x{eglGetError():X})");
    }

    public void Dispose()
    {
        if (_display == 0) return;
        eglMakeCurrent(_display, 0, 0, 0);
        if (_context != 0) eglDestroyContext(_display, _context);
        lock (Gate)
            if (--_contexts == 0) eglTerminate(_display);
        _display = _context = 0;
    }
}
