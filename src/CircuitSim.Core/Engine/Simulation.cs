using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using CircuitSim.Model;
using CircuitSim.Stimuli;

namespace CircuitSim.Engine;

/// <summary>
/// Time per phase of worker 0, from timestamps taken on every <see cref="SampleEvery"/>-th step and
/// scaled to all steps: five timestamps on every step cost ~3 % of COBA's loop on a virtual machine
/// (kvm-clock, ~30 ns each).
/// </summary>
public sealed class PhaseTimes
{
    public const int SampleEvery = 8;
    public long Neurons, Sources, Delivery, Observers, Barriers;
    private static double S(long ticks) => SampleEvery * ticks / (double)Stopwatch.Frequency;
    public Dictionary<string, double> Seconds() => new()
    {
        ["neurons"] = S(Neurons), ["sources"] = S(Sources), ["delivery"] = S(Delivery),
        ["observers_and_events"] = S(Observers), ["barriers"] = S(Barriers),
    };
}

/// <summary>
/// The one engine: advances a <see cref="Network"/> step by step on persistent workers and
/// hands every step to its observers. Each step has two phases separated by a barrier:
/// (A) every worker updates its fixed slice of each neuron population (worker 0 also fires the
/// spike sources); (B) worker 0 calls the observers, then every worker delivers all of the
/// step's spikes into the rings of its own slice of targets, walking sources in ascending order,
/// so each target's sums are formed in the same order for any number of workers; worker 0 then
/// applies the events of the next step. The reference backend runs scalar kernels, the SIMD backend fused
/// vector kernels; both share everything else.
/// </summary>
public sealed class Simulation
{
    public Network Network { get; }
    public BackendKind Backend => _backend.Kind;
    private readonly Backends.INeuronBackend _backend;
    public int Threads { get; }
    public List<ISimulationObserver> Observers { get; } = new();
    /// <summary>Synaptic events delivered so far.</summary>
    public long SynapticEvents { get; private set; }
    public double LoopSeconds { get; private set; }
    /// <summary>Where worker 0 spent the loop, s: neuron updates, spike sources, delivery, observers and events, barrier waits.</summary>
    public PhaseTimes Phases { get; } = new();

    private readonly int[][] _bounds; // per population: slice bounds per worker (neuron pops only)
    private readonly SpikeDrive[][] _drivesBySource;
    private readonly long[] _eventsPerWorker;
    private int _nextEvent;
    private volatile bool _abort;
    private Exception? _error;
    private long _stepsDone;

    /// <summary>
    /// Neurons per worker when threads are automatic. Measured on the 2-core machine: COBA at 4000 neurons
    /// runs 2.7× slower on two workers than on one (the per-step barriers and shared lines cost more than
    /// the work), at 64 000 neurons 1.35× faster.
    /// </summary>
    public const int MinNeuronsPerWorker = 16384;

    public Simulation(Network network, BackendKind backend = BackendKind.Simd, int threads = 0)
    {
        Network = network;
        _backend = Backends.NeuronBackends.Create(backend);
        int total = network.NeuronPopulations.Sum(p => p.Count);
        Threads = threads > 0 ? threads
            : Backend == BackendKind.Reference ? 1
            : Math.Clamp(total / MinNeuronsPerWorker, 1, Environment.ProcessorCount);

        _bounds = new int[network.Populations.Count][];
        foreach (var pop in network.Populations)
        {
            int np = pop is NeuronPopulation n ? n.PaddedCount : pop.Count;
            var b = new int[Threads + 1];
            for (int p = 0; p <= Threads; p++)
                b[p] = pop is NeuronPopulation
                    ? (int)((long)np * p / Threads / NeuronPopulation.Padding * NeuronPopulation.Padding)
                    : (int)((long)np * p / Threads);
            b[Threads] = np;
            _bounds[pop.Index] = b;
            pop.Spikes = new StepSpikes(pop.Count, pop is NeuronPopulation ? Threads : 1);
            if (pop is SpikeSourcePopulation sp) sp.PrepareRun();
        }
        foreach (var pr in network.Projections) pr.Partition(_bounds[pr.Target.Index]);
        _drivesBySource = network.Populations
            .Select(p => network.Drives.Where(d => d.Target == p).ToArray()).ToArray();
        _eventsPerWorker = new long[Threads * 16]; // padded against false sharing
    }

