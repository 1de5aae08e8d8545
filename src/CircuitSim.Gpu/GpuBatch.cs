using System.Diagnostics;
using CircuitSim.Engine;
using CircuitSim.Engine.Scheduling;
using CircuitSim.Stimuli;
using ILGPU;
using ILGPU.Runtime;

namespace CircuitSim.Gpu;

/// <summary>
/// B copies of one circuit in one set of kernels (spike sources are stepped on the host a chunk ahead) (GeNN's batch mode, without sharing connectivity: each copy
/// brings its own synapses, seeds and parameter values; only the structure must agree). Neuron state, channel
/// states and rings, synapses (by target) and the spike flags stay on the device; each step launches the LIF
/// kernel per population, the flush every 64 steps and one delivery kernel per projection, over all copies,
/// in the CPU engine's phase order. The flags of <see cref="ChunkSteps"/> steps are copied out in one transfer
/// and the host replays those steps to each copy's observers (its spike recorder, metrics, progress), so the
/// recorders are the CPU engine's and each copy's results are those of its single run.
/// </summary>
public sealed class GpuBatch : CircuitSim.Engine.Backends.IExternalBatch
{
    public const int ChunkSteps = 128;
    private readonly Network[] _nets;
    private readonly Context _context;
    private readonly Accelerator _acc;
    private readonly List<IDisposable> _buffers = new();
    private readonly int[] _pops;          // indices of the neuron populations in each network's Populations
    private readonly int[] _flagOffset;    // by population index
    private readonly int _total;           // neurons per copy
    private readonly Pop?[] _dev;
    private readonly Proj[] _proj;
    private readonly MemoryBuffer1D<byte, Stride1D.Dense> _record;
    private readonly byte[] _hostRecord;
    private readonly MemoryBuffer1D<long, Stride1D.Dense> _events;
    private readonly Action<KernelConfig, LifArgs, int, ArrayView<byte>> _lif;
    private readonly Action<KernelConfig, ArrayView<float>, int, float> _flush;
    private readonly Action<KernelConfig, DeliverArgs, ArrayView<byte>, ArrayView<float>, int, int, int> _deliver;
    private readonly bool _replaySpikes;
    private readonly int _chunkSteps;
    private readonly Src[] _src = Array.Empty<Src>();
    private readonly Action<KernelConfig, DeliverArgs, ArrayView<int>, ArrayView<int>, ArrayView<int>, ArrayView<float>, int, int, int, int>? _deliverArrivals;

    /// <summary>
    /// A spike-source population, stepped on the host a chunk ahead (its trains do not depend on the neurons): each
    /// step's arrivals at the terminals, in arrival order, per copy, go to the device; what the fibres emitted is kept
    /// for the recorders.
    /// </summary>
    private sealed class Src
    {
        public int Population, Count;
        public SpikeDrive[][] Drives = Array.Empty<SpikeDrive[]>(); // by copy
        public long[] OutDegree = Array.Empty<long>();               // by fibre: synapses over projections from it (events)
        public int[] Arrivals = Array.Empty<int>(), Offsets = Array.Empty<int>(), Counts = Array.Empty<int>(), Totals = Array.Empty<int>();
        public int[] Emitted = Array.Empty<int>(), EmittedCounts = Array.Empty<int>();
        public MemoryBuffer1D<int, Stride1D.Dense> DevArrivals = null!, DevOffsets = null!, DevCounts = null!, DevTotals = null!;
    }
    private double _kernel, _copy, _replay;

    private sealed class Pop
    {
        public LifArgs Args;
        // fixed-point delivery: the ring of integer arrivals, this step's spike list and its counts per step of the chunk
        public ArrayView<long> RingFixed;
        public ArrayView<int> SpikeList;
        public MemoryBuffer1D<int, Stride1D.Dense>? SpikeCount;
        public ArrayView<float> A, Ring, B;
        public int Padded, Slots, Channels;
        public bool Direct;
        public KernelConfig Config;
    }

