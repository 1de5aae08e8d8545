using System.Diagnostics;
using CircuitSim.Engine;
using CircuitSim.Engine.Backends;
using ILGPU;
using ILGPU.Runtime;

namespace CircuitSim.Gpu;

/// <summary>
/// The network on an ILGPU accelerator. Neuron state, channel states and rings, synapses (by target) and
/// the spike flags stay on the device; each step launches the LIF kernel per population, the flush every
/// 64 steps, and one delivery kernel per projection, in the CPU engine's phase order. Spike flags of
/// <see cref="ChunkSteps"/> steps are copied out in one transfer, and the host then replays those steps to the
/// observers (spike recorder, metrics, progress), so the recorders are the CPU engine's.
/// </summary>
public sealed class GpuEngine : IExternalEngine
{
    public const int ChunkSteps = 128;
    private readonly Network _network;
    private readonly Context _context;
    private readonly Accelerator _acc;
    private readonly List<IDisposable> _buffers = new();
    private readonly NeuronPopulation[] _pops;
    private readonly int[] _flagOffset;
    private readonly int _totalNeurons;
    private readonly Pop[] _dev;
    private readonly Proj[] _proj;
    private readonly MemoryBuffer1D<byte, Stride1D.Dense> _record;
    private readonly byte[] _hostRecord;
    private readonly Action<KernelConfig, LifArgs, int, ArrayView<byte>> _lif;
    private readonly Action<KernelConfig, ArrayView<float>, int, float> _flush;
    private readonly Action<KernelConfig, DeliverArgs, ArrayView<byte>, ArrayView<float>, int, int> _deliver;
    private double _kernel, _copy, _replay;
    private readonly bool _replaySpikes;
    private readonly MemoryBuffer1D<long, Stride1D.Dense> _events;

    private sealed class Pop
    {
        public LifArgs Args;
        public ArrayView<float> A, Ring;
        public int Padded, Slots, ChannelsLength;
        public bool Direct;
        public KernelConfig Config;
    }

    private sealed class Proj
    {
        public DeliverArgs Args;
        public int Source, Target, Delay;
        public KernelConfig Config;
    }

    public string Name { get; }
    public List<ISimulationObserver> Observers { get; } = new();
    public double LoopSeconds { get; private set; }
    public long SynapticEvents { get; private set; }
    public string DeviceName => _acc.Name;

    public GpuEngine(Network network, string device)
    {
        GpuSupport.Check(network);
        _network = network;
        _context = GpuDevices.CreateContext();
        try { _acc = GpuDevices.Create(_context, device); }
        catch { _context.Dispose(); throw; }
        Name = _acc.AcceleratorType == AcceleratorType.CPU ? "gpu (ILGPU CPU accelerator)" : $"gpu ({_acc.Name})";
        _pops = network.NeuronPopulations.ToArray();
        _flagOffset = new int[network.Populations.Count];
        int offset = 0;
        foreach (var p in _pops) { _flagOffset[p.Index] = offset; offset += p.Count; }
        _totalNeurons = offset;
        _events = Track(_acc.Allocate1D<long>(1));
        _events.MemSetToZero();
        _dev = new Pop[network.Populations.Count];
        foreach (var p in _pops) _dev[p.Index] = Upload(p);
        _proj = network.Projections.Select(Upload).ToArray();
        _record = Track(_acc.Allocate1D<byte>(Math.Max(1, (long)ChunkSteps * _totalNeurons)));
        // an empty record.spikes list: nothing reads the spikes on the host, so the flags stay on the device
        _replaySpikes = network.Spec.Record.Spikes is not { Count: 0 };
        _hostRecord = new byte[ChunkSteps * _totalNeurons];
        _lif = _acc.LoadStreamKernel<LifArgs, int, ArrayView<byte>>(GpuKernels.Lif);
        _flush = _acc.LoadStreamKernel<ArrayView<float>, int, float>(GpuKernels.Flush);
        _deliver = _acc.LoadStreamKernel<DeliverArgs, ArrayView<byte>, ArrayView<float>, int, int>(GpuKernels.Deliver);
        // the recorders read each population's step spikes from here during the replay
        foreach (var p in _pops) p.Spikes = new StepSpikes(p.Count, 1);
    }

    private T Track<T>(T buffer) where T : IDisposable { _buffers.Add(buffer); return buffer; }

