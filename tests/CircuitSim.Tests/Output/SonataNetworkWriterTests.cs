using System.Globalization;
using System.Text.Json;
using CircuitSim.Engine;
using CircuitSim.Output;
using CircuitSim.Recording;
using CircuitSim.Scenarios;

namespace CircuitSim.Tests.Output;

/// <summary>record.network: the built network as SONATA edges.h5 and nodes.h5, read back by h5py.</summary>
public class SonataNetworkWriterTests
{
    // Two receptors with jittered weights, conduction delays with jitter, and random initial values,
    // so every column of the files carries information that a wrong index would scramble.
    private const string Scenario = """
        name: network-export
        seed: 7
        duration: 50 ms
        populations:
          C: { kind: afferent, fibre: C, count: 30, conduction_distance: 20 mm, velocity_jitter: 0.2 }
          N:
            kind: neuron
            model: lif
            count: 25
            initial:
              v: { dist: normal, mean: -65 mV, sd: 4 mV }
              g_AMPA: { dist: uniform, low: 0 nS, high: 2 nS }
        projections:
          C_N: { from: C, to: N, connect: { rule: probability, p: 0.3 }, receptors: { AMPA: 3 nS, NMDA: 1 nS }, weight_jitter: 0.2, delay: 1 ms }
          N_N: { from: N, to: N, connect: { rule: fan_in, n: 4 }, receptors: { GABA_A: 2 nS }, delay: 0.5 ms }
        record: { network: true, figures: false }
        """;