    private sealed class Proj
    {
        public DeliverArgs Args;
        public FastDeliverArgs Fast;
        public int Source;
        /// <summary>From a spike-source population: incoming synapses keep the fibre's own index, and delivery follows the arrival order.</summary>
        public bool FromFibres;
        /// <summary>For a projection from fibres: its source's place in the batch's spike sources.</summary>
        public int FibreSource = -1;
        public int Target, Delay;
        public KernelConfig Config;
    }

    public int Copies => _nets.Length;
    public string Name { get; }
    /// <summary>Each copy's observers, by copy.</summary>
    public List<ISimulationObserver>[] Observers { get; }
    public double LoopSeconds { get; private set; }
    /// <summary>Synaptic events delivered, by copy.</summary>
    public long[] SynapticEvents { get; }

    /// <summary>Whether delivery is event-driven with fixed-point sums (fast, deterministic, not bit-identical to the CPU).</summary>
    public bool FixedPoint { get; }
    private readonly Action<KernelConfig, LifArgs, int, ArrayView<byte>, ArrayView<long>, ArrayView<int>, ArrayView<int>>? _lifFixed;
    private readonly Action<KernelConfig, FastDeliverArgs, ArrayView<int>, ArrayView<int>, ArrayView<long>, int>? _deliverFixed;

    /// <param name="fixedPoint">Event-driven delivery with fixed-point sums (<see cref="FastDeliverArgs"/>) instead of the target-partitioned scan in the CPU's order.</param>
    public GpuBatch(IReadOnlyList<Network> copies, string device, bool fixedPoint = false)
    {
        FixedPoint = fixedPoint;
        if (copies.Count == 0) throw new ArgumentException("a batch needs at least one network", nameof(copies));
        foreach (var n in copies) GpuSupport.Check(n);
        CheckSameStructure(copies);
        _nets = copies.ToArray();
        Observers = _nets.Select(_ => new List<ISimulationObserver>()).ToArray();
        SynapticEvents = new long[_nets.Length];
        _context = GpuDevices.CreateContext();
        try { _acc = GpuDevices.Create(_context, device); }
        catch { _context.Dispose(); throw; }
        Name = _acc.AcceleratorType == AcceleratorType.CPU ? "gpu (ILGPU CPU accelerator)" : $"gpu ({_acc.Name})";
        try
        {
            var first = _nets[0];
            _pops = first.NeuronPopulations.Select(p => p.Index).ToArray();
            _flagOffset = new int[first.Populations.Count];
            foreach (int p in _pops) { _flagOffset[p] = _total; _total += first.Populations[p].Count; }
            _events = Track(_acc.Allocate1D<long>(_nets.Length));
            _events.MemSetToZero();
            _dev = new Pop?[first.Populations.Count];
            foreach (int p in _pops) _dev[p] = Upload(p);
            _proj = first.Projections.Select(pr => UploadProjection(pr.Index)).ToArray();
            _src = first.SourcePopulations.Select(sp => PrepareSource(sp.Index)).ToArray();
            foreach (var pr in _proj) pr.FibreSource = Array.FindIndex(_src, x => x.Population == pr.Source);
            // a chunk of flags must fit one host array (2³¹ bytes): fewer steps per chunk for very large batches
            long row = Math.Max(1, (long)_nets.Length * _total);
            _chunkSteps = (int)Math.Clamp(int.MaxValue / row, 1, ChunkSteps);
            if (row > int.MaxValue) throw new BuildException($"the batch has {row} neurons in all, more than one host array of spike flags holds (2³¹); use fewer copies", "backend");
            long recordLength = _chunkSteps * row;
            _record = Track(_acc.Allocate1D<byte>(recordLength));
            _replaySpikes = first.Spec.Record.Spikes is not { Count: 0 };
            _hostRecord = _replaySpikes ? new byte[recordLength] : Array.Empty<byte>();
            _lif = _acc.LoadStreamKernel<LifArgs, int, ArrayView<byte>>(GpuKernels.Lif);
            _flush = _acc.LoadStreamKernel<ArrayView<float>, int, float>(GpuKernels.Flush);
            _deliver = _acc.LoadStreamKernel<DeliverArgs, ArrayView<byte>, ArrayView<float>, int, int, int>(GpuKernels.Deliver);
            if (_src.Length > 0)
                _deliverArrivals = _acc.LoadStreamKernel<DeliverArgs, ArrayView<int>, ArrayView<int>, ArrayView<int>, ArrayView<float>, int, int, int, int>(GpuKernels.DeliverArrivals);
            if (fixedPoint)
            {
                _lifFixed = _acc.LoadStreamKernel<LifArgs, int, ArrayView<byte>, ArrayView<long>, ArrayView<int>, ArrayView<int>>(FixedPointKernels.Lif);
                _deliverFixed = _acc.LoadStreamKernel<FastDeliverArgs, ArrayView<int>, ArrayView<int>, ArrayView<long>, int>(FixedPointKernels.Deliver);
            }
        }
        catch
        {
            // what was allocated before the failure (a batch too large, a kernel that does not compile) goes back
            Dispose();
            throw;
        }
        // each copy's recorders read its populations' step spikes from here during the replay; sources are prepared as
        // the CPU engine prepares them (their conduction queues and spike buffers)
        foreach (var n in _nets)
        {
            foreach (var pop in n.NeuronPopulations) pop.Spikes = new StepSpikes(pop.Count, 1);
            foreach (var sp in n.SourcePopulations)
            {
                sp.Spikes = new StepSpikes(sp.Count, 1);
                sp.PrepareRun(n.Spec.DtMs);
            }
        }
    }