    private ArrayView<float> Up(float[] host) => host.Length == 0 ? Track(_acc.Allocate1D<float>(1)).View : Track(_acc.Allocate1D(host)).View;
    private ArrayView<int> Up(int[] host) => host.Length == 0 ? Track(_acc.Allocate1D<int>(1)).View : Track(_acc.Allocate1D(host)).View;

    private KernelConfig Config(int n)
    {
        int group = Math.Min(_acc.MaxNumThreadsPerGroup, _acc.AcceleratorType == AcceleratorType.CPU ? 16 : 256);
        int most = _acc.AcceleratorType == AcceleratorType.CPU ? Math.Max(1, _acc.NumMultiprocessors) : _acc.NumMultiprocessors * 16;
        int groups = Math.Clamp((n + group - 1) / group, 1, Math.Max(1, most));
        return new KernelConfig(groups, group);
    }

    private Pop Upload(NeuronPopulation pop)
    {
        var ch = pop.Channels;
        int np = pop.PaddedCount, nc = ch.Length;
        bool direct = nc > 0 && ch[0].ArrivesInState;
        int slots = nc > 0 ? ch[0].RingSlots : 1;
        var a = new float[Math.Max(1, nc * np)];
        for (int c = 0; c < nc; c++) Array.Copy(ch[c].A, 0, a, c * np, np);
        var ring = direct ? Array.Empty<float>() : new float[nc * slots * np];
        if (!direct) for (int c = 0; c < nc; c++) Array.Copy(ch[c].Ring, 0, ring, c * slots * np, slots * np);
        float[] P(string name) => pop.Params.TryGetValue(name, out var v) ? v : pop.Derived[name];
        var d = new Pop { Padded = np, Slots = slots, Direct = direct, ChannelsLength = nc, Config = Config(pop.Count) };
        d.A = Up(a);
        d.Ring = Up(ring);
        d.Args = new LifArgs
        {
            V = Up(pop.StateOf("v")), R = Up(pop.Refractory), EL = Up(P("EL")), Rin = Up(P("Rin")), P = Up(P("P")), Vr = Up(P("Vr")),
            VT = Up(P("VT")), RS = Up(pop.RefractorySteps), Ib = Up(P("I_bias")), ECl = Up(P("ECl")), I = Up(pop.IExt),
            A = d.A, Ring = d.Ring,
            Norm = Up(ch.Select(c => c.Norm).ToArray()), Decay = Up(ch.Select(c => c.DecayA).ToArray()),
            Scale = Up(ch.Select(c => c.Scale).ToArray()), Reversal = Up(ch.Select(c => c.Reversal).ToArray()),
            Chloride = Up(ch.Select(c => c.UsesChloride ? 1 : 0).ToArray()),
            OutDegree = Track(_acc.Allocate1D(OutDegree(pop))).View, Events = _events.View,
            Count = pop.Count, Padded = np, Channels = nc, Slots = slots, Direct = direct ? 1 : 0,
        };
        return d;
    }

    /// <summary>Each neuron's synapses over every projection from its population: what one of its spikes delivers.</summary>
    private long[] OutDegree(NeuronPopulation pop)
    {
        var d = new long[Math.Max(1, pop.Count)];
        foreach (var pr in _network.Projections.Where(x => x.Source == pop))
            for (int s = 0; s < pop.Count; s++) d[s] += pr.RowStart[s + 1] - pr.RowStart[s];
        return d;
    }

    /// <summary>The projection's synapses by target: for each target, its incoming synapses by source, then in row order.</summary>
    private Proj Upload(Projection pr)
    {
        int ns = pr.Source.Count, nt = pr.Target.Count;
        var start = new int[nt + 1];
        foreach (int t in pr.Targets) start[t + 1]++;
        for (int t = 0; t < nt; t++) start[t + 1] += start[t];
        var fill = (int[])start.Clone();
        var source = new int[pr.Targets.Length];
        var synapse = new int[pr.Targets.Length];
        for (int s = 0; s < ns; s++)
        {
            int lo = pr.RowStart[s], hi = pr.RowStart[s + 1];
            for (int k = lo; k < hi; k++)
            {
                int t = pr.Targets[k];
                source[fill[t]] = s;
                synapse[fill[t]++] = k;
            }
        }
        return new Proj
        {
            Source = pr.Source.Index, Target = pr.Target.Index, Delay = pr.DelaySteps, Config = Config(nt),
            Args = new DeliverArgs
            {
                InStart = Up(start), InSource = Up(source), InSynapse = Up(synapse), Weights = Up(pr.Weights),
                ChannelOf = Up(pr.ChannelIndex), Receptors = pr.Receptors, Count = nt, Scale = pr.ModulationScale,
            },
        };
    }