    [Fact]
    public void EdgesAndInitialStateRoundTripThroughH5py()
    {
        using var dir = new TempDir();
        string file = dir.File("net.yaml");
        File.WriteAllText(file, Scenario);
        var spec = ScenarioLoader.Load(file);
        Assert.True(spec.Record.Network);
        var result = Runner.Run(spec, new RunOptions());
        var files = ResultsWriter.WriteAll(result, dir.Path).Select(Path.GetFileName).ToList();
        Assert.Contains(SonataNetworkWriter.EdgesFile, files);
        Assert.Contains(SonataNetworkWriter.NodesFile, files);

        // The same scenario built again gives the network the files must describe.
        var net = NetworkBuilder.Build(spec);
        const string script = """
            import sys, json, h5py, numpy as np
            d = sys.argv[1]
            out = {}
            with h5py.File(d + '/edges.h5') as f:
                assert f.attrs['magic'] == 0x0A7A
                for name, g in f['edges'].items():
                    src, tgt = g['source_node_id'][:], g['target_node_id'][:]
                    out[name] = {'n': int(len(src)), 'from': g['source_node_id'].attrs['node_population'],
                                 'to': g['target_node_id'].attrs['node_population'],
                                 'pairs': [[int(a), int(b)] for a, b in zip(src, tgt)],
                                 'delay': [float(x) for x in g['0/delay'][:]],
                                 'weights': {k[len('syn_weight_'):]: [float(x) for x in g['0'][k][:]]
                                             for k in g['0'] if k.startswith('syn_weight_')},
                                 'group_index_ok': bool((g['edge_group_index'][:] == np.arange(len(src))).all())}
            with h5py.File(d + '/nodes.h5') as f:
                n = f['nodes/N']
                out['nodes'] = {'ids': int(len(n['node_id'])), 'model': n.attrs['model'],
                                'v': [float(x) for x in n['0/initial_state/v'][:]],
                                'g_AMPA': [float(x) for x in n['0/initial_state/g_AMPA'][:]],
                                'v_units': n['0/initial_state/v'].attrs['units'],
                                'vars': sorted(n['0/initial_state'].keys())}
                c = f['nodes/C']
                out['afferent'] = {'ids': int(len(c['node_id'])), 'model': c.attrs['model'],
                                   'conduction': [float(x) for x in c['0/conduction_delay'][:]]}
                out['node_populations'] = sorted(f['nodes'].keys())
            print(json.dumps(out))
            """;
        var doc = JsonDocument.Parse(ExternalTool.RunPython(script, dir.Path)).RootElement;

        foreach (var p in net.Projections)
        {
            var e = doc.GetProperty(p.Name);
            Assert.Equal(p.Targets.Length, e.GetProperty("n").GetInt32());
            Assert.True(p.Targets.Length > 10, $"{p.Name}: too few synapses for a meaningful test");
            Assert.Equal(p.Source.Name, e.GetProperty("from").GetString());
            Assert.Equal(p.Target.Name, e.GetProperty("to").GetString());
            Assert.True(e.GetProperty("group_index_ok").GetBoolean());
            var pairs = e.GetProperty("pairs").EnumerateArray().Select(a => (a[0].GetInt32(), a[1].GetInt32())).ToList();
            var delays = e.GetProperty("delay").EnumerateArray().Select(x => x.GetDouble()).ToList();
            for (int i = 0, k = 0; i < p.Source.Count; i++)
                for (int s = p.RowStart[i]; s < p.RowStart[i + 1]; s++, k++)
                {
                    Assert.Equal((i, p.Targets[s]), pairs[k]);
                    int conduction = p.Source is SpikeSourcePopulation { ConductionSteps.Length: > 0 } f ? f.ConductionSteps[i] : 0;
                    Assert.Equal((p.DelaySteps + conduction) * net.DtMs, delays[k], 4);
                    for (int c = 0; c < p.Receptors; c++)
                    {
                        string receptor = p.Target.Channels[p.ChannelIndex[c]].Name;
                        double w = e.GetProperty("weights").GetProperty(receptor)[k].GetDouble();
                        Assert.Equal(p.Weights[s * p.Receptors + c], w, 4);
                    }
                }
        }
        // Conduction delays differ between fibres (velocity jitter), and weights between synapses (weight jitter).
        var cn = doc.GetProperty("C_N");
        Assert.True(cn.GetProperty("delay").EnumerateArray().Select(x => x.GetDouble()).Distinct().Count() > 5);
        Assert.True(cn.GetProperty("weights").GetProperty("NMDA").EnumerateArray().Select(x => x.GetDouble()).Distinct().Count() > 5);
        Assert.Equal(["AMPA", "NMDA"], cn.GetProperty("weights").EnumerateObject().Select(o => o.Name).Order());

        var nodes = doc.GetProperty("nodes");
        var pop = net.NeuronPopulations.Single(p => p.Name == "N");
        Assert.Equal(25, nodes.GetProperty("ids").GetInt32());
        Assert.Equal("lif", nodes.GetProperty("model").GetString());
        Assert.Equal("mV", nodes.GetProperty("v_units").GetString());
        Assert.Contains("g_GABA_A", nodes.GetProperty("vars").EnumerateArray().Select(x => x.GetString()));
        var v = nodes.GetProperty("v").EnumerateArray().Select(x => x.GetDouble()).ToArray();
        var g = nodes.GetProperty("g_AMPA").EnumerateArray().Select(x => x.GetDouble()).ToArray();
        var ampa = pop.Channel("AMPA")!;
        for (int i = 0; i < 25; i++)
        {
            Assert.Equal(pop.V[i], v[i], 4);
            Assert.Equal(ampa.A[i] - (ampa.B?[i] ?? 0), g[i], 4);
        }
        Assert.True(v.Max() - v.Min() > 3, string.Create(CultureInfo.InvariantCulture, $"initial v spread {v.Max() - v.Min():0.0} mV"));

        // every population an edge names is a node population; afferents carry their conduction delays
        Assert.Equal(["C", "N"], doc.GetProperty("node_populations").EnumerateArray().Select(x => x.GetString()));
        var aff = doc.GetProperty("afferent");
        var fibres = (SpikeSourcePopulation)net.Population("C");
        Assert.Equal((30, "afferent"), (aff.GetProperty("ids").GetInt32(), aff.GetProperty("model").GetString()));
        var cond = aff.GetProperty("conduction").EnumerateArray().Select(x => x.GetDouble()).ToArray();
        for (int i = 0; i < 30; i++) Assert.Equal(fibres.ConductionSteps[i] * net.DtMs, cond[i], 4);
        Assert.True(cond.Min() > 10, "C fibres over 20 mm at ~1 m/s: ~20 ms");
    }

    [Fact]
    public void NoNetworkFilesUnlessAsked()
    {
        using var dir = new TempDir();
        string file = dir.File("net.yaml");
        File.WriteAllText(file, Scenario.Replace("network: true", "network: false"));
        var result = Runner.Run(ScenarioLoader.Load(file), new RunOptions());
        Assert.Null(result.Network);
        ResultsWriter.WriteAll(result, dir.Path);
        Assert.False(File.Exists(dir.File(SonataNetworkWriter.EdgesFile)));
        Assert.False(File.Exists(dir.File(SonataNetworkWriter.NodesFile)));
    }
}