    /// <summary>The copies must have the same populations, channels, rings and projections; values may differ.</summary>
    private static void CheckSameStructure(IReadOnlyList<Network> copies)
    {
        var a = copies[0];
        foreach (var b in copies.Skip(1))
        {
            string Why()
            {
                if (a.Populations.Count != b.Populations.Count || a.Projections.Count != b.Projections.Count) return "a different number of populations or projections";
                for (int p = 0; p < a.Populations.Count; p++)
                {
                    Population x = a.Populations[p], y = b.Populations[p];
                    if (x.Name != y.Name || x.Count != y.Count) return $"population {x.Name}: {x.Count} against {y.Name}: {y.Count}";
                    if (x is NeuronPopulation nx && y is NeuronPopulation ny &&
                        (nx.Channels.Length != ny.Channels.Length || (nx.Channels.Length > 0 && (nx.Channels[0].RingSlots != ny.Channels[0].RingSlots || nx.Channels[0].ArrivesInState != ny.Channels[0].ArrivesInState))))
                        return $"population {x.Name}: other channels or delays";
                }
                for (int q = 0; q < a.Projections.Count; q++)
                {
                    Projection x = a.Projections[q], y = b.Projections[q];
                    if (x.Name != y.Name || x.Source.Index != y.Source.Index || x.Target.Index != y.Target.Index || x.DelaySteps != y.DelaySteps
                        || !x.ChannelIndex.SequenceEqual(y.ChannelIndex))
                        return $"projection {x.Name}: other ends, delay or receptors";
                }
                if (a.Steps != b.Steps || a.DtMs != b.DtMs) return $"another run length or time step ({a.Steps} steps of {a.DtMs} ms against {b.Steps} of {b.DtMs} ms)";
                if ((a.Spec.Record.Spikes is { Count: 0 }) != (b.Spec.Record.Spikes is { Count: 0 })) return "one records spikes and another does not";
                return "";
            }
            string why = Why();
            if (why.Length > 0) throw new BuildException($"the copies of a gpu batch must share their structure (values may differ): {why}", "backend");
        }
    }

    private T Track<T>(T buffer) where T : IDisposable { _buffers.Add(buffer); return buffer; }
    private ArrayView<float> Up(float[] host) => Track(_acc.Allocate1D(host.Length == 0 ? new float[1] : host)).View;
    private ArrayView<int> Up(int[] host) => Track(_acc.Allocate1D(host.Length == 0 ? new int[1] : host)).View;
    private ArrayView<long> Up(long[] host) => Track(_acc.Allocate1D(host.Length == 0 ? new long[1] : host)).View;