    /// <summary>Runs to the end (or until cancelled); returns the number of steps done.</summary>
    public long Run(CancellationToken cancel = default)
    {
        foreach (var o in Observers) o.OnStart(Network);
        ApplyEvents(0);
        var barrier = new SpinBarrier(Threads);
        var workers = new Thread[Threads - 1];
        for (int p = 1; p < Threads; p++)
        {
            int worker = p;
            workers[p - 1] = new Thread(() => Work(worker, barrier, cancel)) { IsBackground = true, Name = $"circuitsim-{worker}" };
            workers[p - 1].Start();
        }
        var sw = Stopwatch.StartNew();
        Work(0, barrier, cancel);
        foreach (var w in workers) w.Join();
        LoopSeconds = sw.Elapsed.TotalSeconds;
        long events = 0;
        for (int p = 0; p < Threads; p++) events += _eventsPerWorker[p * 16];
        SynapticEvents = events;
        foreach (var o in Observers) o.OnFinish(Network, _stepsDone);
        if (_error is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(_error).Throw();
        return _stepsDone;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Work(int p, SpinBarrier barrier, CancellationToken cancel)
    {
        int sense = 0;
        long steps = Network.Steps;
        float dt = Network.DtMs;
        var neuronPops = Network.NeuronPopulations.ToArray();
        var sources = Network.SourcePopulations.ToArray();
        var projections = Network.Projections.ToArray();
        long events = 0;
        long t0, t1, t2, t3, t4, t5;
        var ph = Phases;
        for (long t = 0; t < steps; t++)
        {
            bool timed = p == 0 && t % PhaseTimes.SampleEvery == 0;
            t0 = timed ? Stopwatch.GetTimestamp() : 0;
            t1 = t0;
            try
            {
                foreach (var pop in neuronPops) UpdateNeurons(pop, p, t, dt);
                if (timed) t1 = Stopwatch.GetTimestamp();
                if (p == 0) foreach (var src in sources) FireSources(src, t);
            }
            catch (Exception e) { Fail(e); }
            t2 = timed ? Stopwatch.GetTimestamp() : 0;
            barrier.SignalAndWait(ref sense);
            t3 = timed ? Stopwatch.GetTimestamp() : 0;
            t4 = t3;
            try
            {
                // worker 0 hands the step to the observers before delivering: delivery only writes the rings,
                // which no observer reads, and the step's spikes and state are still in cache (after delivery,
                // which streams the synapse arrays, the recorders' first touches were misses: ~0.5 µs a step)
                if (p == 0)
                {
                    foreach (var o in Observers) o.OnStep(Network, t);
                    if ((t & 63) == 63 || t == steps - 1) CheckNumbers(t);
                    if (timed) t4 = Stopwatch.GetTimestamp();
                }
                foreach (var pr in projections) events += Deliver(pr, p, t);
                if (p == 0)
                {
                    ApplyEvents(t + 1);
                    _stepsDone = t + 1;
                    if (cancel.IsCancellationRequested) _abort = true;
                }
            }
            catch (Exception e) { Fail(e); }
            t5 = timed ? Stopwatch.GetTimestamp() : 0;
            barrier.SignalAndWait(ref sense);
            if (timed)
            {
                ph.Neurons += t1 - t0; ph.Sources += t2 - t1; ph.Barriers += t3 - t2 + Stopwatch.GetTimestamp() - t5;
                ph.Observers += t4 - t3; ph.Delivery += t5 - t4;
            }
            if (_abort) break;
        }
        _eventsPerWorker[p * 16] = events;
    }

    private void Fail(Exception e)
    {
        Interlocked.CompareExchange(ref _error, e, null);
        _abort = true;
    }

    private void UpdateNeurons(NeuronPopulation pop, int p, long t, float dt)
    {
        var b = _bounds[pop.Index];
        int lo = b[p], hi = b[p + 1];
        int slots = pop.Channels.Length > 0 ? pop.Channels[0].RingSlots : 1;
        int slotOffset = (int)(t % slots) * pop.PaddedCount;
        var seg = pop.Spikes.Segments[p];
        int count = 0;
        if (hi > lo) _backend.Update(pop, lo, hi, slotOffset, dt, seg, ref count);
        pop.Spikes.Counts[p] = count;
    }

    private void FireSources(SpikeSourcePopulation src, long t)
    {
        var fires = src.FiresNow;
        Array.Clear(fires);
        foreach (var d in _drivesBySource[src.Index]) d.Apply(t, fires);
        if (src.EctopicRateHz > 0)
            src.Ectopic.Fire(Network.Spec.Seed,
                Random.RngPurpose.ForPopulation(Random.RngPurpose.Ectopic, src.Index), t, (float)(src.EctopicRateHz * Network.DtMs * 1e-3), fires);
        var seg = src.Spikes.Segments[0];
        var last = src.LastSpike;
        int n = 0;
        for (int i = 0; i < fires.Length; i++)
            if (fires[i] && t - last[i] >= src.RefractorySteps) { seg[n++] = i; last[i] = t; }
        src.Spikes.Counts[0] = n;
        src.Conduct(t);
    }

    /// <summary>Adds the weights of this step's spikes of the projection's source into the rings of worker p's targets.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static long Deliver(Projection pr, int p, long t)
    {
        var tgt = pr.Target;
        var spikes = pr.Source.Arriving;
        int ns = pr.Source.Count, np = tgt.PaddedCount, r = pr.Receptors;
        int slots = tgt.Channels[pr.ChannelIndex[0]].RingSlots;
        var part = pr.PartStart;
        var targets = pr.Targets;
        var w = pr.Weights;
        // every spike of the step lands in the same ring slot: the projection has one synaptic delay
        int offset = (int)((t + pr.DelaySteps) % slots) * np;
        float uniform = pr.UniformWeight ?? 0f;
        bool isUniform = pr.UniformWeight.HasValue;
        long events = 0;
        for (int s = 0; s < spikes.Segments.Length; s++)
        {
            var seg = spikes.Segments[s];
            int n = spikes.Counts[s];
            for (int j = 0; j < n; j++)
            {
                int src = seg[j];
                if (j + 1 < n && System.Runtime.Intrinsics.X86.Sse.IsSupported)
                    PrefetchRow(targets, part[p * ns + seg[j + 1]]);
                int lo = part[p * ns + src], hi = part[(p + 1) * ns + src];
                if (hi <= lo) continue;
                events += hi - lo;
                if (isUniform)
                {
                    // targets are < the padded count and offset + padded count ≤ the ring's length (builder invariant),
                    // so the checks are dropped; four independent read-modify-writes per iteration
                    ref float slot = ref Unsafe.Add(
                        ref MemoryMarshal.GetArrayDataReference(tgt.Channels[pr.ChannelIndex[0]].Ring), offset);
                    ref int tk = ref MemoryMarshal.GetArrayDataReference(targets);
                    int k = lo;
                    for (; k + 4 <= hi; k += 4)
                    {
                        Unsafe.Add(ref slot, Unsafe.Add(ref tk, k)) += uniform;
                        Unsafe.Add(ref slot, Unsafe.Add(ref tk, k + 1)) += uniform;
                        Unsafe.Add(ref slot, Unsafe.Add(ref tk, k + 2)) += uniform;
                        Unsafe.Add(ref slot, Unsafe.Add(ref tk, k + 3)) += uniform;
                    }
                    for (; k < hi; k++) Unsafe.Add(ref slot, Unsafe.Add(ref tk, k)) += uniform;
                }
                else if (r == 1)
                {
                    var ring = tgt.Channels[pr.ChannelIndex[0]].Ring;
                    for (int k = lo; k < hi; k++) ring[offset + targets[k]] += w[k];
                }
                else
                {
                    for (int c = 0; c < r; c++)
                    {
                        var ring = tgt.Channels[pr.ChannelIndex[c]].Ring;
                        for (int k = lo; k < hi; k++) ring[offset + targets[k]] += w[k * r + c];
                    }
                }
            }
        }
        return events;
    }

    /// <summary>
    /// Asks for the first lines of the next spike's row while this row is delivered: rows start at
    /// random places in a synapse array larger than L2, so each row's first line is a miss.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void PrefetchRow(int[] targets, int start)
    {
        if ((uint)start >= (uint)targets.Length) return;
        byte* at = (byte*)Unsafe.AsPointer(ref targets[start]);
        System.Runtime.Intrinsics.X86.Sse.Prefetch0(at);
        System.Runtime.Intrinsics.X86.Sse.Prefetch0(at + 64);
    }

    private void ApplyEvents(long step)
    {
        var evs = Network.Events;
        while (_nextEvent < evs.Count && evs[_nextEvent].Step <= step) evs[_nextEvent++].Apply(Network);
    }

    /// <summary>Stops the run at the first NaN or runaway value (checked every 64 steps, not per neuron-step).</summary>
    private void CheckNumbers(long t)
    {
        foreach (var pop in Network.NeuronPopulations)
        {
            // a vector scan finds whether anything is wrong; the scalar search that names the neuron runs only then
            if (AllBelow(pop.V, pop.Count, BlowupLimit) && AllBelow(pop.Recovery, pop.Count, float.PositiveInfinity)) continue;
            var (v, rec) = (pop.V, pop.Recovery);
            for (int i = 0; i < pop.Count; i++)
            {
                if (!(Math.Abs(v[i]) < BlowupLimit)) throw new NumericalBlowupException(pop.Name, "v", i, t * (double)Network.DtMs, v[i]);
                if (float.IsNaN(rec[i]) || float.IsInfinity(rec[i]))
                    throw new NumericalBlowupException(pop.Name, pop.Model.StateVariables.Count > 1 ? pop.Model.StateVariables[1].Name : "w", i, t * (double)Network.DtMs, rec[i]);
            }
        }
    }

    private const float BlowupLimit = 1e4f;

    /// <summary>Whether |a[i]| &lt; limit (so not NaN or ∞) for all i &lt; n: the same test as the scalar search above.</summary>
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
