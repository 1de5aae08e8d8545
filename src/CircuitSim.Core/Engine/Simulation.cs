using System.Diagnostics;
using System.Runtime.CompilerServices;
using CircuitSim.Engine.Scheduling;
using CircuitSim.Model;

namespace CircuitSim.Engine;

/// <summary>
/// Time per phase of worker 0, from timestamps taken on every <see cref="SampleEvery"/>-th step and
/// scaled to all steps: timestamps on every step cost ~3 % of COBA's loop on a virtual machine
/// (kvm-clock, ~30 ns each). Each timed interval has the cost of an empty one (<see cref="ClockOverhead"/>)
/// taken off: uncorrected, it added ~0.026 s to every per-step phase of COBA (100 000 steps).
/// </summary>
public sealed class PhaseTimes
{
    public const int SampleEvery = 8;

    /// <summary>Ticks an empty timed interval measures (two timestamps back to back): the least of 2000 tries.</summary>
    internal static readonly long ClockOverhead = Calibrate();

    private static long Calibrate()
    {
        long least = long.MaxValue;
        for (int i = 0; i < 2000; i++)
        {
            long t0 = Stopwatch.GetTimestamp();
            least = Math.Min(least, Stopwatch.GetTimestamp() - t0);
        }
        return least;
    }

    private readonly Dictionary<string, long> _ticks = new();
    internal long[] PhaseTicks = Array.Empty<long>();
    internal long Boundary, Barriers;
    private string[] _names = Array.Empty<string>();

    /// <summary>Per phase: 1 when every run of it is timed (a slow-clock phase), <see cref="SampleEvery"/> when every 8th step is.</summary>
    private int[] _scale = Array.Empty<int>();

    internal void Layout(IReadOnlyList<Phase> phases)
    {
        Fold();
        _names = phases.Select(p => p.Name).ToArray();
        _scale = phases.Select(p => p.Every == 1 ? SampleEvery : 1).ToArray();
        PhaseTicks = new long[_names.Length];
    }

    /// <summary>Whether to time phase k at this step: a slow-clock phase every time it runs, the others on sampled steps.</summary>
    internal bool Timed(int k, bool sampledStep) => sampledStep || _scale[k] == 1;

    private void Fold()
    {
        // ticks of a per-step phase are scaled by SampleEvery in Seconds(); fold them as "sampled" ticks
        for (int k = 0; k < _names.Length; k++)
            _ticks[_names[k]] = _ticks.GetValueOrDefault(_names[k]) + PhaseTicks[k] * _scale[k] / SampleEvery;
        Array.Clear(PhaseTicks);
    }

    private static double S(long ticks) => SampleEvery * ticks / (double)Stopwatch.Frequency;

    /// <summary>Seconds per phase (each schedule phase by name, the step boundary's observers and commands, and barrier waits).</summary>
    public Dictionary<string, double> Seconds()
    {
        Fold();
        var d = new Dictionary<string, double>();
        foreach (var (name, t) in _ticks) d[name] = S(Math.Max(t, 0));
        d["observers_and_commands"] = S(Math.Max(Boundary, 0));
        d["barriers"] = S(Math.Max(Barriers, 0));
        return d;
    }
}

/// <summary>
/// The one engine: advances a <see cref="Network"/> step by step on persistent workers following a
/// schedule of phases (<see cref="Schedule"/>), and hands every step to its observers.
/// The default schedule per step: neurons (every worker over its slice) alongside the spike sources
/// (worker 0), a barrier, delivery (every worker into its own targets' rings), a barrier; then the
/// step boundary: worker 0 calls the observers and drains the command queue (scheduled events,
/// interventions and posted commands), and a barrier follows before the next step reads anything.
/// Observers therefore see the state after the step's delivery and before any change, and no
/// change happens under a reader. Mechanisms add phases (substances, glia, plasticity) with their
/// own owner and clock. Control: <see cref="RunUntil"/>, <see cref="StepOnce"/>, <see cref="Pause"/>
/// (from any thread), <see cref="Reset"/> (rebuild from the spec).
/// </summary>
public sealed class Simulation
{
    public Network Network { get; private set; }
    public BackendKind Backend => NeuronBackend.Kind;
    internal Backends.INeuronBackend NeuronBackend { get; }
    public int Threads { get; }
    public List<ISimulationObserver> Observers { get; } = new();
    /// <summary>The phases of a step, in order. Change it before the first step or after a reset.</summary>
    public List<Phase> Schedule { get; } = new();
    /// <summary>Changes to the network: scheduled events and commands posted from any thread.</summary>
    public CommandQueue Commands { get; } = new();
    /// <summary>Synaptic events delivered so far.</summary>
    public long SynapticEvents { get; private set; }
    /// <summary>Wall-clock seconds spent stepping (all RunUntil calls since the last reset).</summary>
    public double LoopSeconds { get; private set; }
    /// <summary>Where worker 0 spent the loop, s, by phase.</summary>
    public PhaseTimes Phases { get; } = new();
    /// <summary>Steps done: the simulation is at time <see cref="StepsDone"/> · dt.</summary>
    public long StepsDone => _step;
    public double TimeMs => Recording.StepTime.Ms(_step, Network.Spec.DtMs);
    public bool IsRunning => _running != 0;

