using CircuitSim.Engine;
using CircuitSim.Model;
using CircuitSim.Recording;

namespace CircuitSim.Studies.Running;

/// <summary>
/// Gathers the runs of a study that the job runner's workers start at once into one GPU batch (one set of
/// kernels for all copies: <see cref="Runner.RunBatch"/>). A batch closes when it has <paramref name="size"/>
/// runs, or when no run joined it for <paramref name="linger"/>; the worker that closes it runs it and every
/// worker gets its own run's result. Each copy's result is that of its single run, so batching changes the
/// time a study takes, never its table. Runs that cannot share a batch (another structure, a build error)
/// run one by one.
/// </summary>
internal sealed class GpuRunBatcher(int size, RunOptions options, TimeSpan linger)
{
    private sealed class Pending(ScenarioSpec spec)
    {
        public readonly ScenarioSpec Spec = spec;
        public SimulationResult? Result;
        public Exception? Error;
        public readonly ManualResetEventSlim Done = new();
    }

    private readonly object _gate = new();
    private List<Pending> _open = new();
    private DateTime _lastJoin = DateTime.UtcNow;
    /// <summary>Batches run so far, and the largest (for the log and tests).</summary>
    public int Batches { get; private set; }
    public int Largest { get; private set; }

    public SimulationResult Run(ScenarioSpec spec, CancellationToken cancel)
    {
        var me = new Pending(spec);
        List<Pending>? mine = null;
        lock (_gate)
        {
            _open.Add(me);
            _lastJoin = DateTime.UtcNow;
            if (_open.Count >= size) (mine, _open) = (_open, new List<Pending>());
        }
        while (mine is null && !me.Done.Wait(linger / 4))
        {
            lock (_gate)
                if (_open.Contains(me) && DateTime.UtcNow - _lastJoin >= linger) (mine, _open) = (_open, new List<Pending>());
        }
        if (mine is not null) Execute(mine, cancel);
        me.Done.Wait();
        if (me.Error is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(me.Error).Throw();
        return me.Result!;
    }

    private void Execute(List<Pending> batch, CancellationToken cancel)
    {
        lock (_gate) { Batches++; Largest = Math.Max(Largest, batch.Count); }
        try
        {
            var results = Runner.RunBatch(batch.Select(p => p.Spec).ToList(), options, cancel);
            for (int k = 0; k < batch.Count; k++) batch[k].Result = results[k];
        }
        catch (BuildException) when (batch.Count > 1)
        {
            // another structure, or one run's values refused: each alone, with its own result or error
            foreach (var p in batch)
            {
                try { p.Result = Runner.Run(p.Spec, options, null, cancel); }
                catch (Exception e) { p.Error = e; }
            }
        }
        catch (Exception e)
        {
            foreach (var p in batch) p.Error = e;
        }
        finally
        {
            foreach (var p in batch) p.Done.Set();
        }
    }
}
