using System.Diagnostics;
using CircuitSim.Model;
using CircuitSim.Metrics;
using CircuitSim.Recording;

namespace CircuitSim.Engine;

/// <summary>Options of one run, as the CLI and the tests give them.</summary>
/// <param name="Connectivity">Connectivity shared with the other runs of a study (null: each run builds its own).</param>
/// <param name="GpuDevice">For the gpu backend: <c>auto</c> (a CUDA device, else an error), <c>cuda</c>, or <c>cpu</c> (ILGPU's CPU accelerator, for tests).</param>
public sealed record RunOptions(BackendKind Backend = BackendKind.Auto, int Threads = 0, long? MemoryLimitBytes = null,
    Synapses.ConnectivityCache? Connectivity = null, string GpuDevice = "auto", GpuDelivery GpuDelivery = GpuDelivery.Exact);

/// <summary>
/// How the gpu backend sums arrivals: <c>Exact</c> scans each target's incoming synapses in the CPU's order (spikes
/// identical to simd; memory traffic per synapse per step), <c>Fast</c> walks only the rows of the sources that
/// fired and sums in fixed point by atomics (deterministic, not bit-identical to the CPU; traffic per spike).
/// </summary>
public enum GpuDelivery { Exact, Fast }

/// <summary>
/// Builds the network of a scenario, runs it with the recorders the scenario asks for, and
/// returns the result. Extra observers (a progress bar, the live view) are passed in.
/// </summary>
public static class Runner
{
    /// <summary>
    /// What a run checks before its first step, without running: builds the network (parameter
    /// ranges, the memory estimate, interventions) and picks the backend. `circuitsim validate`
    /// calls this, so that it refuses whatever `run` would.
    /// </summary>
    public static Network Check(ScenarioSpec spec, RunOptions options)
    {
        var network = NetworkBuilder.Build(spec, options.MemoryLimitBytes, options.Connectivity);
        var kind = Backends.ExternalEngines.Resolve(options.Backend != BackendKind.Auto ? options.Backend : spec.Backend, network);
        if (kind == BackendKind.Gpu) Backends.ExternalEngines.RequireGpu().Check(network);
        else Backends.NeuronBackends.Create(kind);
        return network;
    }

    /// <summary>Per substance: mean and peak level (µM); per receptor: mean and peak activation.</summary>
    private static Dictionary<string, object> SubstanceSummary(SubstanceTrace st)
    {
        var d = new Dictionary<string, object>();
        for (int s = 0; s < st.Substances.Length; s++)
        {
            double sum = 0, peak = 0;
            for (int k = 0; k < st.Samples; k++) { sum += st.Levels[k, s]; peak = Math.Max(peak, st.Levels[k, s]); }
            d[st.Substances[s]] = new Dictionary<string, double> { ["mean_uM"] = st.Samples > 0 ? sum / st.Samples : 0, ["peak_uM"] = peak };
        }
        for (int r = 0; r < st.Receptors.Length; r++)
        {
            double sum = 0, peak = 0;
            for (int k = 0; k < st.Samples; k++) { sum += st.Activation[k, r]; peak = Math.Max(peak, st.Activation[k, r]); }
            d["receptor:" + st.Receptors[r]] = new Dictionary<string, double> { ["mean_activation"] = st.Samples > 0 ? sum / st.Samples : 0, ["peak_activation"] = peak };
        }
        return d;
    }

    /// <summary>Glial cells' summary for metrics.json: count and activation (cells not yet born, NaN, left out).</summary>
    private static Dictionary<string, double> AgentSummary(Tissue.AgentSnapshots a, int initialCount)
    {
        static float[] Alive(float[] v) => v.Where(x => !float.IsNaN(x)).ToArray();
        var last = Alive(a.Activation[^1]);
        return new Dictionary<string, double>
        {
            ["count"] = last.Length,
            ["initial_count"] = initialCount,
            ["final_mean_activation"] = last.DefaultIfEmpty().Average(x => (double)x),
            ["peak_mean_activation"] = a.Activation.Max(s => Alive(s).DefaultIfEmpty().Average(x => (double)x)),
            ["final_fraction_above_half"] = last.Count(x => x > 0.5) / (double)Math.Max(1, last.Length),
        };
    }