    private KernelConfig Config(long n)
    {
        int group = Math.Min(_acc.MaxNumThreadsPerGroup, _acc.AcceleratorType == AcceleratorType.CPU ? 16 : 256);
        long most = _acc.AcceleratorType == AcceleratorType.CPU ? Math.Max(1, _acc.NumMultiprocessors) : (long)_acc.NumMultiprocessors * 16;
        int groups = (int)Math.Clamp((n + group - 1) / group, 1, Math.Max(1, most));
        return new KernelConfig(groups, group);
    }

    /// <summary>Every copy's arrays of one kind laid end to end, each <paramref name="stride"/> long (padded with 0).</summary>
    private float[] Concat(Func<Network, float[]> of, int stride)
    {
        var all = new float[_nets.Length * stride];
        for (int b = 0; b < _nets.Length; b++)
        {
            var x = of(_nets[b]);
            Array.Copy(x, 0, all, b * stride, Math.Min(x.Length, stride));
        }
        return all;
    }

    private Pop Upload(int p)
    {
        var pop0 = (NeuronPopulation)_nets[0].Populations[p];
        int np = pop0.PaddedCount, nc = pop0.Channels.Length, copies = _nets.Length;
        bool direct = nc > 0 && pop0.Channels[0].ArrivesInState;
        int slots = nc > 0 ? pop0.Channels[0].RingSlots : 1;
        if (FixedPoint)
        {
            // every arrival waits in the integer ring, one slot per step of the longest incoming delay, plus one
            direct = false;
            slots = _nets[0].Projections.Where(x => x.Target.Index == p).Select(x => x.DelaySteps).DefaultIfEmpty(1).Max() + 1;
        }
        NeuronPopulation Of(Network n) => (NeuronPopulation)n.Populations[p];
        float[] Param(Network n, string name) => Of(n).Params.TryGetValue(name, out var v) ? v : Of(n).Derived[name];
        bool adex = pop0.Model is Neurons.AdExModel;
        ArrayView<float> Adex(Func<Network, float[]> of) => adex ? Up(Concat(of, np)) : Up(new float[1]);
        var a = new float[copies * nc * np];
        var bState = new float[copies * nc * np];
        var ring = direct ? Array.Empty<float>() : new float[copies * nc * slots * np];
        for (int b = 0; b < copies; b++)
            for (int c = 0; c < nc; c++)
            {
                var ch = Of(_nets[b]).Channels[c];
                Array.Copy(ch.A, 0, a, (b * nc + c) * np, np);
                if (ch.B is { } bs) Array.Copy(bs, 0, bState, (b * nc + c) * np, np);
                if (!direct && !FixedPoint) Array.Copy(ch.Ring, 0, ring, (b * nc + c) * slots * np, slots * np);
            }
        float[] PerChannel(Func<Synapses.ReceptorChannel, float> f) =>
            _nets.SelectMany(n => Of(n).Channels.Select(f)).ToArray();
        var outDegree = new long[copies * np];
        for (int b = 0; b < copies; b++)
            foreach (var pr in _nets[b].Projections.Where(x => x.Source.Index == p))
                for (int s = 0; s < pop0.Count; s++) outDegree[b * np + s] += pr.RowStart[s + 1] - pr.RowStart[s];
        var d = new Pop { Padded = np, Slots = slots, Direct = direct, Channels = nc, Config = Config((long)copies * np) };
        d.A = Up(a);
        d.B = Up(bState);
        d.Ring = Up(FixedPoint ? Array.Empty<float>() : ring);
        if (FixedPoint)
        {
            var fixedRing = Track(_acc.Allocate1D<long>(Math.Max(1, (long)copies * nc * slots * np)));
            fixedRing.MemSetToZero();
            d.RingFixed = fixedRing.View;
            d.SpikeList = Track(_acc.Allocate1D<int>(Math.Max(1, (long)copies * np))).View;
            d.SpikeCount = Track(_acc.Allocate1D<int>(ChunkSteps)); // one count per step of a chunk (a chunk has at most ChunkSteps)
        }
        d.Args = new LifArgs
        {
            V = Up(Concat(n => Of(n).StateOf("v"), np)), R = Up(Concat(n => Of(n).Refractory, np)),
            EL = Up(Concat(n => Param(n, "EL"), np)), Rin = Up(Concat(n => Param(n, "Rin"), np)), P = Up(Concat(n => Param(n, "P"), np)),
            Vr = Up(Concat(n => Param(n, "Vr"), np)), VT = Up(Concat(n => Param(n, "VT"), np)), RS = Up(Concat(n => Of(n).RefractorySteps, np)),
            Ib = Up(Concat(n => Param(n, "I_bias"), np)), ECl = Up(Concat(n => Param(n, "ECl"), np)), I = Up(Concat(n => Of(n).IExt, np)),
            A = d.A, Ring = d.Ring, B = d.B,
            Norm = Up(PerChannel(c => c.Norm)), Decay = Up(PerChannel(c => c.DecayA)), DecayB = Up(PerChannel(c => c.DecayB)),
            Scale = Up(PerChannel(c => c.Scale)), Reversal = Up(PerChannel(c => c.Reversal)),
            InverseSaturation = Up(PerChannel(c => c.InverseSaturation)), PotentiationMax = Up(PerChannel(c => c.PotentiationMax)),
            PotentiationHalf = Up(PerChannel(c => c.PotentiationHalfNs)),
            Chloride = Up(pop0.Channels.Select(c => c.UsesChloride ? 1 : 0).ToArray()),
            HasB = Up(pop0.Channels.Select(c => c.B is null ? 0 : 1).ToArray()),
            MgBlock = Up(pop0.Channels.Select(c => c.MgBlock ? 1 : 0).ToArray()),
            Modulator = Up(pop0.Channels.Select(c => c.ModulatorIndex).ToArray()),
            OutDegree = Up(outDegree), Events = _events.View,
            Model = adex ? 1 : 0,
            W = Adex(n => Of(n).StateOf("w")), GL = Adex(n => Param(n, "gL")), DeltaT = Adex(n => Param(n, "DeltaT")),
            Vpeak = Adex(n => Param(n, "Vpeak")), AdaptA = Adex(n => Param(n, "a")), AdaptB = Adex(n => Param(n, "b")),
            Ph = Adex(n => Param(n, "Ph")), Pw = Adex(n => Param(n, "Pw")),
            Count = pop0.Count, Padded = np, Channels = nc, Slots = slots, Direct = direct ? 1 : 0, Copies = copies,
            FlagOffset = _flagOffset[p], FlagStride = _total,
        };
        return d;
    }