    /// <summary>Per population: slice bounds per worker (neuron populations padded to the vector width).</summary>
    internal int[][] Bounds { get; private set; } = Array.Empty<int[]>();

    private readonly Func<Network>? _rebuild;
    private long _step;
    private bool _started, _prepared;
    private int _running;
    private volatile bool _pauseRequested;
    private volatile bool _abort;
    private Exception? _error;
    private readonly long[] _eventsPerWorker;
    // decided by worker 0 before the step's first barrier, read by all after the last: index = step parity
    private readonly bool[] _drainAt = new bool[2], _haltAt = new bool[2];

    /// <summary>
    /// Neurons per worker when threads are automatic. Measured on the 2-core machine: COBA at 4000 neurons
    /// runs 2.7× slower on two workers than on one (the per-step barriers and shared lines cost more than
    /// the work), at 64 000 neurons 1.35× faster.
    /// </summary>
    public const int MinNeuronsPerWorker = 16384;

    /// <param name="rebuild">Builds a fresh network from the spec, for <see cref="Reset"/> (null: reset is refused).</param>
    public Simulation(Network network, BackendKind backend = BackendKind.Simd, int threads = 0, Func<Network>? rebuild = null)
    {
        Network = network;
        _rebuild = rebuild;
        NeuronBackend = Backends.NeuronBackends.Create(backend);
        int total = network.NeuronPopulations.Sum(p => p.Count);
        Threads = threads > 0 ? threads
            : Backend == BackendKind.Reference ? 1
            : Math.Clamp(total / MinNeuronsPerWorker, 1, Environment.ProcessorCount);
        _eventsPerWorker = new long[Threads * 16]; // padded against false sharing
        Bind();
    }

    /// <summary>
    /// The engine's phases for this network, in order; built again on a reset (the rebuilt network has its
    /// own neuromodulators). Phases added by the caller stay, after the engine's.
    /// </summary>
    private void BuildSchedule(Network network)
    {
        var added = Schedule.Where(p => !_enginePhases.Contains(p)).ToList();
        Schedule.Clear();
        if (network.Neuromodulators is { } nm) Schedule.Add(new NeuromodulationPhase(nm));
        if (network.Tissue is { } tissue) Schedule.Add(new FieldPhase(tissue));
        if (network.NeuronPopulations.Any(p => p.Noise is not null)) Schedule.Add(new NoisePhase(this));
        Schedule.Add(new NeuronUpdatePhase(this));
        Schedule.Add(new FlushPhase(this));
        Schedule.Add(new SpikeSourcePhase(this));
        if (network.Neuromodulators is { } counts) Schedule.Add(new ReleaseCountPhase(counts));
        if (network.Tissue is { } fields) Schedule.Add(new FieldReleasePhase(fields));
        if (network.Projections.Any(p => p.Dynamics is not null)) Schedule.Add(new ShortTermDynamicsPhase());
        if (network.Projections.Any(p => p.Plasticity is not null)) Schedule.Add(new PlasticityPhase());
        Schedule.Add(new SpikeDeliveryPhase());
        _enginePhases.Clear();
        _enginePhases.UnionWith(Schedule);
        Schedule.AddRange(added);
    }

    private readonly HashSet<Phase> _enginePhases = new();

    /// <summary>Lays the network out over the workers and loads its scheduled events.</summary>
    private void Bind()
    {
        var network = Network;
        BuildSchedule(network);
        Bounds = new int[network.Populations.Count][];
        foreach (var pop in network.Populations)
        {
            int np = pop is NeuronPopulation n ? n.PaddedCount : pop.Count;
            var b = new int[Threads + 1];
            for (int p = 0; p <= Threads; p++)
                b[p] = pop is NeuronPopulation
                    ? (int)((long)np * p / Threads / NeuronPopulation.Padding * NeuronPopulation.Padding)
                    : (int)((long)np * p / Threads);
            b[Threads] = np;
            Bounds[pop.Index] = b;
            pop.Spikes = new StepSpikes(pop.Count, pop is NeuronPopulation ? Threads : 1);
            if (pop is SpikeSourcePopulation sp) sp.PrepareRun(network.Spec.DtMs);
        }
        foreach (var pr in network.Projections) pr.Partition(Bounds[pr.Target.Index]);
        Commands.Load(network.Events);
        _prepared = false;
    }

