using System.Text.Json;
using CircuitSim.Engine;
using CircuitSim.Output;
using CircuitSim.Tests.Output;
using CircuitSim.Tests.Scenarios;

namespace CircuitSim.Tests.Tissue;

/// <summary>The tissue slab in a run: spikes release into their neurons' cells, the fields diffuse, and fields.h5 reads back in h5py.</summary>
public class TissueFieldsTests
{
    private const string Tissue = """
        tissue:
          grid: 10 um
          clock: 1 ms
          snapshot_every: 500 ms
          fields:
            ATP: { diffusion: 300 um^2/s, release: { WDR: 0.5 uM } }
            BDNF: { diffusion: 100 um^2/s, decay: 200 ms, release: { WDR: 0.1 uM } }
        """;

    [Fact]
    public void Without_decay_the_field_holds_every_released_amount_and_it_spreads_from_the_releasing_neurons()
    {
        using var f = new ScenarioTestFiles();
        var spec = f.Load("t.yaml", ScenarioTestFiles.Base.Replace("AMPA: 1 nS", "AMPA: 4 nS") + "record:\n  spikes: [WDR]\n  figures: false\n" + Tissue,
            "populations.WDR.lamina=V");
        var r = Runner.Run(spec, new RunOptions(Threads: 2));
        int spikes = r.Spikes.Single(s => s.Population == "WDR").TimesMs.Length;
        Assert.True(spikes > 0);
        var atp = r.Fields.Single(x => x.Name == "ATP");
        Assert.Equal(40, atp.Nx); // 400 µm / 10 µm
        Assert.Equal(55, atp.Ny); // 550 µm / 10 µm
        Assert.Equal([500.0, 1000, 1500, 2000], atp.TimesMs);
        // conservation through the engine: all that was released is there (float32 snapshots)
        Assert.Equal(spikes * 0.5, atp.Values[^1].Sum(v => (double)v), 3);
        // WDR neurons sit in lamina V (400-550 µm deep): the field is richest there, nearly nothing in lamina I
        double Band(float[] v, int from, int to) => Enumerable.Range(from / 10, (to - from) / 10).Sum(j => Enumerable.Range(0, 40).Sum(i => (double)v[j * 40 + i]));
        Assert.True(Band(atp.Values[^1], 400, 550) > 0.6 * atp.Values[^1].Sum(v => (double)v));
        Assert.True(Band(atp.Values[^1], 0, 30) < 0.01 * atp.Values[^1].Sum(v => (double)v));
        // with decay (200 ms) less remains than was released
        var bdnf = r.Fields.Single(x => x.Name == "BDNF");
        Assert.True(bdnf.Values[^1].Sum(v => (double)v) < spikes * 0.1 * 0.5);
    }

    [Fact]
    public void Fields_are_written_to_fields_h5_that_h5py_reads_as_time_by_depth_by_width()
    {
        using var f = new ScenarioTestFiles();
        var spec = f.Load("t.yaml", ScenarioTestFiles.Base.Replace("AMPA: 1 nS", "AMPA: 4 nS") + "record:\n  spikes: [WDR]\n  figures: true\n" + Tissue);
        var r = Runner.Run(spec, new RunOptions(Threads: 1));
        string dir = Path.Combine(f.Dir, "out");
        var files = ResultsWriter.WriteAll(r, dir);
        Assert.Contains(files, p => p.EndsWith("fields.h5"));
        Assert.Contains(files, p => p.EndsWith("fields.png"));
        var json = ExternalTool.RunPython("""
            import sys, json, h5py
            with h5py.File(sys.argv[1], "r") as h:
                g = h["fields/ATP"]
                v = g["values"][...]
                print(json.dumps({"shape": list(v.shape), "sum_last": float(v[-1].sum()), "times": g["times_ms"][...].tolist(),
                                  "dx": float(g.attrs["dx_um"]), "units": g["values"].attrs["units"]}))
            """, Path.Combine(dir, "fields.h5"));
        using var doc = JsonDocument.Parse(json);
        var o = doc.RootElement;
        Assert.Equal([4, 55, 40], o.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(r.Fields[0].Values[^1].Sum(v => (double)v), o.GetProperty("sum_last").GetDouble(), 3);
        Assert.Equal(10, o.GetProperty("dx").GetDouble());
        Assert.Equal("uM", o.GetProperty("units").GetString());
    }

    [Fact]
    public void A_field_released_by_an_afferent_population_or_a_clock_off_the_time_step_is_refused()
    {
        using var f = new ScenarioTestFiles();
        var e = Assert.Single(f.Errors("t.yaml", ScenarioTestFiles.Base + "tissue:\n  fields:\n    ATP: { diffusion: 300 um^2/s, release: { C: 1 uM } }\n"));
        Assert.Equal("tissue.fields.ATP.release.C", e.KeyPath);
        Assert.Contains("only neurons have a place", e.Message);
        var e2 = Assert.Single(f.Errors("t.yaml", ScenarioTestFiles.Base + "tissue:\n  clock: 0.15 ms\n  fields:\n    ATP: { diffusion: 300 um^2/s }\n"));
        Assert.Equal("tissue.clock", e2.KeyPath);
    }
}

/// <summary>The fields, like the spikes, do not depend on the number of threads.</summary>
public class TissueThreadTests
{
    [Fact]
    public void Fields_are_identical_with_one_two_and_four_threads()
    {
        using var f = new ScenarioTestFiles();
        var spec = f.Load("t.yaml", ScenarioTestFiles.Base.Replace("AMPA: 1 nS", "AMPA: 4 nS") + "record:\n  spikes: [WDR]\n  figures: false\n" +
            "tissue:\n  clock: 1 ms\n  snapshot_every: 250 ms\n  fields:\n    ATP: { diffusion: 300 um^2/s, decay: 300 ms, release: { WDR: 0.5 uM } }\n");
        var runs = new[] { 1, 2, 4 }.Select(t => Runner.Run(spec, new RunOptions(Threads: t))).ToList();
        foreach (var r in runs.Skip(1))
            for (int k = 0; k < runs[0].Fields[0].Values.Count; k++)
                Assert.Equal(runs[0].Fields[0].Values[k], r.Fields[0].Values[k]);
        var summary = (Dictionary<string, object>)runs[0].Extra["fields"];
        var atp = (Dictionary<string, double>)summary["ATP"];
        Assert.True(atp["peak_total"] > 0 && atp["peak_cell_uM"] > 0);
    }
}