    private Src PrepareSource(int p)
    {
        var s0 = _nets[0].Populations[p];
        int copies = _nets.Length, ns = s0.Count;
        var src = new Src
        {
            Population = p, Count = ns,
            Drives = _nets.Select(n => SpikeSources.DrivesBySource(n)[p]).ToArray(),
            OutDegree = new long[copies * ns],
            Arrivals = new int[ChunkSteps * copies * ns], Offsets = new int[ChunkSteps * copies], Counts = new int[ChunkSteps * copies],
            Totals = new int[ChunkSteps], Emitted = new int[ChunkSteps * copies * ns], EmittedCounts = new int[ChunkSteps * copies],
        };
        for (int b = 0; b < copies; b++)
            foreach (var pr in _nets[b].Projections.Where(x => x.Source.Index == p))
                for (int f = 0; f < ns; f++) src.OutDegree[b * ns + f] += pr.RowStart[f + 1] - pr.RowStart[f];
        src.DevArrivals = Track(_acc.Allocate1D<int>(Math.Max(1, src.Arrivals.Length)));
        src.DevOffsets = Track(_acc.Allocate1D<int>(src.Offsets.Length));
        src.DevCounts = Track(_acc.Allocate1D<int>(src.Counts.Length));
        src.DevTotals = Track(_acc.Allocate1D<int>(src.Totals.Length));
        return src;
    }

