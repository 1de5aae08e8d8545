using CircuitSim.Engine;

namespace CircuitSim.Recording;

/// <summary>
/// The synapses of one projection as an edge list (SONATA order: by source, then target), with
/// each receptor's weight (nS) and the arrival delay (ms) the engine uses: the projection's delay
/// plus the fibre's conduction delay, at least one step (a 0 ms delay acts on the next step).
/// </summary>
public sealed record ProjectionEdges(string Projection, string SourcePopulation, string TargetPopulation,
    ulong[] SourceIds, ulong[] TargetIds, IReadOnlyDictionary<string, float[]> WeightsNs, float[] DelayMs);

/// <summary>
/// One population as nodes: a neuron population's state before the first step (v, w/u and
/// g_&lt;channel&gt;, internal units) and positions; an afferent population's conduction delays (ms).
/// </summary>
public sealed record PopulationNodes(string Population, int Count, string Model, IReadOnlyDictionary<string, float[]> Values,
    IReadOnlyDictionary<string, string> Units, float[] XUm, float[] YUm, string? Lamina, float[]? ConductionDelayMs = null);

/// <summary>
/// The built network as data: every synapse and every neuron's initial state, taken after the
/// build and before the first step, so another simulator can run the same realisation
/// (<c>record.network: true</c> writes it as SONATA edges.h5 and nodes.h5).
/// </summary>
public sealed record NetworkSnapshot(IReadOnlyList<ProjectionEdges> Edges, IReadOnlyList<PopulationNodes> Nodes)
{
    public static NetworkSnapshot Capture(Network network)
    {
        ArgumentNullException.ThrowIfNull(network);
        var edges = new List<ProjectionEdges>();
        foreach (var p in network.Projections)
        {
            int n = p.Targets.Length, r = p.Receptors;
            var src = new ulong[n];
            var tgt = new ulong[n];
            var delay = new float[n];
            for (int i = 0; i < p.Source.Count; i++)
                for (int k = p.RowStart[i]; k < p.RowStart[i + 1]; k++)
                {
                    src[k] = (ulong)i;
                    tgt[k] = (ulong)p.Targets[k];
                    delay[k] = (float)StepTime.Ms(p.DelaySteps + Conduction(p.Source, i), network.Spec.DtMs);
                }
            var weights = new Dictionary<string, float[]>();
            for (int c = 0; c < r; c++)
            {
                var w = new float[n];
                for (int k = 0; k < n; k++) w[k] = p.Weights[k * r + c];
                weights[p.Target.Channels[p.ChannelIndex[c]].Name] = w;
            }
            edges.Add(new ProjectionEdges(p.Name, p.Source.Name, p.Target.Name, src, tgt, weights, delay));
        }

        var nodes = new List<PopulationNodes>();
        foreach (var pop in network.NeuronPopulations)
        {
            var values = new Dictionary<string, float[]>();
            var units = new Dictionary<string, string>();
            foreach (var (v, _, _) in pop.Model.StateVariables)
            {
                var read = pop.Reader(v);
                var a = new float[pop.Count];
                for (int i = 0; i < a.Length; i++) a[i] = read(i);
                values[v] = a;
                units[v] = NeuronPopulation.UnitOf(pop.Model, v);
            }
            // the channel's state (A − B), not the saturated conductance a trace shows: what a simulator
            // starts from, so it does not saturate the value twice
            foreach (var ch in pop.Channels)
            {
                var a = new float[pop.Count];
                for (int i = 0; i < a.Length; i++) a[i] = ch.B is { } b ? ch.A[i] - b[i] : ch.A[i];
                values["g_" + ch.Name] = a;
                units["g_" + ch.Name] = "nS";
            }
            nodes.Add(new PopulationNodes(pop.Name, pop.Count, pop.Model.Name, values, units, pop.X, pop.Y, pop.Lamina));
        }
        foreach (var src in network.SourcePopulations)
        {
            var delay = new float[src.Count];
            for (int i = 0; i < delay.Length; i++) delay[i] = (float)StepTime.Ms(Conduction(src, i), network.Spec.DtMs);
            nodes.Add(new PopulationNodes(src.Name, src.Count, src.Kind.ToString().ToLowerInvariant(),
                new Dictionary<string, float[]>(), new Dictionary<string, string>(), Array.Empty<float>(), Array.Empty<float>(), null, delay));
        }
        return new NetworkSnapshot(edges, nodes);
    }

    private static int Conduction(Population source, int i) =>
        source is SpikeSourcePopulation { ConductionSteps: { Length: > 0 } c } ? c[i] : 0;
}