    public long Run(CancellationToken cancel = default)
    {
        foreach (var o in Observers) o.OnStart(_network);
        long steps = _network.Steps, t = 0;
        var loop = Stopwatch.StartNew();
        var sw = new Stopwatch();
        while (t < steps && !cancel.IsCancellationRequested)
        {
            int chunk = (int)Math.Min(ChunkSteps, steps - t);
            sw.Restart();
            for (int s = 0; s < chunk; s++) Step(t + s, s);
            _acc.Synchronize();
            _kernel += sw.Elapsed.TotalSeconds;
            sw.Restart();
            if (_replaySpikes && _totalNeurons > 0)
                ((ArrayView<byte>)_record.View).SubView(0, (long)chunk * _totalNeurons).CopyToCPU(_hostRecord.AsSpan(0, chunk * _totalNeurons));
            _copy += sw.Elapsed.TotalSeconds;
            sw.Restart();
            for (int s = 0; s < chunk; s++) Replay(t + s, s);
            _replay += sw.Elapsed.TotalSeconds;
            t += chunk;
        }
        var events = new long[1];
        _events.CopyToCPU(events);
        SynapticEvents = events[0];
        LoopSeconds = loop.Elapsed.TotalSeconds;
        foreach (var o in Observers) o.OnFinish(_network, t);
        return t;
    }

    /// <summary>Step t on the device, in the CPU engine's phase order: neurons, flush (every 64 steps), delivery.</summary>
    private void Step(long t, int s)
    {
        ArrayView<byte> record = _record.View;
        foreach (var p in _pops)
        {
            var d = _dev[p.Index];
            int slotOffset = (int)(t % d.Slots) * d.Padded;
            _lif(d.Config, d.Args, slotOffset, record.SubView((long)s * _totalNeurons + _flagOffset[p.Index], Math.Max(1, p.Count)));
        }
        if (t % Synapses.SynapticInput.FlushEvery == 0)
            foreach (var p in _pops)
            {
                var d = _dev[p.Index];
                if (d.ChannelsLength > 0) _flush(d.Config, d.A, d.ChannelsLength * d.Padded, Synapses.SynapticInput.FlushBelow);
            }
        foreach (var pr in _proj)
        {
            var d = _dev[pr.Target];
            var src = record.SubView((long)s * _totalNeurons + _flagOffset[pr.Source], Math.Max(1, _network.Populations[pr.Source].Count));
            if (d.Direct) _deliver(pr.Config, pr.Args, src, d.A, d.Padded, 0);
            else _deliver(pr.Config, pr.Args, src, d.Ring, d.Slots * d.Padded, (int)((t + pr.Delay) % d.Slots) * d.Padded);
        }
    }

    /// <summary>Step t for the observers: each population's spikes from the copied flags, ascending as the CPU engine lists them.</summary>
    private void Replay(long t, int s)
    {
        int row = s * _totalNeurons;
        foreach (var p in _pops)
        {
            var seg = p.Spikes.Segments[0];
            int n = 0, off = row + _flagOffset[p.Index];
            if (_replaySpikes)
                for (int i = 0; i < p.Count; i++) if (_hostRecord[off + i] != 0) seg[n++] = i;
            p.Spikes.Counts[0] = n;
        }
        foreach (var o in Observers) o.OnStep(_network, t);
    }

    public Dictionary<string, double> PhaseSeconds() => new()
    {
        ["device_steps"] = _kernel, ["copy_out"] = _copy, ["host_replay"] = _replay,
    };

    public void Dispose()
    {
        foreach (var b in _buffers) b.Dispose();
        _buffers.Clear();
        _acc.Dispose();
        _context.Dispose();
    }
}

/// <summary>Registers the GPU backend with the engine (<see cref="ExternalEngines.Gpu"/>).</summary>
public sealed class GpuEngineFactory : IExternalEngineFactory
{
    private readonly Lazy<bool> _hasDevice = new(GpuDevices.HasCuda);

    public static void Register() => ExternalEngines.Gpu ??= new GpuEngineFactory();

    public bool HasDevice => _hasDevice.Value;
    public void Check(Network network) => GpuSupport.Check(network);
    public IExternalEngine Create(Network network, RunOptions options) => new GpuEngine(network, options.GpuDevice);
}