    /// <summary>Runs to the end of the scenario (or until cancelled or paused), then tells the observers it finished; returns the steps done.</summary>
    public long Run(CancellationToken cancel = default)
    {
        RunUntil(Network.Steps, cancel);
        Finish();
        return _step;
    }

    /// <summary>Tells the observers the run is over (after <see cref="RunUntil"/> calls).</summary>
    public void Finish()
    {
        foreach (var o in Observers) o.OnFinish(Network, _step);
    }

    /// <summary>Advances one step.</summary>
    public long StepOnce(CancellationToken cancel = default) => RunUntil(_step + 1, cancel);

    /// <summary>Advances by <paramref name="ms"/> of simulated time (rounded to whole steps).</summary>
    public long RunFor(double ms, CancellationToken cancel = default) =>
        RunUntil(_step + (long)Math.Round(ms / Network.DtMs), cancel);

    /// <summary>Asks a running <see cref="RunUntil"/> to return at the next step boundary; callable from any thread.</summary>
    public void Pause() => _pauseRequested = true;

    /// <summary>
    /// Advances to step <paramref name="targetStep"/> (at most the scenario's end), unless paused or cancelled
    /// first; returns the steps done. Rethrows the first error a phase or observer raised.
    /// </summary>
    public long RunUntil(long targetStep, CancellationToken cancel = default)
    {
        if (Interlocked.Exchange(ref _running, 1) != 0) throw new InvalidOperationException("the simulation is already running");
        try
        {
            _pauseRequested = false;
            long target = Math.Min(targetStep, Network.Steps);
            if (!_prepared)
            {
                foreach (var ph in Schedule) ph.Prepare(this);
                Phases.Layout(Schedule);
                _prepared = true;
            }
            if (!_started)
            {
                _started = true;
                foreach (var o in Observers) o.OnStart(Network);
            }
            // events at time 0 act before the first step; commands posted while paused act before the next one
            if (Commands.HasDue(_step)) Commands.Drain(_step, Network);
            if (_step >= target || _error is not null) return _step;
            var phases = Schedule.ToArray();
            var observers = Observers.ToArray(); // once per run call, shared by the workers: a list's enumerator is not free per step
            var barrier = new SpinBarrier(Threads);
            var workers = new Thread[Threads - 1];
            long from = _step;
            for (int p = 1; p < Threads; p++)
            {
                int worker = p;
                workers[p - 1] = new Thread(() => Work(worker, phases, observers, barrier, from, target, cancel))
                    { IsBackground = true, Name = $"circuitsim-{worker}" };
                workers[p - 1].Start();
            }
            var sw = Stopwatch.StartNew();
            Work(0, phases, observers, barrier, from, target, cancel);
            foreach (var w in workers) w.Join();
            LoopSeconds += sw.Elapsed.TotalSeconds;
            long events = 0;
            for (int p = 0; p < Threads; p++) events += _eventsPerWorker[p * 16];
            SynapticEvents = events;
            if (_error is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(_error).Throw();
            return _step;
        }
        finally { Volatile.Write(ref _running, 0); }
    }

    /// <summary>
    /// Rebuilds the network from the spec and returns to time 0: state, rings, drives, scheduled
    /// events; posted commands not yet applied are dropped. Observers are told through
    /// <see cref="ISimulationObserver.OnReset"/>. Not while running.
    /// </summary>
    public void Reset()
    {
        if (_rebuild is null) throw new InvalidOperationException("this simulation was made without a way to rebuild its network");
        if (IsRunning) throw new InvalidOperationException("pause the simulation before resetting it");
        Network = _rebuild();
        Commands.ClearPosted();
        Bind();
        _step = 0;
        _started = false;
        _error = null;
        _abort = false;
        LoopSeconds = 0;
        SynapticEvents = 0;
        Array.Clear(_eventsPerWorker);
        foreach (var o in Observers) o.OnReset(Network);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Work(int p, Phase[] phases, ISimulationObserver[] observers, SpinBarrier barrier, long from, long target, CancellationToken cancel)
    {
        int sense = 0;
        long events = _eventsPerWorker[p * 16];
        bool hasObservers = observers.Length > 0, many = Threads > 1;
        var ticks = Phases.PhaseTicks;
        long clock = PhaseTimes.ClockOverhead;
        for (long t = from; t < target; t++)
        {
            bool timed = p == 0 && t % PhaseTimes.SampleEvery == 0;
            bool published = false;
            int parity = (int)(t & 1);
            for (int k = 0; k < phases.Length; k++)
            {
                var ph = phases[k];
                if (!ph.IsDue(t)) continue;
                bool timePhase = p == 0 && Phases.Timed(k, timed);
                long t0 = timePhase ? Stopwatch.GetTimestamp() : 0;
                if (ph.Owner == PhaseOwner.AllWorkers || p == 0)
                {
                    try { events += ph.Run(p, t); }
                    catch (Exception e) { Fail(e); }
                }
                if (timePhase) ticks[k] += Stopwatch.GetTimestamp() - t0 - clock;
                if (!ph.BarrierAfter) continue;
                if (p == 0 && !published)
                {
                    // what happens at this step's boundary, decided before a barrier so every worker reads the same
                    _drainAt[parity] = Commands.HasDue(t + 1);
                    _haltAt[parity] = _pauseRequested || cancel.IsCancellationRequested;
                    published = true;
                }
                long b0 = timed ? Stopwatch.GetTimestamp() : 0;
                barrier.SignalAndWait(ref sense);
                if (timed) Phases.Barriers += Stopwatch.GetTimestamp() - b0 - clock;
            }
            if (!published && p == 0)
            {
                // a schedule without a barrier this step (one worker only)
                _drainAt[parity] = Commands.HasDue(t + 1);
                _haltAt[parity] = _pauseRequested || cancel.IsCancellationRequested;
            }
            bool drain = _drainAt[parity];
            if (p == 0)
            {
                long t0 = timed ? Stopwatch.GetTimestamp() : 0;
                try
                {
                    foreach (var o in observers) o.OnStep(Network, t);
                    if ((t & 63) == 63 || t == Network.Steps - 1) CheckNumbers(t);
                    // a command applied at this boundary sees the simulation at step t + 1 (StepsDone, TimeMs), as one
                    // applied at the start of a RunUntil does
                    _step = t + 1;
                    if (drain) Commands.Drain(t + 1, Network);
                }
                catch (Exception e) { Fail(e); }
                _step = t + 1;
                if (timed) Phases.Boundary += Stopwatch.GetTimestamp() - t0 - clock;
            }
            // the next step must not start while worker 0 reads the state or changes the network
            if (many && (hasObservers || drain)) barrier.SignalAndWait(ref sense);
            if (_abort || _haltAt[parity]) break;
        }
        _eventsPerWorker[p * 16] = events;
    }

    private void Fail(Exception e)
    {
        Interlocked.CompareExchange(ref _error, e, null);
        _abort = true;
    }

    /// <summary>Stops the run at the first NaN or runaway value (checked every 64 steps, not per neuron-step).</summary>
    private void CheckNumbers(long t)
    {
        var pops = Network.NeuronPopulations;
        for (int k = 0; k < pops.Count; k++) // not foreach: an interface's enumerator is an allocation
        {
            var pop = pops[k];
            var vars = pop.Model.StateVariables;
            for (int s = 0; s < vars.Count; s++)
            {
                // v must stay below the blow-up limit, other variables finite; a vector scan finds whether anything
                // is wrong, and the scalar search that names the neuron runs only then
                float limit = s == 0 ? BlowupLimit : float.PositiveInfinity;
                var a = pop.State[s];
                if (AllBelow(a, pop.Count, limit)) continue;
                for (int i = 0; i < pop.Count; i++)
                    if (!(Math.Abs(a[i]) < limit))
                        throw new NumericalBlowupException(pop.Name, vars[s].Name, i, t * (double)Network.DtMs, a[i]);
            }
        }
    }

    private const float BlowupLimit = 1e4f;

    /// <summary>Whether |a[i]| &lt; limit for all i &lt; n: false for NaN, and for ±∞ even when the limit is ∞.</summary>
    private static bool AllBelow(float[] a, int n, float limit)
    {
        int W = System.Numerics.Vector<float>.Count, i = 0;
        var lim = new System.Numerics.Vector<float>(limit);
        var ok = System.Numerics.Vector<int>.AllBitsSet;
        for (; i + W <= n; i += W)
            ok &= System.Numerics.Vector.LessThan(System.Numerics.Vector.Abs(new System.Numerics.Vector<float>(a, i)), lim);
        if (ok != System.Numerics.Vector<int>.AllBitsSet) return false;
        for (; i < n; i++) if (!(Math.Abs(a[i]) < limit)) return false;
        return true;
    }
}
