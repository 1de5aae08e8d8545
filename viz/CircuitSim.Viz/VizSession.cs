using System.Diagnostics;
using CircuitSim.Engine;
using CircuitSim.Model;
using CircuitSim.Scenarios;
using CircuitSim.Viz.Controls;
using CircuitSim.Viz.Live;
using CircuitSim.Viz.Panels;
using CircuitSim.Viz.Platform;
using CircuitSim.Viz.Rendering;
using Silk.NET.OpenGL;

namespace CircuitSim.Viz;

/// <summary>
/// `circuitsim viz`: one <see cref="Simulation"/> of the scenario with the live view as its observer.
/// In a window, the simulation runs on its own thread, paced to the wanted speed, and the drawing on
/// the window's thread; neither waits for the other beyond the feed's short lock. Headless, the same
/// frames are drawn through EGL at chosen times into PNG files. Keys (from GLFW, or scripted with
/// <see cref="VizOptions.Presses"/>) go through <see cref="VizControls"/> into the command queue.
/// </summary>
public sealed class VizSession : IDisposable, IVizDriver
{
    private readonly VizOptions _options;
    private readonly ScenarioSpec _spec;
    internal VizSpec Viz { get; }
    internal LiveFeed Feed { get; }
    internal VizControls Controls { get; }
    internal FrameComposer Composer { get; }
    internal DrawList Draw { get; }
    public Simulation Simulation { get; }
    private readonly byte[] _pixels, _row;
    private GlRenderer? _renderer;
    private EglContext? _egl;
    private readonly List<(double AtMs, int Key)> _presses;
    private int _nextPress;
    private readonly List<string> _written = new();
    /// <summary>Files the session wrote (screenshots and frames), in order.</summary>
    public IReadOnlyList<string> Written => _written;
    /// <summary>Milliseconds to compose and draw each frame so far (for the benchmark and the header).</summary>
    public FrameTimes Frames { get; } = new();
    public string RendererName { get; private set; } = "";

    private volatile bool _paused, _quit, _resetAsked, _shotAsked;
    private double _advanceMs;
    private double _speed;
    private readonly object _driverGate = new();
    private Exception? _simError;

    public VizSession(LoadedScenario loaded, VizOptions options)
    {
        _options = options;
        _spec = loaded.Spec;
        Viz = VizDefaults.Complete(loaded.Viz, _spec);
        // the drugs on keys are prepared as an intervention's would be (their targets, the exposure)
        foreach (var (drug, _) in Viz.Drugs) if (!_spec.LiveDrugs.Contains(drug)) _spec.LiveDrugs.Add(drug);
        var backend = options.Backend != BackendKind.Auto ? options.Backend : _spec.Backend;
        if (backend == BackendKind.Gpu)
            throw new VizException("the live view runs on the CPU engine (simd or reference): the gpu backend has no step-by-step view yet");
        Network Build() => NetworkBuilder.Build(_spec);
        Simulation = new Simulation(Build(), backend, options.Threads, Build);
        Feed = new LiveFeed(Viz);
        Feed.OnStart(Simulation.Network); // the first frame may come before the first step
        Simulation.Observers.Add(Feed);
        _speed = options.Speed ?? Viz.Speed;
        Controls = new VizControls(() => Simulation, this, Viz, _spec);
        foreach (var action in Viz.Actions)
        {
            try { CircuitSim.Interventions.InterventionCompiler.CompileLive(Simulation.Network, action.Name, action.Set); }
            catch (BuildException e) { throw new VizException($"viz.actions.{action.Name}: {e.Message}"); }
        }
        Composer = new FrameComposer(Viz, _spec.Name);
        Draw = new DrawList(new GlyphAtlas());
        _pixels = new byte[options.Width * options.Height * 4];
        _row = new byte[options.Width * 4];
        _presses = (options.Presses ?? Array.Empty<(double, int)>()).OrderBy(p => p.AtMs).ToList();
    }

    // ---- IVizDriver ----
    public bool Paused => _paused;
    bool IVizDriver.Headless => _options.Headless;
    double IVizDriver.MeasuredSpeed => _options.Headless
        ? (Simulation.LoopSeconds > 0 ? Simulation.TimeMs / 1000 / Simulation.LoopSeconds : 0)
        : Feed.MeasureSpeed(_paused);
    public double TargetSpeed { get => _speed; set { _speed = value; _reanchor = true; } }
    private volatile bool _reanchor;
    void IVizDriver.TogglePause()
    {
        _paused = !_paused;
        if (_paused) Simulation.Pause();
        _reanchor = true;
    }
    void IVizDriver.Advance(double ms)
    {
        if (!_paused) return;
        lock (_driverGate) _advanceMs += ms;
        if (_options.Headless) Simulation.RunFor(TakeAdvance());
    }
    void IVizDriver.Reset()
    {
        if (_options.Headless) DoReset();
        else { _resetAsked = true; Simulation.Pause(); }
    }
    void IVizDriver.Screenshot() => _shotAsked = true;
    void IVizDriver.Quit() { _quit = true; Simulation.Pause(); }

