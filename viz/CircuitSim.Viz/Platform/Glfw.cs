using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CircuitSim.Viz.Platform;

/// <summary>
/// A window with an OpenGL 3.3 core context through the system GLFW (Debian libglfw3), the few calls
/// the view needs; key presses reach <see cref="KeyPressed"/> as GLFW key codes, the same codes the
/// headless input takes, so both go through one key map.
/// </summary>
internal sealed unsafe partial class GlfwWindow : IDisposable
{
    private const string Lib = "libglfw.so.3";
    private const int ContextVersionMajor = 0x00022002, ContextVersionMinor = 0x00022003, OpenGlProfile = 0x00022008,
        OpenGlCoreProfile = 0x00032001, OpenGlForwardCompat = 0x00022006;
    private const int Press = 1, Repeat = 2;

    [LibraryImport(Lib)] private static partial int glfwInit();
    [LibraryImport(Lib)] private static partial void glfwTerminate();
    [LibraryImport(Lib)] private static partial void glfwWindowHint(int hint, int value);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)] private static partial nint glfwCreateWindow(int width, int height, string title, nint monitor, nint share);
    [LibraryImport(Lib)] private static partial void glfwDestroyWindow(nint window);
    [LibraryImport(Lib)] private static partial void glfwMakeContextCurrent(nint window);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)] private static partial nint glfwGetProcAddress(string name);
    [LibraryImport(Lib)] private static partial void glfwSwapBuffers(nint window);
    [LibraryImport(Lib)] private static partial void glfwSwapInterval(int interval);
    [LibraryImport(Lib)] private static partial void glfwPollEvents();
    [LibraryImport(Lib)] private static partial int glfwWindowShouldClose(nint window);
    [LibraryImport(Lib)] private static partial void glfwSetWindowShouldClose(nint window, int value);
    [LibraryImport(Lib)] private static partial void glfwGetFramebufferSize(nint window, out int width, out int height);
    [LibraryImport(Lib)] private static partial nint glfwSetKeyCallback(nint window, delegate* unmanaged[Cdecl]<nint, int, int, int, int, void> callback);
    [LibraryImport(Lib)] private static partial int glfwGetError(out nint description);

    private static GlfwWindow? _current; // GLFW calls back without a user pointer here; one window per process
    private nint _window;

    /// <summary>A key was pressed (or repeats): GLFW key code and modifier bits.</summary>
    public event Action<int, int>? KeyPressed;

    public GlfwWindow(int width, int height, string title)
    {
        try
        {
            if (glfwInit() == 0) throw new VizException($"GLFW could not start: {LastError()} (is there a display? try `xvfb-run -a`, or --screenshot/--record without one)");
        }
        catch (DllNotFoundException)
        {
            throw new VizException("the window needs the system GLFW (Debian: libglfw3); --screenshot and --record draw without one");
        }
        glfwWindowHint(ContextVersionMajor, 3);
        glfwWindowHint(ContextVersionMinor, 3);
        glfwWindowHint(OpenGlProfile, OpenGlCoreProfile);
        glfwWindowHint(OpenGlForwardCompat, 1);
        _window = glfwCreateWindow(width, height, title, 0, 0);
        if (_window == 0)
        {
            string why = LastError();
            glfwTerminate();
            throw new VizException($"GLFW could not open an OpenGL 3.3 core window: {why}");
        }
        glfwMakeContextCurrent(_window);
        glfwSwapInterval(1);
        _current = this;
        glfwSetKeyCallback(_window, &OnKey);
    }

    private static string LastError()
    {
        int code = glfwGetError(out nint text);
        return code == 0 ? "no error reported" : Marshal.PtrToStringUTF8(text) ?? $"error 0x{code:X}";
    }

    [UnmanagedCallersOnly(CallConvs = new[] { typeof(CallConvCdecl) })]
    private static void OnKey(nint window, int key, int scancode, int action, int mods)
    {
        if (action is Press or Repeat) _current?.KeyPressed?.Invoke(key, mods);
    }

    public nint GetProcAddress(string name) => glfwGetProcAddress(name);
    public bool ShouldClose => glfwWindowShouldClose(_window) != 0;
    public void Close() => glfwSetWindowShouldClose(_window, 1);
    public void PollEvents() => glfwPollEvents();
    public void SwapBuffers() => glfwSwapBuffers(_window);

    public (int Width, int Height) FramebufferSize
    {
        get { glfwGetFramebufferSize(_window, out int w, out int h); return (w, h); }
    }

    public void Dispose()
    {
        if (_window == 0) return;
        glfwDestroyWindow(_window);
        glfwTerminate();
        _window = 0;
        _current = null;
    }
}