    /// <summary>The fields' snapshots, with their state at the end of the run as the last one.</summary>
    private static IReadOnlyList<Tissue.FieldSnapshots> FieldResult(Network network, double durationMs)
    {
        if (network.Tissue is not { } t) return Array.Empty<Tissue.FieldSnapshots>();
        t.Snapshot(durationMs);
        return t.Result();
    }

    /// <summary>The recorders a scenario asks for, attached to an engine's observers.</summary>
    private sealed class Recorders
    {
        public required SpikeRecorder Spikes;
        public required TraceRecorder Traces;
        public SubstanceRecorder? Substances;
        public WeightRecorder? Weights;
        public NetworkSnapshot? Snapshot;

        public static Recorders Attach(ScenarioSpec spec, Network network, List<ISimulationObserver> to, IEnumerable<ISimulationObserver>? extra)
        {
            var r = new Recorders
            {
                Spikes = new SpikeRecorder(network, spec.Record.Spikes),
                Traces = new TraceRecorder(network, spec.Record.Traces),
                Substances = network.Neuromodulators is not null ? new SubstanceRecorder(network) : null,
                Weights = spec.Record.Weights.Count > 0 ? new WeightRecorder(network, spec.Record.Weights, spec.Record.WeightsEveryMs) : null,
            };
            to.Add(r.Spikes);
            to.Add(r.Traces);
            if (r.Substances is not null) to.Add(r.Substances);
            if (r.Weights is not null) to.Add(r.Weights);
            if (extra is not null) to.AddRange(extra);
            return r;
        }
    }

    public static SimulationResult Run(ScenarioSpec spec, RunOptions options, IEnumerable<ISimulationObserver>? observers = null,
        CancellationToken cancel = default)
    {
        var sw = Stopwatch.StartNew();
        var network = NetworkBuilder.Build(spec, options.MemoryLimitBytes, options.Connectivity);
        var backend = Backends.ExternalEngines.Resolve(options.Backend != BackendKind.Auto ? options.Backend : spec.Backend, network);
        var snapshot = spec.Record.Network ? NetworkSnapshot.Capture(network) : null;
        // the GPU backend runs its own loop on the device; everything else here is the same for both
        using var external = backend == BackendKind.Gpu ? Backends.ExternalEngines.RequireGpu().Create(network, options) : null;
        var sim = external is null ? new Simulation(network, backend, options.Threads) : null;
        if (sim is not null) PscMetric.Attach(spec, network, sim.Threads);
        var rec = Recorders.Attach(spec, network, external?.Observers ?? sim!.Observers, observers);
        rec.Snapshot = snapshot;
        double build = sw.Elapsed.TotalSeconds;
        long done = external?.Run(cancel) ?? sim!.Run(cancel);
        return Assemble(spec, sim?.Network ?? network, network, rec, done, external?.Name ?? sim!.Backend.ToString().ToLowerInvariant(),
            sim?.Threads ?? 1, external?.LoopSeconds ?? sim!.LoopSeconds, build, external?.SynapticEvents ?? sim!.SynapticEvents,
            external?.PhaseSeconds() ?? sim!.Phases.Seconds());
    }

    /// <summary>
    /// Several runs of one circuit as a batch on the GPU backend (one set of kernels; each copy with its own
    /// values, seed and connectivity): each result is the one its single run gives. The specs must build networks
    /// of the same structure.
    /// </summary>
    public static IReadOnlyList<SimulationResult> RunBatch(IReadOnlyList<ScenarioSpec> specs, RunOptions options, CancellationToken cancel = default)
    {
        var sw = Stopwatch.StartNew();
        var networks = specs.Select(s => NetworkBuilder.Build(s, options.MemoryLimitBytes, options.Connectivity)).ToList();
        using var batch = Backends.ExternalEngines.RequireGpu().CreateBatch(networks, options);
        var recs = specs.Select((s, b) =>
        {
            var r = Recorders.Attach(s, networks[b], batch.Observers[b], null);
            r.Snapshot = s.Record.Network ? NetworkSnapshot.Capture(networks[b]) : null;
            return r;
        }).ToList();
        double build = sw.Elapsed.TotalSeconds;
        long done = batch.Run(cancel);
        return specs.Select((s, b) => Assemble(s, networks[b], networks[b], recs[b], done, batch.Name, 1, batch.LoopSeconds, build,
            batch.SynapticEvents[b], batch.PhaseSeconds())).ToList();
    }

