using CircuitSim.Engine;
using CircuitSim.Engine.Backends;
using CircuitSim.Gpu;
using CircuitSim.Model;
using CircuitSim.Recording;
using CircuitSim.Scenarios;
using CircuitSim.Tests.Validation;

namespace CircuitSim.Tests.Gpu;

/// <summary>
/// The GPU backend on ILGPU's CPU accelerator (no GPU here): the same spikes as the simd backend, where the
/// arithmetic is the same (IEEE single precision, no fused multiply-add), and clear refusals of what it does
/// not run yet.
/// </summary>
public sealed class GpuBackendTests
{
    static GpuBackendTests() => GpuEngineFactory.Register();

    private static SimulationResult Run(string file, BackendKind backend, params string[] sets)
    {
        var spec = ScenarioLoader.Load(ScenarioRuns.Path(file), ["record.figures=false", .. sets]);
        spec.Record.Traces.Clear(); // the gpu backend records spikes; traces are refused
        return Runner.Run(spec, new RunOptions(backend, Threads: backend == BackendKind.Simd ? 2 : 0, GpuDevice: "cpu"));
    }

    /// <summary>The same populations with the same spikes at the same times; each population has more than
    /// <paramref name="perPopulation"/> spikes (−1: any) and all together more than <paramref name="total"/>.</summary>
    private static void AssertSameSpikes(SimulationResult a, SimulationResult b, int perPopulation = 50, int total = -1)
    {
        Assert.Equal(a.Spikes.Select(p => p.Population), b.Spikes.Select(p => p.Population));
        for (int p = 0; p < a.Spikes.Count; p++)
        {
            Assert.True(a.Spikes[p].NodeIds.Length > perPopulation, $"{a.Spikes[p].Population}: {a.Spikes[p].NodeIds.Length} spikes");
            Assert.Equal(a.Spikes[p].NodeIds, b.Spikes[p].NodeIds);
            Assert.Equal(a.Spikes[p].TimesMs, b.Spikes[p].TimesMs);
        }
        int all = a.Spikes.Sum(p => p.NodeIds.Length);
        Assert.True(all > total, $"{all} spikes");
    }