    /// <summary>Steps every copy's spike sources through the chunk on the host and sends their arrivals to the device.</summary>
    private void StepSources(long t0, int chunk)
    {
        int copies = _nets.Length;
        foreach (var src in _src)
        {
            int ns = src.Count;
            for (int s = 0; s < chunk; s++)
            {
                int at = s * copies * ns, filled = 0;
                for (int b = 0; b < copies; b++)
                {
                    var net = _nets[b];
                    var sp = (SpikeSourcePopulation)net.Populations[src.Population];
                    SpikeSources.Step(net, sp, src.Drives[b], t0 + s);
                    var arr = sp.Arriving;
                    int n = arr.Counts[0];
                    src.Offsets[s * copies + b] = at + filled;
                    src.Counts[s * copies + b] = n;
                    for (int k = 0; k < n; k++)
                    {
                        int f = arr.Segments[0][k];
                        src.Arrivals[at + filled + k] = b * ns + f;
                        SynapticEvents[b] += src.OutDegree[b * ns + f];
                    }
                    filled += n;
                    int e = sp.Spikes.Counts[0];
                    src.EmittedCounts[s * copies + b] = e;
                    Array.Copy(sp.Spikes.Segments[0], 0, src.Emitted, (s * copies + b) * ns, e);
                }
                src.Totals[s] = filled;
            }
            ((ArrayView<int>)src.DevArrivals.View).SubView(0, (long)chunk * copies * ns).CopyFromCPU(src.Arrivals.AsSpan(0, chunk * copies * ns));
            ((ArrayView<int>)src.DevOffsets.View).SubView(0, (long)chunk * copies).CopyFromCPU(src.Offsets.AsSpan(0, chunk * copies));
            ((ArrayView<int>)src.DevCounts.View).SubView(0, (long)chunk * copies).CopyFromCPU(src.Counts.AsSpan(0, chunk * copies));
            ((ArrayView<int>)src.DevTotals.View).SubView(0, chunk).CopyFromCPU(src.Totals.AsSpan(0, chunk));
        }
    }

    /// <summary>A projection's synapses over all copies, by target: for each target, its incoming synapses by source, then in row order.</summary>
    private Proj UploadProjection(int q)
    {
        var pr0 = _nets[0].Projections[q];
        int ns = pr0.Source.Count, nt = pr0.Target.Count, r = pr0.Receptors, copies = _nets.Length;
        long synapses = _nets.Sum(n => (long)n.Projections[q].Targets.Length);
        if (synapses > int.MaxValue / Math.Max(1, r)) throw new BuildException($"projection {pr0.Name}: more synapses in the batch than one device array indexes (2³¹); use fewer copies", "backend");
        var start = new int[copies * nt + 1];
        var source = new int[synapses];
        var synapse = new int[synapses];
        var weights = new float[synapses * r];
        int synOffset = 0;
        for (int b = 0; b < copies; b++)
        {
            var pr = _nets[b].Projections[q];
            foreach (int t in pr.Targets) start[b * nt + t + 1]++;
            Array.Copy(pr.Weights, 0, weights, (long)synOffset * r, pr.Weights.Length);
            synOffset += pr.Targets.Length;
        }
        for (int j = 0; j < copies * nt; j++) start[j + 1] += start[j];
        var fill = (int[])start.Clone();
        synOffset = 0;
        for (int b = 0; b < copies; b++)
        {
            var pr = _nets[b].Projections[q];
            // from neurons: the source's place in the step's flags; from fibres: the fibre itself (delivery searches it)
            int sourceBase = pr0.Source is SpikeSourcePopulation ? 0 : b * _total + _flagOffset[pr0.Source.Index];
            for (int s = 0; s < ns; s++)
                for (int k = pr.RowStart[s]; k < pr.RowStart[s + 1]; k++)
                {
                    int j = b * nt + pr.Targets[k];
                    source[fill[j]] = sourceBase + s;
                    synapse[fill[j]++] = synOffset + k;
                }
            synOffset += pr.Targets.Length;
        }
        var rowStart = new int[copies * ns + 1];
        var targets = new int[synapses];
        synOffset = 0;
        for (int b = 0; b < copies; b++)
        {
            var pr = _nets[b].Projections[q];
            for (int s = 0; s < ns; s++) rowStart[b * ns + s] = synOffset + pr.RowStart[s];
            Array.Copy(pr.Targets, 0, targets, synOffset, pr.Targets.Length);
            synOffset += pr.Targets.Length;
        }
        rowStart[copies * ns] = synOffset;
        var weightsView = Up(weights);
        var tgt = (NeuronPopulation)_nets[0].Populations[pr0.Target.Index];
        int srcPadded = pr0.Source is NeuronPopulation sn ? sn.PaddedCount : ns;
        return new Proj
        {
            Source = pr0.Source.Index, FromFibres = pr0.Source is SpikeSourcePopulation,
            Fast = FixedPoint ? new FastDeliverArgs
            {
                RowStart = Up(rowStart), Targets = Up(targets), Weights = weightsView, ChannelOf = Up(pr0.ChannelIndex),
                Scale = Up(_nets.Select(n => n.Projections[q].ModulationScale).ToArray()), Receptors = r, SourceCount = ns,
                SourcePadded = srcPadded, TargetPadded = tgt.PaddedCount, TargetChannels = tgt.Channels.Length,
                Slots = _dev[pr0.Target.Index]!.Slots,
            } : default,
            Target = pr0.Target.Index, Delay = pr0.DelaySteps, Config = Config((long)copies * nt),
            Args = new DeliverArgs
            {
                InStart = Up(start), InSource = Up(source), InSynapse = Up(synapse), Weights = weightsView,
                ChannelOf = Up(pr0.ChannelIndex), Scale = Up(_nets.Select(n => n.Projections[q].ModulationScale).ToArray()),
                Receptors = r, Count = nt, Copies = copies,
            },
        };
    }

