using CircuitSim.Model;

namespace CircuitSim.Engine;

/// <summary>
/// Primary afferent fibres or descending fibres: spike sources without membrane dynamics,
/// driven by stimuli and ectopic firing. Each fibre has its conduction delay
/// (distance / velocity, velocity jittered per fibre), added to every projection's delay.
/// </summary>
public sealed class SpikeSourcePopulation : Population
{
    public required PopulationKind Kind { get; init; }
    public FibreClass Fibre { get; init; }
    /// <summary>Where each fibre's central terminal lies in the transverse slab, µm across and in depth (for tissue fields).</summary>
    public float[] TerminalX { get; init; } = Array.Empty<float>();
    public float[] TerminalY { get; init; } = Array.Empty<float>();
    /// <summary>Conduction delay per fibre, in steps.</summary>
    public required int[] ConductionSteps { get; init; }
    /// <summary>Step of each fibre's last spike (for its refractory period).</summary>
    public required long[] LastSpike { get; init; }
    /// <summary>Minimum interval between two spikes of one fibre, steps (1 ms: axonal refractoriness).</summary>
    public int RefractorySteps { get; init; } = 10;
    /// <summary>Ongoing ectopic firing rate of each fibre, Hz (nerve injury); 0 for none.</summary>
    public double EctopicRateHz { get; set; }
    /// <summary>Fibres that fire ectopically when <see cref="EctopicRateHz"/> is above 0 (null: all).</summary>
    public bool[]? EctopicFibres { get; init; }
    /// <summary>Activity-dependent slowing: fractional latency increase per impulse (0: none) and its recovery, ms.</summary>
    public double SlowingPerSpike { get; init; }
    public double SlowingRecoveryMs { get; init; } = 60_000;
    /// <summary>Current fractional slowing of each fibre's conduction, as of its last impulse.</summary>
    public float[] Slowing { get; private set; } = Array.Empty<float>();
    private long[] _lastEmitted = Array.Empty<long>();
    private double _dtMs;
    /// <summary>Waiting times of the ectopic firing (made fresh for each run).</summary>
    internal Stimuli.GeometricFiring Ectopic { get; private set; } = null!;
    /// <summary>Fibres flagged as peptidergic (release substance P / CGRP).</summary>
    public required bool[] Peptidergic { get; init; }

    /// <summary>Scratch per step: fibre fires now.</summary>
    internal bool[] FiresNow { get; init; } = Array.Empty<bool>();
    /// <summary>Scratch per step: the fibre's impulse starts at its dorsal root ganglion (DRG stimulation), not at the periphery.</summary>
    internal bool[] FiresAtRoot { get; init; } = Array.Empty<bool>();
    /// <summary>Conduction delay from the ganglion to the cord per fibre, steps (null: no root length given).</summary>
    public int[]? RootConductionSteps { get; init; }

    /// <summary>
    /// The spikes that reach the spinal cord this step, in the order they were emitted: emitted
    /// <see cref="ConductionSteps"/> earlier. Projections deliver these, so the target's rings only
    /// span the synaptic delays (C fibres over 150 mm take ~6000 steps to arrive: rings that long on
    /// every channel of every target were megabytes read a slot per step, mostly cache misses).
    /// Equal to <see cref="Population.Spikes"/> when no fibre has a conduction delay.
    /// </summary>
    public override StepSpikes Arriving => _arriving;
    private StepSpikes _arriving = StepSpikes.Empty;

    // Spikes in flight: per arrival slot a singly linked list (head, tail) through a pool of nodes
    // (fibre, next) with a free list. The pool starts at 4 nodes a fibre and doubles when more spikes
    // are in flight than ever before, so the time loop allocates only while the load is still
    // rising (a bound sized for every fibre firing at its refractory limit over the longest
    // conduction delay would be ~640 nodes a fibre for C fibres over 150 mm: 0.5 GB for 100k fibres).
    private int[] _head = Array.Empty<int>(), _tail = Array.Empty<int>(), _fibre = Array.Empty<int>(), _next = Array.Empty<int>();
    private int _free = -1;

    /// <summary>Sets up what a run changes: the ectopic schedule and the queue of spikes in flight.</summary>
    internal void PrepareRun(double dtMs)
    {
        _dtMs = dtMs;
        Ectopic = new Stimuli.GeometricFiring(Count, EctopicFibres);
        Slowing = new float[Count];
        _lastEmitted = new long[Count];
        Array.Fill(_lastEmitted, long.MinValue / 4);
        int longest = ConductionSteps.Length > 0 ? ConductionSteps.Max() : 0;
        // slowed impulses arrive up to MaxSlowing later than the base delay
        if (SlowingPerSpike > 0) longest = (int)Math.Ceiling(longest * (1 + Stimuli.FibreClasses.MaxSlowing)) + 1;
        if (longest == 0) { _arriving = Spikes; return; }
        _arriving = new StepSpikes(Count, 1);
        _head = new int[longest + 1];
        _tail = new int[longest + 1];
        Array.Fill(_head, -1);
        Array.Fill(_tail, -1);
        _fibre = Array.Empty<int>();
        _next = Array.Empty<int>();
        _free = -1;
        Grow(Math.Max(16, 4 * Count));
    }

    private void Grow(int add)
    {
        int old = _fibre.Length;
        Array.Resize(ref _fibre, old + add);
        Array.Resize(ref _next, old + add);
        for (int k = old; k < old + add; k++) _next[k] = k + 1 < old + add ? k + 1 : _free;
        _free = old;
    }

    /// <summary>
    /// The conduction delay of fibre i's impulse at <paramref name="step"/>, lengthened by the slowing left by
    /// its earlier impulses (recovering with τ since the last), after which this impulse adds its own.
    /// </summary>
    private int SlowedDelay(int i, long step)
    {
        double s = Slowing[i] * Math.Exp(-(step - _lastEmitted[i]) * _dtMs / SlowingRecoveryMs);
        int delay = (int)Math.Round(ConductionSteps[i] * (1 + s));
        Slowing[i] = (float)Math.Min(Stimuli.FibreClasses.MaxSlowing, s + SlowingPerSpike);
        _lastEmitted[i] = step;
        return delay;
    }

    /// <summary>Queues this step's spikes by arrival step and moves those arriving now to <see cref="Arriving"/>.</summary>
    internal void Conduct(long step)
    {
        if (_head.Length == 0) return;
        int n = Spikes.Counts[0], slots = _head.Length;
        var emitted = Spikes.Segments[0];
        for (int j = 0; j < n; j++)
        {
            int i = emitted[j];
            // an impulse started at the ganglion travels only the root (its peripheral slowing does not apply)
            int delay = RootConductionSteps is { } root && FiresAtRoot[i] ? root[i]
                : SlowingPerSpike > 0 ? SlowedDelay(i, step) : ConductionSteps[i];
            int slot = (int)((step + delay) % slots);
            if (_free < 0) Grow(_fibre.Length);
            int node = _free;
            _free = _next[node];
            _fibre[node] = i;
            _next[node] = -1;
            if (_tail[slot] >= 0) _next[_tail[slot]] = node; else _head[slot] = node;
            _tail[slot] = node;
        }
        int now = (int)(step % slots), count = 0;
        var arriving = _arriving.Segments[0];
        for (int node = _head[now]; node >= 0;)
        {
            arriving[count++] = _fibre[node];
            int after = _next[node];
            _next[node] = _free;
            _free = node;
            node = after;
        }
        _head[now] = _tail[now] = -1;
        _arriving.Counts[0] = count;
    }
}