    private static SimulationResult Assemble(ScenarioSpec spec, Network finalNetwork, Network network, Recorders rec, long done, string backend,
        int threads, double loopSeconds, double build, long events, Dictionary<string, double> phases)
    {
        double duration = done * spec.DtMs;
        var spikeData = rec.Spikes.Result(network.DtMs);
        var result = new SimulationResult
        {
            Spec = spec, DurationMs = duration, Steps = done, Backend = backend,
            Threads = threads, LoopSeconds = loopSeconds, BuildSeconds = build,
            SynapseCount = network.SynapseCount, SynapticEvents = events,
            Spikes = spikeData, Traces = rec.Traces.Result(), Metrics = MetricsCalculator.Compute(spikeData, duration),
            Nodes = network.NeuronPopulations.Select(p => new NodePositions(p.Name, p.Lamina, p.X, p.Y)).ToList(),
            Network = rec.Snapshot, Substances = rec.Substances?.Result(),
            Fields = FieldResult(finalNetwork, duration),
            Microglia = finalNetwork.Tissue?.AgentResult("microglia"),
            Astrocytes = finalNetwork.Tissue?.AgentResult("astrocytes"),
            Weights = rec.Weights?.Result() ?? (IReadOnlyList<WeightTrace>)Array.Empty<WeightTrace>(),
        };
        if (result.Substances is { } st) result.Extra["substances"] = SubstanceSummary(st);
        if (result.Fields.Count > 0)
            result.Extra["fields"] = result.Fields.ToDictionary(f => f.Name, f => (object)new Dictionary<string, double>
            {
                // the amount summed over the slab's cells (µM·cell) and the highest cell, over the snapshots
                ["peak_total"] = f.Values.Max(v => v.Sum(x => (double)x)),
                ["final_total"] = f.Values[^1].Sum(x => (double)x),
                ["peak_cell_uM"] = f.Values.Max(v => v.Max()),
            });
        foreach (var mg in new[] { result.Microglia, result.Astrocytes }.OfType<Tissue.AgentSnapshots>().Where(a => a.Activation.Count > 0))
            result.Extra[mg.Kind] = AgentSummary(mg, (mg.Kind == "microglia" ? spec.Tissue?.Glia?.Microglia : spec.Tissue?.Glia?.Astrocytes)?.Count ?? 0);
        if (result.Weights.Count > 0)
            result.Extra["weights"] = result.Weights.ToDictionary(w => w.Projection, w => (object)new Dictionary<string, double>
            {
                ["initial_mean_scale"] = w.MeanScale.Length > 0 ? w.MeanScale[0] : 1,
                ["final_mean_scale"] = w.FinalScale.Length > 0 ? w.FinalScale.Average(x => (double)x) : 1,
                ["final_fraction_up"] = w.FractionUp.Length > 0 ? w.FractionUp[^1] : 0,
            });
        result.Extra["phase_seconds"] = phases;
        long syn = network.SynapseCount;
        result.Extra["memory"] = new Dictionary<string, object>
        {
            ["synapse_bytes"] = network.SynapseBytes,
            ["bytes_per_synapse"] = syn > 0 ? network.SynapseBytes / (double)syn : 0,
        };
        var windup = Metrics.WindupMetric.ComputeAll(finalNetwork, spikeData, duration);
        if (windup.Count > 0) result.Extra["windup"] = windup.ToDictionary(w => w.Name, w => (object)w);
        var responses = Metrics.ResponseMetric.ComputeAll(spec, spikeData, duration);
        if (responses.Count > 0) result.Extra["response"] = responses.ToDictionary(r => r.Name, r => (object)r);
        var pscs = PscMetric.ComputeAll(spec, finalNetwork, duration);
        if (pscs.Count > 0) result.Extra["psc"] = pscs.ToDictionary(r => r.Name, r => (object)r);
        var warnings = spec.Warnings.Concat(windup.SelectMany(w => w.Warnings.Select(x => $"record.metrics.{w.Name}: {x}"))).ToList();
        if (warnings.Count > 0) result.Extra["warnings"] = warnings;
        return result;
    }
}
