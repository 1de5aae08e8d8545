using CircuitSim.Engine;
using CircuitSim.Model;
using CircuitSim.Tests.Scenarios;

namespace CircuitSim.Tests.Stimuli;

/// <summary>Spinal cord stimulation of dorsal column fibres: recruitment by amplitude and width, following by frequency.</summary>
public class ScsTests
{
    private const string Circuit =
        """
        name: scs
        duration: 2 s
        populations:
          DC: { kind: afferent, fibre: Abeta, count: 400 }
          N: { kind: neuron, model: adex, preset: tonic, count: 2 }
        projections:
          DC_N: { from: DC, to: N, connect: { rule: fan_in, n: 5 }, receptors: { AMPA: 0.1 nS } }
        stimuli:
          scs: { target: DC, protocol: scs, frequency: 50 Hz, amplitude: 0.6, start: 0 s, duration: 1 s }
        """;

    private static (int Fibres, double PerFibreHz) Run(params string[] sets)
    {
        using var f = new ScenarioTestFiles();
        var r = Runner.Run(f.Load("s.yaml", Circuit, sets), new RunOptions(BackendKind.Simd, 1));
        var dc = r.Spikes.Single(s => s.Population == "DC");
        int fibres = dc.NodeIds.Distinct().Count();
        return (fibres, fibres > 0 ? dc.NodeIds.Length / (double)fibres : 0);
    }

    [Fact]
    public void At_the_median_threshold_half_the_fibres_are_recruited_and_follow_50_hz_one_for_one()
    {
        var (fibres, perFibre) = Run();
        Assert.InRange(fibres, 160, 240);        // log-normal thresholds around 0.6 of motor threshold: half of 400
        Assert.Equal(50, perFibre, 6);            // 50 pulses in 1 s, every one followed
    }

    [Fact]
    public void Shorter_pulses_recruit_fewer_fibres_by_the_strength_duration_curve()
    {
        var (wide, _) = Run("stimuli.scs.width=0.5ms");
        var (narrow, _) = Run("stimuli.scs.width=0.03ms");
        // at 30 µs the threshold is (1 + 0.2/0.03)/(1 + 1) = 3.8 times that at 0.2 ms: at 0.6 MT almost nobody fires
        Assert.True(wide > 250, $"{wide} fibres at 0.5 ms");
        Assert.True(narrow < 5, $"{narrow} fibres at 30 µs");
    }

    [Fact]
    public void A_kilohertz_train_is_followed_sparsely_not_one_for_one()
    {
        var (_, perFibre) = Run("stimuli.scs.frequency=1000Hz");
        // 1000 pulses: the absolute (1 ms) and relative (2 ms) refractoriness let a fibre take about one in three
        Assert.InRange(perFibre, 150, 500);
    }

    [Fact]
    public void Burst_mode_gives_bursts_of_five_at_500_hz_forty_times_a_second()
    {
        var (_, perFibre) = Run("stimuli.scs.frequency=40Hz", "stimuli.scs.mode=burst");
        // 40 bursts × 5 pulses 2 ms apart: the first of each burst is always followed; a later one 2 ms after a spike
        // with probability 1 − e^(−(2 − 1)/2) = 0.39, so about 1 + 4 × (0.4 to 0.6) spikes per burst
        Assert.InRange(perFibre, 40 * 2.5, 40 * 4.0);
    }

    [Theory]
    [InlineData("stimuli.scs.target=N", "dorsal column fibres")]
    [InlineData("stimuli.scs.burst_count=3", "shape mode: burst")]
    [InlineData("stimuli.scs.amplitude=null", "amplitude")]
    public void Bad_scs_settings_are_refused(string set, string message)
    {
        using var f = new ScenarioTestFiles();
        Assert.Contains(f.Errors("s.yaml", Circuit, set), e => e.Message.Contains(message) || e.KeyPath.Contains(message));
    }

    private const string Nerve =
        """
        name: tens
        duration: 1 s
        populations:
          Ab: { kind: afferent, fibre: Abeta, count: 200 }
          Ad: { kind: afferent, fibre: Adelta, count: 200 }
          C: { kind: afferent, fibre: C, count: 200 }
          N: { kind: neuron, model: adex, preset: tonic, count: 2 }
        projections:
          Ab_N: { from: Ab, to: N, connect: { rule: fan_in, n: 5 }, receptors: { AMPA: 0.1 nS } }
        stimuli:
          tens: { target: [Ab, Ad, C], protocol: tens, frequency: 10 Hz, width: 0.1 ms, intensity: 2, start: 0 s }
        """;

    private static (int Ab, int Ad, int C) Fibres(params string[] sets)
    {
        using var f = new ScenarioTestFiles();
        var r = Runner.Run(f.Load("t.yaml", Nerve, sets), new RunOptions(BackendKind.Simd, 1));
        int N(string p) => r.Spikes.Single(s => s.Population == p).NodeIds.Distinct().Count();
        return (N("Ab"), N("Ad"), N("C"));
    }

    [Fact]
    public void Short_tens_pulses_recruit_abeta_fibres_selectively_and_stronger_wider_ones_reach_adelta()
    {
        var (ab, ad, c) = Fibres();
        Assert.True(ab > 150 && ad == 0 && c == 0, $"0.1 ms at 2x: Abeta {ab}, Adelta {ad}, C {c}");
        var (ab2, ad2, c2) = Fibres("stimuli.tens.width=0.2ms", "stimuli.tens.intensity=12");
        Assert.True(ab2 == 200 && ad2 > 40 && ad2 < 200 && c2 == 0, $"0.2 ms at 12x: Abeta {ab2}, Adelta {ad2}, C {c2}");
    }

    [Fact]
    public void A_drg_pulse_reaches_the_cord_after_the_root_only()
    {
        // 150 mm at 40 m/s: 3.75 ms from the periphery; the 20 mm root: 0.5 ms from the ganglion
        const string yaml = """
            name: drg
            duration: 300 ms
            populations:
              Ab: { kind: afferent, fibre: Abeta, count: 10, conduction_distance: 150 mm, velocity: 40 m/s, velocity_jitter: 0, root_length: 20 mm }
              N: { kind: neuron, model: adex, preset: tonic, count: 10 }
            projections:
              Ab_N: { from: Ab, to: N, connect: { rule: one_to_one }, receptors: { AMPA: 40 nS } }
            stimuli:
              skin: { target: Ab, protocol: pulse_train, intensity: 3, start: 50 ms, count: 1 }
              ganglion: { target: Ab, protocol: drg, frequency: 10 Hz, intensity: 3, start: 150 ms, duration: 1 ms }
            """;
        using var f = new ScenarioTestFiles();
        var r = Runner.Run(f.Load("d.yaml", yaml), new RunOptions(BackendKind.Simd, 1));
        var n = r.Spikes.Single(s => s.Population == "N").TimesMs;
        double fromSkin = n.Where(t => t >= 50 && t < 150).Min() - 50, fromGanglion = n.Where(t => t >= 150).Min() - 150;
        Assert.InRange(fromSkin - fromGanglion, 3.25 - 0.25, 3.25 + 0.25);
        // a DRG stimulus on fibres without a root length is refused
        var errors = f.Errors("e.yaml", yaml.Replace(", root_length: 20 mm", ""));
        Assert.Contains(errors, e => e.Message.Contains("root_length"));
    }
}
