namespace CircuitSim.Tissue;

/// <summary>
/// The cores the tissue's clock may use besides the simulation's own worker: a process-wide set of background
/// threads that take numbered parts of a tick's work (rows of a field, columns, chunks of agents) until none is left.
/// Each part writes only its own cells or agents and does its arithmetic in a fixed order, so the result does not
/// depend on which thread took which part, nor on how many there are. One simulation uses them at a time; another
/// that finds them busy (runs of a study in parallel, each on its own core) does its parts itself. No allocation per
/// call: the bodies are delegates made once by their owners.
/// </summary>
public static class TissueWorkers
{
    private static readonly int Helpers = Math.Max(0, Math.Min(Environment.ProcessorCount - 1, 7));
    private static readonly object Gate = new();
    private static readonly SemaphoreSlim Start = new(0);
    private static readonly ManualResetEventSlim Done = new(false);
    private static bool _started;
    private static Action<int>? _body;
    private static int _parts, _next, _pending, _busy;

    /// <summary>Runs body(0) … body(parts − 1), on the helpers and the calling thread together, and returns when all are done.</summary>
    public static void For(int parts, Action<int> body)
    {
        if (Helpers == 0 || parts < 2 || Interlocked.CompareExchange(ref _busy, 1, 0) != 0)
        {
            for (int p = 0; p < parts; p++) body(p);
            return;
        }
        try
        {
            EnsureStarted();
            _body = body;
            _parts = parts;
            Volatile.Write(ref _next, 0);
            Volatile.Write(ref _pending, Helpers);
            Done.Reset();
            _failure = null;
            Start.Release(Helpers);
            try { Work(); }
            catch (Exception e) { Interlocked.CompareExchange(ref _failure, e, null); }
            // every helper finishes its parts of this call before the call returns, also when a part threw
            Done.Wait();
            if (_failure is { } failure) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
        }
        finally
        {
            _body = null;
            Volatile.Write(ref _busy, 0);
        }
    }

    /// <summary>The first exception a part threw in the current call (the caller rethrows it).</summary>
    private static Exception? _failure;

    private static void Work()
    {
        var body = _body!;
        int p;
        while ((p = Interlocked.Increment(ref _next) - 1) < _parts) body(p);
    }

    private static void EnsureStarted()
    {
        if (_started) return;
        lock (Gate)
        {
            if (_started) return;
            for (int h = 0; h < Helpers; h++)
                new Thread(Loop) { IsBackground = true, Name = $"tissue-{h}" }.Start();
            _started = true;
        }
    }

    private static void Loop()
    {
        while (true)
        {
            Start.Wait();
            // a part that throws must not kill the helper (nor the process): the caller rethrows it
            try { Work(); }
            catch (Exception e) { Interlocked.CompareExchange(ref _failure, e, null); }
            if (Interlocked.Decrement(ref _pending) == 0) Done.Set();
        }
    }
}
