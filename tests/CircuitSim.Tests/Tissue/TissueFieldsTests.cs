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
    public void An_injury_leak_from_neurons_or_a_clock_off_the_time_step_is_refused()
    {
        using var f = new ScenarioTestFiles();
        var e = Assert.Single(f.Errors("t.yaml", ScenarioTestFiles.Base + "tissue:\n  fields:\n    ATP: { diffusion: 300 um^2/s, injured_release: { WDR: 1 nM/s } }\n"));
        Assert.Equal("tissue.fields.ATP.injured_release.WDR", e.KeyPath);
        Assert.Contains("only afferent fibres are injured", e.Message);
        var e2 = Assert.Single(f.Errors("t.yaml", ScenarioTestFiles.Base + "tissue:\n  clock: 0.15 ms\n  fields:\n    ATP: { diffusion: 300 um^2/s }\n"));
        Assert.Equal("tissue.clock", e2.KeyPath);
    }
}

/// <summary>Afferent fibres act on the tissue at their central terminals, in their class's laminae.</summary>
public class AfferentTerminalTests
{
    [Fact]
    public void A_c_fibre_release_lands_at_its_terminals_in_laminae_i_and_ii_and_an_injury_leaks_only_from_ectopic_fibres()
    {
        using var f = new ScenarioTestFiles();
        var spec = f.Load("t.yaml", ScenarioTestFiles.Base.Replace("conduction_distance: 50 mm", "conduction_distance: 50 mm\n    ectopic_fraction: 0.5")
            + "record:\n  spikes: [C]\n  figures: false\n"
            + "interventions:\n  injury: { at: 1.5 s, set: { populations.C.ectopic_rate: 0.001 Hz } }\n"
            + "tissue:\n  clock: 1 ms\n  fields:\n    ATP: { diffusion: 0 um^2/s, release: { C: 0.5 uM } }\n    CSF1: { diffusion: 0 um^2/s, injured_release: { C: 1 uM/s } }\n");
        var r = Runner.Run(spec, new RunOptions(Threads: 1));
        var atp = r.Fields.Single(x => x.Name == "ATP").Values[^1];
        double Band(float[] v, int from, int to) => Enumerable.Range(from / 10, (to - from) / 10).Sum(j => Enumerable.Range(0, 40).Sum(i => (double)v[j * 40 + i]));
        // C fibres end in laminae I-II (0-130 um; the peptidergic half in I and IIo, the others in II): all their release
        // is there, 0.5 uM per arriving spike, and the peptidergic ones reach lamina I
        double total = atp.Sum(v => (double)v);
        Assert.True(total >= 0.5 * 10, $"ATP {total}");
        Assert.Equal(0, total / 0.5 % 1, 3);
        Assert.Equal(total, Band(atp, 0, 130), 3);
        Assert.True(Band(atp, 0, 30) > 0);
        // the leak runs from the injury (1.5 s) to the end (2 s), 1 uM/s into the cell of each injured terminal
        var csf1 = r.Fields.Single(x => x.Name == "CSF1").Values[^1];
        var net = NetworkBuilder.Build(spec);
        var c = (SpikeSourcePopulation)net.Populations.Single(p => p.Name == "C");
        int injured = c.EctopicFibres!.Count(x => x);
        Assert.InRange(injured, 4, 16);
        Assert.Equal(injured * 1.0 * 0.5, csf1.Sum(v => (double)v), 2);
        Assert.Equal(c.TerminalX.Where((_, i) => c.EctopicFibres![i]).Select(x => (int)(x / 10)).Distinct().Count(), Enumerable.Range(0, 40).Count(i => Enumerable.Range(0, 55).Any(j => csf1[j * 40 + i] > 0)));
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

/// <summary>Glia in a run: a leak of ATP activates the microglia near it, which move towards it and secrete BDNF; outputs read back.</summary>
public class MicrogliaRunTests
{
    [Fact]
    public void An_atp_leak_activates_and_attracts_the_microglia_near_it_only_and_they_secrete_bdnf()
    {
        using var f = new ScenarioTestFiles();
        var spec = f.Load("g.yaml", ScenarioTestFiles.Base + """
            record:
              spikes: [WDR]
              figures: false
            tissue:
              snapshot_every: 1 s
              fields:
                ATP: { diffusion: 300 um^2/s, decay: 300 ms, puffs: [ { at: 0.1 s, x: 200 um, depth: 20 um, amount: 20 uM, every: 10 ms, until: 2 s } ] }
                BDNF: { diffusion: 50 um^2/s, decay: 10 min }
            glia:
              time_compression: 600
              microglia:
                count: 80
                senses: ATP
                ec50: 3 uM
                activation_tau: 10 min
                deactivation_tau: 30 min
                chemotaxis: 2 um/min
                secretes: { BDNF: { early: 0.2 uM, late: 0.5 uM, late_tau: 60 min } }
            """);
        var r = Runner.Run(spec, new RunOptions(Threads: 2));
        var m = Assert.IsType<CircuitSim.Tissue.AgentSnapshots>(r.Microglia);
        Assert.Equal(80, m.X[0].Length);
        Assert.Equal([1000.0, 2000], m.TimesMs);
        double Dist(int k, int i) => Math.Sqrt(Math.Pow(m.X[k][i] - 200, 2) + Math.Pow(m.Y[k][i] - 20, 2));
        // with 600x compression, 2 s of run are 20 min of glial time: the cells within 30 µm of the leak activate and approach it
        var near = Enumerable.Range(0, 80).Where(i => Dist(0, i) < 30).ToList();
        var far = Enumerable.Range(0, 80).Where(i => Dist(0, i) > 100).ToList();
        Assert.NotEmpty(near);
        Assert.All(near, i => Assert.True(m.Activation[1][i] > 0.3, $"cell {i} at {Dist(0, i):F0} µm: activation {m.Activation[1][i]:F2}"));
        Assert.All(far, i => Assert.True(m.Activation[1][i] < 0.01));
        Assert.All(near, i => Assert.True(Dist(1, i) <= Dist(0, i) + 1e-6));
        Assert.True(r.Fields.Single(x => x.Name == "BDNF").Values[^1].Sum(v => (double)v) > 0);
        var summary = (Dictionary<string, double>)r.Extra["microglia"];
        Assert.Equal(80, summary["count"]);

        // fields.h5 carries the cells: positions and activation per snapshot, as h5py reads them
        string dir = Path.Combine(f.Dir, "out");
        ResultsWriter.WriteAll(r, dir);
        var json = ExternalTool.RunPython("""
            import sys, json, h5py
            with h5py.File(sys.argv[1], "r") as h:
                g = h["microglia"]
                print(json.dumps({"shape": list(g["activation"].shape), "x": list(g["x_um"].shape), "max": float(g["activation"][...].max())}))
            """, Path.Combine(dir, "fields.h5"));
        using var doc = JsonDocument.Parse(json);
        Assert.Equal([2, 80], doc.RootElement.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal((double)m.Activation.Max(a => a.Max()), doc.RootElement.GetProperty("max").GetDouble(), 5);
    }

    [Fact]
    public void Glia_without_a_tissue_or_sensing_a_field_that_is_not_there_are_refused()
    {
        using var f = new ScenarioTestFiles();
        var e = Assert.Single(f.Errors("g.yaml", ScenarioTestFiles.Base + "glia:\n  microglia: { count: 10, senses: ATP }\n"));
        Assert.Equal("glia", e.KeyPath);
        Assert.Contains("add a 'tissue:' section", e.Message);
        var e2 = Assert.Single(f.Errors("g.yaml", ScenarioTestFiles.Base + "tissue:\n  fields:\n    ATP: { diffusion: 300 um^2/s }\nglia:\n  microglia: { count: 10, senses: ATPP }\n"));
        Assert.Equal("glia.microglia.senses", e2.KeyPath);
        Assert.Contains("did you mean 'ATP'", e2.Message);
    }
}

/// <summary>The loop's last link: BDNF in the tissue lowers KCC2 of the neurons where it is, and their anion reversal rises.</summary>
public class FieldKcc2Tests
{
    [Fact]
    public void Bdnf_lowers_kcc2_and_raises_the_anion_reversal_of_the_neurons_near_it_not_of_those_far_away()
    {
        using var f = new ScenarioTestFiles();
        var spec = f.Load("k.yaml", ScenarioTestFiles.Base.Replace("AMPA: 1 nS", "AMPA: 4 nS") + """
            record:
              spikes: [WDR]
              figures: false
            tissue:
              fields:
                BDNF:
                  diffusion: 50 um^2/s
                  puffs: [ { at: 0 ms, x: 100 um, depth: 475 um, amount: 0.5 uM, every: 10 ms } ]
                  kcc2: { populations: [WDR], max: -0.7, ec50: 0.001 uM }
            """, "populations.WDR.lamina=V", "populations.WDR.count=40", "populations.WDR.chloride={extrusion_tau: 1 s, expression_tau: 500 ms}");
        var net = NetworkBuilder.Build(spec);
        var sim = new Simulation(net, CircuitSim.Model.BackendKind.Simd, 1);
        sim.Run();
        var cl = net.Neuromodulators!.Chloride!.Populations.Single();
        var wdr = cl.Neurons;
        double Dist(int i) => Math.Sqrt(Math.Pow(wdr.X[i] - 100, 2) + Math.Pow(wdr.Y[i] - 475, 2));
        var near = Enumerable.Range(0, wdr.Count).OrderBy(Dist).Take(3).ToList();      // the three closest to the source
        var far = Enumerable.Range(0, wdr.Count).Where(i => Dist(i) > 200).ToList();    // where BDNF has not spread in 2 s
        Assert.NotEmpty(near);
        Assert.NotEmpty(far);
        Assert.All(near, i => Assert.True(Dist(i) < 60, $"neuron {i} at {Dist(i):F0} µm"));
        Assert.All(near, i => Assert.True(cl.Kcc2PerNeuron[i] < 0.5, $"near neuron {i} at {Dist(i):F0} µm: KCC2 {cl.Kcc2PerNeuron[i]:F2}"));
        Assert.All(far, i => Assert.True(cl.Kcc2PerNeuron[i] > 0.95, $"far neuron {i}: KCC2 {cl.Kcc2PerNeuron[i]:F2}"));
        Assert.True(near.Average(i => (double)cl.ECl[i]) > far.Average(i => (double)cl.ECl[i]) + 3,
            $"ECl near {near.Average(i => (double)cl.ECl[i]):F1} mV, far {far.Average(i => (double)cl.ECl[i]):F1} mV");
    }

    [Fact]
    public void A_field_acting_on_kcc2_of_a_population_without_chloride_is_refused()
    {
        using var f = new ScenarioTestFiles();
        var e = Assert.Single(f.Errors("k.yaml", ScenarioTestFiles.Base + "tissue:\n  fields:\n    BDNF: { diffusion: 50 um^2/s, kcc2: { populations: [WDR] } }\n"));
        Assert.Equal("tissue.fields.BDNF.kcc2.populations[0]", e.KeyPath);
        Assert.Contains("no chloride dynamics", e.Message);
    }
}

/// <summary>The anion reversal per lamina over time, beside each population's.</summary>
public class LaminaAnionTests
{
    [Fact]
    public void The_lamina_column_is_the_neuron_weighted_mean_of_the_populations_with_chloride_in_that_lamina()
    {
        using var f = new ScenarioTestFiles();
        var spec = f.Load("l.yaml", ScenarioTestFiles.Base.Replace("AMPA: 1 nS", "AMPA: 4 nS") + "record:\n  spikes: [WDR]\n  figures: false\n",
            "populations.WDR.lamina=V", "populations.WDR.chloride={extrusion_tau: 1 s, expression_tau: 500 ms}",
            "populations.W2={kind: neuron, model: adex, count: 30, lamina: V, params: {C: 200 pF, gL: 10 nS, EL: -60 mV, ECl: -60 mV}, chloride: {extrusion_tau: 1 s}}");
        var r = Runner.Run(spec, new RunOptions(Threads: 1));
        var t = r.Substances!;
        Assert.Equal(["lamina_V_E_anion_mV"], t.LaminaColumns);
        int w = Array.IndexOf(t.ChlorideColumns, "WDR_E_anion_mV"), w2 = Array.IndexOf(t.ChlorideColumns, "W2_E_anion_mV");
        for (int k = 0; k < t.Samples; k += 50)
            Assert.Equal((10 * t.Chloride[k, w] + 30 * t.Chloride[k, w2]) / 40.0, t.LaminaEAnion[k, 0], 3);
        Assert.True(Math.Abs(t.LaminaEAnion[0, 0] - (10 * -70.0 + 30 * -60.0) / 40) < 0.5); // -62.5 mV at the start
    }
}

/// <summary>Baths, glial-time fields and the loader's refusals for the neuroimmune keys.</summary>
public class TissueKeyTests
{
    [Fact]
    public void A_bath_holds_the_field_at_its_level_while_it_lasts_and_a_glial_time_field_decays_by_the_compression_faster()
    {
        using var f = new ScenarioTestFiles();
        var spec = f.Load("t.yaml", ScenarioTestFiles.Base + "record:\n  spikes: [WDR]\n  figures: false\n" +
            "tissue:\n  clock: 1 ms\n  snapshot_every: 100 ms\n  fields:\n" +
            "    A: { diffusion: 0 um^2/s, decay: 10 s, bath: [ { level: 2 nM, from: 0.5 s, until: 1 s } ] }\n" +
            "    B: { diffusion: 0 um^2/s, decay: 10 s, glial_time: true, bath: [ { level: 2 nM, from: 0.5 s, until: 1 s } ] }\n" +
            "glia:\n  time_compression: 100\n  microglia: { count: 1, senses: A }\n");
        var r = Runner.Run(spec, new RunOptions(Threads: 1));
        var a = r.Fields.Single(x => x.Name == "A");
        var b = r.Fields.Single(x => x.Name == "B");
        int At(double ms) => a.TimesMs.ToList().IndexOf(ms);
        Assert.All(a.Values[At(800)], v => Assert.Equal(0.002f, v, 6));
        Assert.All(a.Values[At(400)], v => Assert.Equal(0f, v));
        // after the bath: A decays over 10 s of run time, B over 10 s of glial time = 0.1 s of run time
        Assert.Equal(0.002 * Math.Exp(-1000 / 10_000.0), a.Values[At(2000)][0], 6);
        Assert.Equal(0.002 * Math.Exp(-1000 * 100 / 10_000.0), b.Values[At(2000)][0], 9);
    }

    [Fact]
    public void Neuroimmune_keys_are_refused_with_their_path_when_they_cannot_act()
    {
        using var f = new ScenarioTestFiles();
        string tissue = "tissue:\n  fields:\n    IL1b: { diffusion: 40 um^2/s, acts_on: [ { populations: [WDR], on: GABA_A, max: -0.3, ec50: 0.1 nM } ] }\n";
        var e = Assert.Single(f.Errors("t.yaml", ScenarioTestFiles.Base + tissue));
        Assert.Equal("tissue.fields.IL1b.acts_on[0].on", e.KeyPath);
        Assert.Contains("no receptor channel 'GABA_A'", e.Message);
        string glia = "tissue:\n  fields:\n    ATP: { diffusion: 300 um^2/s }\n    BDNF: { diffusion: 50 um^2/s }\n" +
                      "glia:\n  microglia: { count: 5, senses: { ATP: { ec50: 3 uM } }, secretes: { BDNF: { late: 1 uM, requires: CSF1 } } }\n";
        var e2 = Assert.Single(f.Errors("t.yaml", ScenarioTestFiles.Base + glia));
        Assert.Equal("glia.microglia.secretes.BDNF.requires", e2.KeyPath);
        string bath = "tissue:\n  fields:\n    TNFa: { diffusion: 0 um^2/s, bath: [ { level: 1 nM, from: 2 s, until: 1 s } ] }\n";
        Assert.Equal("tissue.fields.TNFa.bath[0].until", Assert.Single(f.Errors("t.yaml", ScenarioTestFiles.Base + bath)).KeyPath);
    }

    [Fact]
    public void A_drug_on_a_glia_target_the_tissue_does_not_have_is_refused_at_build()
    {
        using var f = new ScenarioTestFiles();
        var spec = f.Load("t.yaml", ScenarioTestFiles.Base + "substances: { BDNF: { decay: 10 min } }\n" +
            "interventions:\n  mino: { at: 0.5 s, drug: minocycline, dose: 0.9 }\n" +
            "tissue:\n  fields:\n    ATP: { diffusion: 300 um^2/s }\n");
        var ex = Assert.Throws<BuildException>(() => NetworkBuilder.Build(spec));
        Assert.Contains("minocycline", ex.Message);
        Assert.Contains("no glia", ex.Message);
    }
}

/// <summary>Fractalkine: injured terminals release CX3CL1, microglia sense it through CX3CR1, and a CX3CR1 antagonist stops them.</summary>
public class FractalkineTests
{
    private const string Scenario = """
        interventions:
          injury: { at: 0.2 s, set: { populations.C.ectopic_rate: 0.001 Hz } }
        substances: { BDNF: { decay: 10 min } }
        drugs:
          CX3CR1_antagonist:
            source: "a test drug (AZD8797 blocks CX3CR1 at nanomolar levels)"
            targets: [ { glia: CX3CR1, ic50: 0.01 uM } ]
        tissue:
          clock: 10 ms
          fields:
            CX3CL1: { diffusion: 20 um^2/s, decay: 1 h, glial_time: true, injured_release: { C: 0.1 nM/ms } }
        glia:
          time_compression: 600
          microglia:
            count: 60
            reach: 20 um
            senses: { CX3CL1: { ec50: 1 nM, hill: 1, receptor: CX3CR1 } }
            activation_tau: 10 min
            deactivation_tau: 1 h
        record:
          spikes: [WDR]
          figures: false

        """;

    private static double MeanActivation(CircuitSim.Recording.SimulationResult r) => r.Microglia!.Activation[^1].Average(a => (double)a);

    [Fact]
    public void Fractalkine_from_injured_terminals_activates_microglia_through_cx3cr1_and_its_antagonist_prevents_it()
    {
        using var f = new ScenarioTestFiles();
        string basis = ScenarioTestFiles.Base.Replace("duration: 2 s", "duration: 3 s").Replace("conduction_distance: 50 mm", "conduction_distance: 50 mm\n    ectopic_fraction: 0.5");
        var injured = Runner.Run(f.Load("t.yaml", basis + Scenario), new RunOptions(Threads: 1));
        var blocked = Runner.Run(f.Load("t.yaml", basis + Scenario.Replace("  injury: { at: 0.2 s,",
            "  cx3cr1: { at: 0.1 s, drug: CX3CR1_antagonist, dose: 0.9 }\n  injury: { at: 0.2 s,")), new RunOptions(Threads: 1));
        var quiet = Runner.Run(f.Load("t.yaml", basis + Scenario.Replace("populations.C.ectopic_rate: 0.001 Hz", "populations.C.ectopic_rate: 0 Hz")), new RunOptions(Threads: 1));
        Assert.True(MeanActivation(injured) > 0.3, $"injured: {MeanActivation(injured):G3}");
        Assert.True(MeanActivation(quiet) < 0.01, $"no injury: {MeanActivation(quiet):G3}");
        Assert.True(MeanActivation(blocked) < 0.5 * MeanActivation(injured), $"CX3CR1 blocked: {MeanActivation(blocked):G3} against {MeanActivation(injured):G3}");
    }
}

/// <summary>fields.h5 with both kinds of glia and cells born during the run, read back by h5py.</summary>
public class GliaHdf5Tests
{
    [Fact]
    public void Astrocytes_and_dividing_microglia_are_written_with_nan_for_cells_not_yet_born_and_h5py_reads_them()
    {
        using var f = new ScenarioTestFiles();
        var spec = f.Load("t.yaml", ScenarioTestFiles.Base + "record:\n  spikes: [WDR]\n  figures: true\n" +
            "tissue:\n  clock: 10 ms\n  snapshot_every: 500 ms\n  fields:\n    ATP: { diffusion: 0 um^2/s, bath: [ { level: 30 uM } ] }\n" +
            "glia:\n  time_compression: 3600\n" +
            "  microglia: { count: 20, senses: ATP, activation_tau: 10 min, proliferation: { rate: 1 /h, max_count: 60 } }\n" +
            "  astrocytes: { count: 10, senses: { ATP: { ec50: 1 uM } }, activation_tau: 1 h }\n");
        var r = Runner.Run(spec, new RunOptions(Threads: 1));
        string dir = Path.Combine(f.Dir, "out");
        var files = ResultsWriter.WriteAll(r, dir);
        Assert.Contains(files, p => p.EndsWith("fields.png"));
        var json = ExternalTool.RunPython("""
            import sys, json, h5py, numpy as np
            with h5py.File(sys.argv[1], "r") as h:
                m = h["microglia/activation"][...]
                a = h["astrocytes/activation"][...]
                print(json.dumps({"m_shape": list(m.shape), "a_shape": list(a.shape),
                                  "alive": [int(np.sum(~np.isnan(row))) for row in m],
                                  "a_last": float(np.nanmean(a[-1]))}))
            """, Path.Combine(dir, "fields.h5"));
        using var doc = JsonDocument.Parse(json);
        var o = doc.RootElement;
        Assert.Equal(60, o.GetProperty("m_shape")[1].GetInt32()); // room for every cell there can be
        Assert.Equal(10, o.GetProperty("a_shape")[1].GetInt32());
        var alive = o.GetProperty("alive").EnumerateArray().Select(e => e.GetInt32()).ToList();
        Assert.True(alive[0] >= 20 && alive[^1] > alive[0] && alive[^1] <= 60, string.Join(",", alive));
        Assert.True(alive.Zip(alive.Skip(1)).All(p => p.Second >= p.First)); // cells are born, none die
        Assert.True(o.GetProperty("a_last").GetDouble() > 0.5);
        var mg = (Dictionary<string, double>)r.Extra["microglia"];
        Assert.Equal(alive[^1], mg["count"]);
        Assert.Equal(20, mg["initial_count"]);
    }
}