    public long Run(CancellationToken cancel = default)
    {
        for (int b = 0; b < _nets.Length; b++)
            foreach (var o in Observers[b]) o.OnStart(_nets[b]);
        long steps = _nets[0].Steps, t = 0;
        var loop = Stopwatch.StartNew();
        var sw = new Stopwatch();
        while (t < steps && !cancel.IsCancellationRequested)
        {
            int chunk = (int)Math.Min(_chunkSteps, steps - t);
            sw.Restart();
            if (FixedPoint) foreach (int p in _pops) _dev[p]!.SpikeCount!.MemSetToZero();
            if (_src.Length > 0) StepSources(t, chunk);
            for (int s = 0; s < chunk; s++) Step(t + s, s);
            _acc.Synchronize();
            _kernel += sw.Elapsed.TotalSeconds;
            sw.Restart();
            long row = (long)_nets.Length * _total;
            if (_replaySpikes && row > 0)
                ((ArrayView<byte>)_record.View).SubView(0, chunk * row).CopyToCPU(_hostRecord.AsSpan(0, (int)(chunk * row)));
            _copy += sw.Elapsed.TotalSeconds;
            sw.Restart();
            for (int s = 0; s < chunk; s++) Replay(t + s, s);
            _replay += sw.Elapsed.TotalSeconds;
            t += chunk;
        }
        // events of neurons' spikes were counted on the device, those of fibres' arrivals on the host
        var deviceEvents = new long[_nets.Length];
        _events.CopyToCPU(deviceEvents);
        for (int b = 0; b < _nets.Length; b++) SynapticEvents[b] += deviceEvents[b];
        LoopSeconds = loop.Elapsed.TotalSeconds;
        for (int b = 0; b < _nets.Length; b++)
            foreach (var o in Observers[b]) o.OnFinish(_nets[b], t);
        return t;
    }