    /// <summary>Writes a scenario into a temporary folder for the test, and removes it after.</summary>
    private static void WithScenario(string name, string yaml, Action<string> test)
    {
        string dir = Directory.CreateTempSubdirectory("circuitsim-gpu-").FullName;
        try
        {
            string file = Path.Combine(dir, name + ".yaml");
            File.WriteAllText(file, yaml);
            test(file);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void Coba_on_the_gpu_backend_gives_the_spikes_of_simd()
    {
        // 100 ms of the COBA benchmark: ~6000 E and ~1500 I spikes, every one at the same step
        var simd = Run("coba.yaml", BackendKind.Simd, "duration=100ms");
        var gpu = Run("coba.yaml", BackendKind.Gpu, "duration=100ms");
        AssertSameSpikes(simd, gpu);
        Assert.Equal(simd.SynapticEvents, gpu.SynapticEvents);
        Assert.StartsWith("gpu", gpu.Backend);
    }

    [Fact]
    public void Delays_go_through_the_rings_and_give_the_spikes_of_simd()
    {
        // synaptic delays of 1.5 and 0.8 ms: arrivals wait in the rings (not added to the states), the inhibitory
        // channel on the chloride reversal, and unequal weights
        var sets = new[]
        {
            "duration=100ms", "projections.E_E.delay=1.5ms", "projections.I_E.delay=0.8ms", "projections.E_I.delay=1.5ms",
            "projections.I_I.delay=0.8ms", "projections.E_E.receptors.exc=7nS",
        };
        var simd = Run("coba.yaml", BackendKind.Simd, sets);
        var gpu = Run("coba.yaml", BackendKind.Gpu, sets);
        AssertSameSpikes(simd, gpu);
    }

    [Fact]
    public void What_the_gpu_backend_does_not_run_yet_is_refused_naming_the_key()
    {
        var windup = ScenarioLoader.Load(ScenarioRuns.Path("windup.yaml"));
        var e = Assert.Throws<BuildException>(() => Runner.Run(windup, new RunOptions(BackendKind.Gpu, GpuDevice: "cpu")));
        // the base circuit's neurons are AdEx
        Assert.Contains("runs models lif and adex only so far", e.Message);
        Assert.Contains(e.KeyPaths, k => k.EndsWith(".model"));
        var coba = ScenarioLoader.Load(ScenarioRuns.Path("coba.yaml"), ["duration=1ms"]);
        var t = Assert.Throws<BuildException>(() => Runner.Run(coba, new RunOptions(BackendKind.Gpu, GpuDevice: "cpu")));
        Assert.Contains("record.traces", t.KeyPaths);
    }

    [Fact]
    public void Without_a_cuda_device_gpu_says_so_and_auto_takes_simd()
    {
        var coba = ScenarioLoader.Load(ScenarioRuns.Path("coba.yaml"), ["duration=1ms", "record.traces=null", "record.figures=false"]);
        if (new GpuEngineFactory().HasDevice)
        {
            // on a machine with a CUDA device, auto takes it for a network the gpu backend runs
            Assert.StartsWith("gpu", Runner.Run(coba, new RunOptions(BackendKind.Auto)).Backend);
            return;
        }
        var e = Assert.Throws<BuildException>(() => Runner.Run(coba, new RunOptions(BackendKind.Gpu)));
        Assert.Contains("no CUDA device", e.Message);
        Assert.Contains("--gpu-device cpu", e.Message);
        var auto = Runner.Run(coba, new RunOptions(BackendKind.Auto));
        Assert.Equal("simd", auto.Backend);
    }

    [Fact]
    public void A_batch_of_copies_gives_each_copy_the_spikes_of_its_single_run()
    {
        // three COBA circuits in one set of kernels: other seeds (other connectivity and initial states) and another weight
        string[][] sets =
        [
            ["duration=60ms", "seed=1"],
            ["duration=60ms", "seed=2"],
            ["duration=60ms", "seed=3", "projections.E_E.receptors.exc=7nS"],
        ];
        var specs = sets.Select(s => ScenarioLoader.Load(ScenarioRuns.Path("coba.yaml"), ["record.traces=null", "record.figures=false", .. s])).ToList();
        var nets = specs.Select(s => NetworkBuilder.Build(s)).ToList();
        using var batch = new GpuBatch(nets, "cpu");
        var recorders = nets.Select(n => new SpikeRecorder(n, null)).ToList();
        for (int b = 0; b < nets.Count; b++) batch.Observers[b].Add(recorders[b]);
        Assert.Equal(600, batch.Run());
        for (int b = 0; b < nets.Count; b++)
        {
            var single = Runner.Run(specs[b], new RunOptions(BackendKind.Simd));
            var spikes = recorders[b].Result(nets[b].DtMs);
            for (int p = 0; p < spikes.Count; p++)
            {
                Assert.True(spikes[p].NodeIds.Length > 50);
                Assert.Equal(single.Spikes[p].NodeIds, spikes[p].NodeIds);
                Assert.Equal(single.Spikes[p].TimesMs, spikes[p].TimesMs);
            }
            Assert.Equal(single.SynapticEvents, batch.SynapticEvents[b]);
        }
        // the copies did differ
        Assert.NotEqual(recorders[0].Result(0.1)[0].NodeIds.Length, recorders[1].Result(0.1)[0].NodeIds.Length);
    }

    [Fact]
    public void Copies_of_different_structure_are_refused()
    {
        var a = NetworkBuilder.Build(ScenarioLoader.Load(ScenarioRuns.Path("coba.yaml"), ["record.traces=null", "duration=1ms"]));
        var b = NetworkBuilder.Build(ScenarioLoader.Load(ScenarioRuns.Path("coba.yaml"), ["record.traces=null", "duration=1ms", "populations.E.count=3000"]));
        var e = Assert.Throws<BuildException>(() => new GpuBatch([a, b], "cpu"));
        Assert.Contains("population E: 3200 against E: 3000", e.Message);
    }

    [Fact]
    public void Fast_delivery_is_deterministic_and_close_to_simd()
    {
        // event-driven, fixed-point sums by atomics: the same spikes on every run; rates within 10 % of the CPU's
        // (on COBA's weights, which fixed point holds exactly, the spikes even match simd: observed, not promised)
        var sets = new[] { "duration=100ms", "record.traces=null", "record.figures=false", "projections.E_E.delay=1.5ms" };
        var spec = ScenarioLoader.Load(ScenarioRuns.Path("coba.yaml"), sets);
        var fast = new RunOptions(BackendKind.Gpu, GpuDevice: "cpu", GpuDelivery: GpuDelivery.Fast);
        var a = Runner.Run(spec, fast);
        var b = Runner.Run(ScenarioLoader.Load(ScenarioRuns.Path("coba.yaml"), sets), fast);
        AssertSameSpikes(a, b);
        var simd = Run("coba.yaml", BackendKind.Simd, "duration=100ms", "projections.E_E.delay=1.5ms");
        for (int p = 0; p < a.Spikes.Count; p++)
        {
            double ra = a.Spikes[p].NodeIds.Length, rs = simd.Spikes[p].NodeIds.Length;
            Assert.True(Math.Abs(ra - rs) <= 0.1 * rs, $"{a.Spikes[p].Population}: {ra} spikes fast, {rs} simd");
        }
        // a batch in fast mode gives each copy its single fast run
        var nets = new[] { "seed=1", "seed=2" }.Select(x => NetworkBuilder.Build(ScenarioLoader.Load(ScenarioRuns.Path("coba.yaml"), [.. sets, x]))).ToList();
        using var batch = new GpuBatch(nets, "cpu", fixedPoint: true);
        var rec = nets.Select(n => new SpikeRecorder(n, null)).ToList();
        for (int k = 0; k < 2; k++) batch.Observers[k].Add(rec[k]);
        batch.Run();
        Assert.Equal(a.Spikes[0].NodeIds, rec[0].Result(nets[0].DtMs)[0].NodeIds);
        Assert.Equal(a.Spikes[0].TimesMs, rec[0].Result(nets[0].DtMs)[0].TimesMs);
        Assert.NotEqual(rec[0].Result(nets[0].DtMs)[0].NodeIds.Length, rec[1].Result(nets[1].DtMs)[0].NodeIds.Length);
    }

    [Fact]
    public void Copies_of_another_run_length_are_refused_as_a_batch()
    {
        // regression: the batch ran every copy for the first copy's number of steps
        var a = NetworkBuilder.Build(ScenarioLoader.Load(ScenarioRuns.Path("coba.yaml"), ["record.traces=null", "duration=2ms"]));
        var b = NetworkBuilder.Build(ScenarioLoader.Load(ScenarioRuns.Path("coba.yaml"), ["record.traces=null", "duration=3ms"]));
        var e = Assert.Throws<BuildException>(() => new GpuBatch([a, b], "cpu"));
        Assert.Contains("another run length", e.Message);
    }

    [Theory]
    [MemberData(nameof(ScenarioSuiteTests.Files), MemberType = typeof(ScenarioSuiteTests))]
    public void Every_ready_scenario_runs_on_the_gpu_backend_as_on_simd_or_is_refused_naming_what_is_missing(string file)
    {
        // the scenario suite against simd: identical spikes over 50 ms where the gpu backend runs the scenario, else
        // a refusal at build that says what it lacks and where (never a run that silently ignores a mechanism)
        var sets = new[] { "duration=50ms", "record.figures=false" };
        ScenarioSpec Load()
        {
            var s = ScenarioLoader.Load(ScenarioRuns.Path(file), sets);
            s.Record.Traces.Clear(); // traces are refused by the gpu backend; the spikes are compared
            return s;
        }
        try
        {
            var gpu = Runner.Run(Load(), new RunOptions(BackendKind.Gpu, GpuDevice: "cpu"));
            var simd = Runner.Run(Load(), new RunOptions(BackendKind.Simd));
            AssertSameSpikes(simd, gpu, perPopulation: -1);
        }
        catch (BuildException e)
        {
            Assert.Contains("gpu backend", e.Message);
            Assert.NotEmpty(e.KeyPaths);
        }
    }

    /// <summary>Afferents with conduction jitter and activity-dependent slowing, a C-strength train and Poisson touch, onto LIF neurons with excitation, inhibition and delays.</summary>
    private const string AfferentCircuit = """
            name: afferents-lif
            seed: 4
            duration: 300 ms
            populations:
              C: { kind: afferent, fibre: C, count: 60, conduction_distance: 20 mm, velocity_jitter: 0.3 }
              Ab: { kind: afferent, fibre: Abeta, count: 30, conduction_distance: 20 mm, velocity_jitter: 0.1, ectopic_rate: 5 Hz }
              E: { count: 80, model: lif, params: { EL: -65 mV, VT: -50 mV, Vr: -65 mV },
                   receptors: { exc: { rise: 0 ms, decay: 5 ms, reversal: 0 mV }, inh: { rise: 0 ms, decay: 10 ms, reversal: -75 mV } } }
              I: { count: 20, model: lif, params: { EL: -65 mV, VT: -52 mV, Vr: -65 mV },
                   receptors: { exc: { rise: 0 ms, decay: 5 ms, reversal: 0 mV } } }
            projections:
              C_E: { from: C, to: E, connect: { rule: probability, p: 0.3 }, receptors: { exc: 3 nS }, delay: 1 ms }
              Ab_E: { from: Ab, to: E, connect: { rule: probability, p: 0.3 }, receptors: { exc: 2 nS }, delay: 1 ms }
              Ab_I: { from: Ab, to: I, connect: { rule: probability, p: 0.5 }, receptors: { exc: 4 nS }, delay: 1 ms }
              I_E: { from: I, to: E, connect: { rule: probability, p: 0.4 }, receptors: { inh: 5 nS }, delay: 2 ms }
            stimuli:
              volley: { target: [C, Ab], protocol: pulse_train, intensity: C, start: 20 ms, count: 5, frequency: 20 Hz }
              touch: { target: Ab, protocol: poisson, rate: 20 Hz, start: 100 ms }
            record: { figures: false }
            """;

    [Fact]
    public void Afferents_and_stimuli_on_the_gpu_backend_give_the_spikes_of_simd()
    {
        // fibres are stepped on the host a chunk ahead; their arrivals reach the targets in the CPU's arrival order
        WithScenario("afferents", AfferentCircuit, file =>
        {
            var simd = Runner.Run(ScenarioLoader.Load(file), new RunOptions(BackendKind.Simd));
            var gpu = Runner.Run(ScenarioLoader.Load(file), new RunOptions(BackendKind.Gpu, GpuDevice: "cpu"));
            AssertSameSpikes(simd, gpu, perPopulation: 20);
            Assert.Equal(simd.SynapticEvents, gpu.SynapticEvents);
            // fast delivery: deterministic, and close
            var fast = Runner.Run(ScenarioLoader.Load(file), new RunOptions(BackendKind.Gpu, GpuDevice: "cpu", GpuDelivery: GpuDelivery.Fast));
            for (int p = 0; p < simd.Spikes.Count; p++)
                Assert.True(Math.Abs(fast.Spikes[p].NodeIds.Length - simd.Spikes[p].NodeIds.Length) <= 0.1 * simd.Spikes[p].NodeIds.Length + 2,
                    $"{simd.Spikes[p].Population}: fast {fast.Spikes[p].NodeIds.Length}, simd {simd.Spikes[p].NodeIds.Length}");
        });
    }

    [Fact]
    public void Nmda_with_its_mg_block_potentiated_by_a_saturating_nk1_channel_gives_the_spikes_of_simd()
    {
        // two-exponential channels, the Mg²⁺ block through the same FastExp polynomial, saturation and potentiation
        // by another channel (read as it stands mid-pass), on LIF neurons driven by a C-fibre train
        WithScenario("nmda", """
                name: nmda-lif
                seed: 9
                duration: 400 ms
                populations:
                  C: { kind: afferent, fibre: C, count: 80, conduction_distance: 30 mm, velocity_jitter: 0.3 }
                  N:
                    count: 40
                    model: lif
                    params: { EL: -65 mV, VT: -50 mV, Vr: -65 mV }
                    receptors:
                      NMDA: { potentiated_by: NK1, potentiation_max: 1.0, potentiation_half: 0.1 nS }
                      NK1: { saturation: 0.6 nS }
                projections:
                  C_N: { from: C, to: N, connect: { rule: probability, p: 0.3 }, receptors: { AMPA: 1 nS, NMDA: 0.8 nS, NK1: 0.2 nS }, delay: 1 ms }
                stimuli:
                  train: { target: C, protocol: pulse_train, start: 10 ms, count: 8, frequency: 20 Hz }
                  ongoing: { target: C, protocol: poisson, rate: 5 Hz }
                record: { figures: false }
                """, file =>
        {
            var simd = Runner.Run(ScenarioLoader.Load(file), new RunOptions(BackendKind.Simd));
            var gpu = Runner.Run(ScenarioLoader.Load(file), new RunOptions(BackendKind.Gpu, GpuDevice: "cpu"));
            AssertSameSpikes(simd, gpu, perPopulation: 20);
        });
    }

    [Fact]
    public void Medlock_2022s_dorsal_horn_network_of_adex_neurons_gives_the_spikes_of_simd()
    {
        // the published laminae I-III network (AdEx cell types, 75 connection rules, natural afferent drive),
        // the first dorsal horn scenario the gpu backend runs: the first 150 ms of a 100 mN press
        string[] sets = ["duration=160ms", "stimuli.press.start=10ms", "stimuli.press.duration=150ms"];
        var simd = Run("medlock-2022.yaml", BackendKind.Simd, sets);
        var gpu = Run("medlock-2022.yaml", BackendKind.Gpu, sets);
        AssertSameSpikes(simd, gpu, perPopulation: -1, total: 300);
        Assert.Equal(simd.SynapticEvents, gpu.SynapticEvents);
    }
}