    private double TakeAdvance() { lock (_driverGate) { double a = _advanceMs; _advanceMs = 0; return a; } }

    private void DoReset()
    {
        Simulation.Reset();
        lock (Feed.Gate) Controls.ResetState();
        _nextPress = _presses.Count; // scripted keys belong to the first run
    }

    // ---- drawing ----
    private void EnsureRenderer(GL gl)
    {
        _renderer ??= new GlRenderer(gl, Draw.Atlas, _options.Width, _options.Height, Draw.Capacity);
        RendererName = _renderer.RendererName;
    }

    /// <summary>Composes and draws one frame into the frame buffer; returns the milliseconds it took (CPU and GPU).</summary>
    internal double DrawFrame()
    {
        long t0 = Stopwatch.GetTimestamp();
        _egl?.MakeCurrent();
        Composer.Compose(Draw, _options.Width, _options.Height, Feed, Controls, this);
        _renderer!.Draw(Draw, Palette.Background);
        _renderer.Finish();
        double ms = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
        Frames.Add(ms);
        return ms;
    }

    /// <summary>The last drawn frame's pixels, RGBA rows top to bottom.</summary>
    internal byte[] ReadFrame()
    {
        _egl?.MakeCurrent();
        _renderer!.ReadPixels(_pixels, _row);
        return _pixels;
    }

    internal void SaveFrame(string path)
    {
        PngFile.Write(path, ReadFrame(), _options.Width, _options.Height);
        _written.Add(path);
    }

    private string ScreenshotName() =>
        Path.Combine(_options.ScreenshotDir, $"circuitsim-{Safe(_spec.Name)}-{(Feed.Step + 1) * _spec.DtMs / 1000:0.000}s.png"); // the time the frame shows

