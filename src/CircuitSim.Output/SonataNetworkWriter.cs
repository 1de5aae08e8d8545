using CircuitSim.Recording;
using PureHDF;

namespace CircuitSim.Output;

/// <summary>
/// Writes a <see cref="NetworkSnapshot"/> as SONATA network files (HDF5), so the realisation
/// can be read by h5py, bmtk or libsonata and run again by another simulator:
/// <code>
/// edges.h5  /edges/&lt;projection&gt;/source_node_id   uint64[n], attr node_population
///                                 target_node_id   uint64[n], attr node_population
///                                 edge_type_id     int64[n] (0), edge_group_id uint32[n] (0), edge_group_index uint64[n]
///                                 0/delay          float32[n] ms (arrival delay, ≥ one step)
///                                 0/syn_weight_&lt;receptor&gt; float32[n] nS, one per receptor of the projection
/// nodes.h5  /nodes/&lt;population&gt;/node_id, node_type_id, node_group_id, node_group_index
///                                 0/x, 0/y         float32 µm (lamina coordinates), when the population has positions
///                                 0/initial_state/&lt;variable&gt; float32, attr units: v, w/u, g_&lt;channel&gt; before step 1
///                                                  (a channel's state, before any saturation)
///                                 0/conduction_delay float32 ms, afferent populations (every population an edge names is here)
///                                 attrs model (lif, adex, izhikevich; afferent, descending), lamina
/// </code>
/// Both files carry the SONATA magic and version attributes at the root, as the spike file does.
/// </summary>
public static class SonataNetworkWriter
{
    public const string EdgesFile = "edges.h5";
    public const string NodesFile = "nodes.h5";
    static readonly uint[] Version = [0, 1];

    public static void WriteEdges(string path, IReadOnlyList<ProjectionEdges> edges)
    {
        foreach (var e in edges) OutputNames.Check(e.Projection, "Projection");
        OutputNames.CheckUnique(edges.Select(e => e.Projection), "Projection");
        var root = new H5Group();
        foreach (var e in edges)
        {
            int n = e.SourceIds.Length;
            var group0 = new H5Group { ["delay"] = new H5Dataset(e.DelayMs) { Attributes = new() { ["units"] = "ms" } } };
            foreach (var (receptor, w) in e.WeightsNs)
                group0["syn_weight_" + receptor] = new H5Dataset(w) { Attributes = new() { ["units"] = "nS" } };
            root[e.Projection] = new H5Group
            {
                ["source_node_id"] = new H5Dataset(e.SourceIds) { Attributes = new() { ["node_population"] = e.SourcePopulation } },
                ["target_node_id"] = new H5Dataset(e.TargetIds) { Attributes = new() { ["node_population"] = e.TargetPopulation } },
                ["edge_type_id"] = new long[n],
                ["edge_group_id"] = new uint[n],
                ["edge_group_index"] = Sequence(n),
                ["0"] = group0,
            };
        }
        Write(path, "edges", root);
    }

    public static void WriteNodes(string path, IReadOnlyList<PopulationNodes> nodes)
    {
        foreach (var p in nodes) OutputNames.Check(p.Population, "Population");
        OutputNames.CheckUnique(nodes.Select(p => p.Population), "Population");
        var root = new H5Group();
        foreach (var p in nodes)
        {
            int n = p.Count;
            var group0 = new H5Group();
            if (p.Values.Count > 0)
            {
                var state = new H5Group();
                foreach (var (variable, values) in p.Values)
                    state[variable] = new H5Dataset(values) { Attributes = new() { ["units"] = p.Units[variable] } };
                group0["initial_state"] = state;
            }
            if (p.ConductionDelayMs is { } cd)
                group0["conduction_delay"] = new H5Dataset(cd) { Attributes = new() { ["units"] = "ms" } };
            if (p.XUm.Length == n && p.YUm.Length == n && n > 0)
            {
                group0["x"] = new H5Dataset(p.XUm) { Attributes = new() { ["units"] = "um" } };
                group0["y"] = new H5Dataset(p.YUm) { Attributes = new() { ["units"] = "um" } };
            }
            root[p.Population] = new H5Group
            {
                ["node_id"] = Sequence(n),
                ["node_type_id"] = new long[n],
                ["node_group_id"] = new uint[n],
                ["node_group_index"] = Sequence(n),
                ["0"] = group0,
                Attributes = new() { ["model"] = p.Model, ["lamina"] = p.Lamina ?? "" },
            };
        }
        Write(path, "nodes", root);
    }

    private static ulong[] Sequence(int n)
    {
        var a = new ulong[n];
        for (int i = 0; i < n; i++) a[i] = (ulong)i;
        return a;
    }

    private static void Write(string path, string top, H5Group root)
    {
        root.Attributes = new() { ["magic"] = SonataSpikeWriter.Magic, ["version"] = Version };
        var file = new H5File { [top] = root, Attributes = new() { ["magic"] = SonataSpikeWriter.Magic, ["version"] = Version } };
        AtomicFile.Write(path, stream => file.Write(stream));
    }
}