    /// <summary>Step t on the device, in the CPU engine's phase order: neurons, flush (every 64 steps), delivery.</summary>
    private void Step(long t, int s)
    {
        long row = (long)_nets.Length * _total;
        ArrayView<byte> flags = ((ArrayView<byte>)_record.View).SubView(s * row, Math.Max(1, row));
        foreach (int p in _pops)
        {
            var d = _dev[p]!;
            if (FixedPoint)
                _lifFixed!(d.Config, d.Args, (int)(t % d.Slots) * d.Padded, flags, d.RingFixed, d.SpikeList, d.SpikeCount!.View.SubView(s, 1));
            else _lif(d.Config, d.Args, (int)(t % d.Slots) * d.Padded, flags);
        }
        if (t % Synapses.SynapticInput.FlushEvery == 0)
            foreach (int p in _pops)
            {
                var d = _dev[p]!;
                if (d.Channels == 0) continue;
                _flush(d.Config, d.A, _nets.Length * d.Channels * d.Padded, Synapses.SynapticInput.FlushBelow);
                _flush(d.Config, d.B, _nets.Length * d.Channels * d.Padded, Synapses.SynapticInput.FlushBelow);
            }
        foreach (var pr in _proj)
        {
            var d = _dev[pr.Target]!;
            if (pr.FromFibres)
            {
                var f = _src[pr.FibreSource];
                if (f.Totals[s] == 0) continue; // no impulse arrives from these fibres this step: nothing to launch
                int copies = _nets.Length;
                ArrayView<int> all = f.DevArrivals.View;
                var arrivals = all.SubView((long)s * copies * f.Count, Math.Max(1, (long)copies * f.Count));
                int slot = (int)((t + pr.Delay) % d.Slots) * d.Padded;
                if (FixedPoint)
                    _deliverFixed!(pr.Config, pr.Fast, arrivals, ((ArrayView<int>)f.DevTotals.View).SubView(s, 1), d.RingFixed, slot);
                else
                {
                    var offsets = ((ArrayView<int>)f.DevOffsets.View).SubView((long)s * copies, copies);
                    var counts = ((ArrayView<int>)f.DevCounts.View).SubView((long)s * copies, copies);
                    // offsets are into the whole chunk's list: pass the list from the chunk's start
                    if (d.Direct) _deliverArrivals!(pr.Config, pr.Args, all, offsets, counts, d.A, d.Channels * d.Padded, d.Padded, 0, f.Count);
                    else _deliverArrivals!(pr.Config, pr.Args, all, offsets, counts, d.Ring, d.Channels * d.Slots * d.Padded, d.Slots * d.Padded, slot, f.Count);
                }
                continue;
            }
            if (FixedPoint)
            {
                var src = _dev[pr.Source]!;
                _deliverFixed!(src.Config, pr.Fast, src.SpikeList, src.SpikeCount!.View.SubView(s, 1), d.RingFixed, (int)((t + pr.Delay) % d.Slots) * d.Padded);
            }
            else if (d.Direct) _deliver(pr.Config, pr.Args, flags, d.A, d.Channels * d.Padded, d.Padded, 0);
            else _deliver(pr.Config, pr.Args, flags, d.Ring, d.Channels * d.Slots * d.Padded, d.Slots * d.Padded, (int)((t + pr.Delay) % d.Slots) * d.Padded);
        }
    }

    /// <summary>Step t for each copy's observers: its populations' spikes from the copied flags, ascending as the CPU engine lists them.</summary>
    private void Replay(long t, int s)
    {
        for (int b = 0; b < _nets.Length; b++)
        {
            var net = _nets[b];
            long row = ((long)s * _nets.Length + b) * _total;
            foreach (int p in _pops)
            {
                var pop = net.Populations[p];
                var seg = pop.Spikes.Segments[0];
                int n = 0;
                if (_replaySpikes)
                {
                    long off = row + _flagOffset[p];
                    for (int i = 0; i < pop.Count; i++) if (_hostRecord[off + i] != 0) seg[n++] = i;
                }
                pop.Spikes.Counts[0] = n;
            }
            foreach (var f in _src)
            {
                var sp = net.Populations[f.Population].Spikes;
                int e = f.EmittedCounts[s * _nets.Length + b];
                Array.Copy(f.Emitted, (s * _nets.Length + b) * f.Count, sp.Segments[0], 0, e);
                sp.Counts[0] = e;
            }
            foreach (var o in Observers[b]) o.OnStep(net, t);
        }
    }

    public Dictionary<string, double> PhaseSeconds() => new()
    {
        ["device_steps"] = _kernel, ["copy_out"] = _copy, ["host_replay"] = _replay,
    };

    public void Dispose()
    {
        foreach (var b in _buffers) b.Dispose();
        _buffers.Clear();
        _acc?.Dispose();
        _context?.Dispose();
    }
}