    private static string Safe(string s) => new(s.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '-').ToArray());

    // ---- headless ----
    /// <summary>Starts the headless context (EGL, surfaceless Mesa) and the renderer.</summary>
    internal void StartHeadless()
    {
        if (_renderer is not null) return;
        _egl = new EglContext();
        var egl = _egl;
        EnsureRenderer(GL.GetApi(egl.GetProcAddress));
    }

    /// <summary>Runs to <paramref name="ms"/> of simulated time, pressing the scripted keys due on the way (headless).</summary>
    internal void AdvanceTo(double ms)
    {
        long target = Math.Min(Simulation.Network.Steps, (long)Math.Round(ms / _spec.DtMs));
        while (_nextPress < _presses.Count && _presses[_nextPress].AtMs <= ms)
        {
            var (at, key) = _presses[_nextPress++];
            if (!_paused) Simulation.RunUntil((long)Math.Round(at / _spec.DtMs));
            lock (Feed.Gate) Controls.Press(key);
            if (_shotAsked) { _shotAsked = false; DrawFrame(); SaveFrame(ScreenshotName()); }
            if (_quit) return;
        }
        if (!_paused) Simulation.RunUntil(target);
    }

    /// <summary>`--screenshot FILE --at T` and `--record DIR --every Δ`: draws without a display; returns the files written.</summary>
    public IReadOnlyList<string> RunHeadless(TextWriter? log = null)
    {
        StartHeadless();
        double end = _options.AtMs ?? Simulation.Network.Steps * _spec.DtMs;
        if (_options.RecordDir is { } dir)
        {
            Directory.CreateDirectory(dir);
            int frame = 0;
            for (double t = 0; t <= end + 1e-9 && !_quit; t += _options.EveryMs)
            {
                AdvanceTo(t);
                DrawFrame();
                SaveFrame(Path.Combine(dir, $"frame-{frame++:D5}.png"));
            }
            if (Video(dir, 1000 / _options.EveryMs, log) is { } video) _written.Add(video);
        }
        if (_options.ScreenshotPath is { } path)
        {
            AdvanceTo(end);
            DrawFrame();
            SaveFrame(path);
        }
        return _written;
    }

    /// <summary>Joins the frames into an MP4 with ffmpeg when it is installed (at the frames' own pace: one frame per <c>--every</c>).</summary>
    private static string? Video(string dir, double fps, TextWriter? log)
    {
        string? ffmpeg = Environment.GetEnvironmentVariable("PATH")?.Split(':').Select(p => Path.Combine(p, "ffmpeg")).FirstOrDefault(File.Exists);
        if (ffmpeg is null) { log?.WriteLine("note: ffmpeg is not installed, so the frames stay PNG files (apt install ffmpeg for a video)"); return null; }
        string output = Path.Combine(dir, "video.mp4");
        var psi = new ProcessStartInfo(ffmpeg, ["-y", "-loglevel", "error", "-framerate", fps.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture),
            "-i", Path.Combine(dir, "frame-%05d.png"), "-pix_fmt", "yuv420p", "-vf", "pad=ceil(iw/2)*2:ceil(ih/2)*2", output])
        { RedirectStandardError = true };
        using var p = Process.Start(psi)!;
        string err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) { log?.WriteLine($"warning: ffmpeg failed ({err.Trim()}); the frames are in {dir}"); return null; }
        return output;
    }

    // ---- window ----
    /// <summary>Opens the window and runs until it is closed (Q, Esc, or the window's close button).</summary>
    public void RunWindow()
    {
        using var window = new GlfwWindow(_options.Width, _options.Height, "CircuitSim · " + _spec.Name);
        EnsureRenderer(GL.GetApi(window.GetProcAddress));
        window.KeyPressed += (key, mods) =>
        {
            // keys arrive in GLFW's callback: an exception must not cross into native code (it would end the process)
            try
            {
                if (_resetAsked) return; // the network is being rebuilt: a command posted now would be cleared by the reset
                lock (Feed.Gate) Controls.Press(key, mods);
            }
            catch (Exception e) { _simError ??= e; _quit = true; }
        };
        var simThread = new Thread(SimLoop) { IsBackground = true, Name = "circuitsim-viz-sim" };
        simThread.Start();
        try
        {
            while (!window.ShouldClose && !_quit && _simError is null)
            {
                window.PollEvents();
                DrawFrame();
                if (_shotAsked)
                {
                    _shotAsked = false;
                    SaveFrame(ScreenshotName());
                }
                var (w, h) = window.FramebufferSize;
                _renderer!.Present(w, h);
                window.SwapBuffers();
            }
        }
        finally
        {
            _quit = true;
            Simulation.Pause();
            simThread.Join();
            // the renderer's objects belong to the window's context: delete them while it exists
            _renderer?.Dispose();
            _renderer = null;
        }
        if (_simError is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(_simError).Throw();
    }

    /// <summary>The simulation's thread in a window: paced to the wanted speed; pauses, steps and resets on request.</summary>
    private void SimLoop()
    {
        var clock = Stopwatch.StartNew();
        double anchorMs = 0;
        long anchorStep = 0;
        double dt = _spec.DtMs;
        try
        {
            while (!_quit)
            {
                if (_resetAsked) { _resetAsked = false; DoReset(); _reanchor = true; }
                double adv = TakeAdvance();
                if (adv > 0) Simulation.RunFor(adv);
                if (_reanchor || _paused || Simulation.StepsDone >= Simulation.Network.Steps)
                {
                    _reanchor = false;
                    anchorMs = clock.Elapsed.TotalMilliseconds;
                    anchorStep = Simulation.StepsDone;
                    if (_paused || Simulation.StepsDone >= Simulation.Network.Steps) { Thread.Sleep(5); continue; }
                }
                long target;
                if (_speed == 0) target = Simulation.StepsDone + (long)Math.Ceiling(20 / dt);
                else
                {
                    double wall = clock.Elapsed.TotalMilliseconds - anchorMs;
                    target = anchorStep + (long)(wall * _speed / dt);
                    if (target <= Simulation.StepsDone) { Thread.Sleep(1); continue; }
                    // behind by more than a second of wall time: give up catching up, as a video player drops frames
                    if ((target - Simulation.StepsDone) * dt / _speed > 1000) _reanchor = true;
                    target = Math.Min(target, Simulation.StepsDone + (long)Math.Ceiling(Math.Max(1, 16 * _speed) / dt));
                }
                Simulation.RunUntil(target);
            }
        }
        catch (Exception e) { _simError = e; _quit = true; }
    }

    public void Dispose()
    {
        try { _egl?.MakeCurrent(); } catch (VizException) { }
        _renderer?.Dispose();
        _renderer = null;
        _egl?.Dispose();
        _egl = null;
    }
}
