using CircuitSim.Engine;
using CircuitSim.Model;

namespace CircuitSim.Tests.Validation;

/// <summary>
/// V4, dorsal horn firing patterns: each firing-pattern preset of the AdEx model, under a 1 s current
/// step at 1.5× and 3× its rheobase, shows the signature by which dorsal horn neurons are classified
/// (Prescott &amp; De Koninck 2002 J Physiol 539:817; Ruscheweyh &amp; Sandkühler 2002 J Physiol
/// 541:231): spike count, first-spike latency, interspike intervals, when firing stops. Parameters
/// and their sources (Naud et al. 2008 Biol Cybern 99:335) are in AdExModel.Presets.
/// </summary>
public class FiringPatternTests
{
    private const double StepStartMs = 100, StepMs = 1000;
    /// <summary>A first spike later than this after step onset is a delayed onset (tonic at 1.5× rheobase: ≈ 26 ms).</summary>
    private const double DelayMs = 50;

    public static readonly string[] Presets = { "tonic", "delayed", "single_spike", "initial_burst", "phasic" };

    public static TheoryData<string, double> PresetsAndMultiples()
    {
        var d = new TheoryData<string, double>();
        foreach (var p in Presets) { d.Add(p, 1.5); d.Add(p, 3); }
        return d;
    }

    /// <summary>Spike times (ms from step onset) during a 1 s step of <paramref name="amplitudePa"/>.</summary>
    internal static double[] Step(string preset, double amplitudePa)
    {
        var spec = new ScenarioSpec { Name = "fp-" + preset, DurationMs = StepStartMs + StepMs + 100, DtMs = 0.1 };
        spec.Populations.Add(new PopulationSpec { Name = "N", Count = 1, Model = "adex", Preset = preset });
        spec.Stimuli.Add(new StimulusSpec
        {
            Name = "step", Target = "N", Protocol = StimulusProtocol.Current, StartMs = StepStartMs, DurationMs = StepMs, AmplitudePa = amplitudePa,
        });
        return Runner.Run(spec, new RunOptions()).Spikes[0].TimesMs
            .Select(t => t - StepStartMs).Where(t => t >= 0 && t < StepMs).ToArray();
    }

    private static readonly Dictionary<string, double> RheobaseCache = new();

    /// <summary>Smallest 1 s step (to 0.2 pA) that evokes a spike.</summary>
    internal static double Rheobase(string preset)
    {
        lock (RheobaseCache)
        {
            if (RheobaseCache.TryGetValue(preset, out var r)) return r;
            double lo = 0, hi = 300;
            Assert.NotEmpty(Step(preset, hi));
            while (hi - lo > 0.2)
            {
                double mid = (lo + hi) / 2;
                if (Step(preset, mid).Length > 0) hi = mid; else lo = mid;
            }
            return RheobaseCache[preset] = hi;
        }
    }

    private static double[] AtMultiple(string preset, double multiple) => Step(preset, multiple * Rheobase(preset));

    private static int In(double[] t, double fromMs, double toMs) => t.Count(x => x >= fromMs && x < toMs);

    /// <summary>
    /// The classifier a physiologist applies to a step response (spike times from step onset, in the step):
    /// <list type="bullet">
    /// <item>no spike: silent;</item>
    /// <item>first spike later than 50 ms: delayed (delayed onset);</item>
    /// <item>exactly one spike: single_spike;</item>
    /// <item>a burst — ≥ 2 spikes in the first 100 ms with the first ISI &lt; 20 ms (&gt; 50 Hz) — after which
    /// the neuron is silent or nearly so (≤ 3 spikes in the remaining 900 ms): initial_burst;</item>
    /// <item>several spikes and none in the last 500 ms, the discharge not being such a burst (it is slower,
    /// first ISI ≥ 20 ms, or outlasts the first 100 ms): phasic (transient firing adapting to silence);</item>
    /// <item>firing in the last 500 ms with last ISI / first ISI &lt; 2.5: tonic; with more: adapting.</item>
    /// </list>
    /// </summary>
    internal static string Classify(double[] t)
    {
        if (t.Length == 0) return "silent";
        if (t[0] > DelayMs) return "delayed";
        if (t.Length == 1) return "single_spike";
        bool burst = In(t, 0, 100) >= 2 && t[1] - t[0] < 20;
        if (burst && In(t, 100, StepMs) <= 3) return "initial_burst";
        if (In(t, StepMs - 500, StepMs) == 0) return "phasic";
        return (t[^1] - t[^2]) / (t[1] - t[0]) < 2.5 ? "tonic" : "adapting";
    }

    private static string Describe(double[] t) =>
        $"{t.Length} spikes at [{string.Join(", ", t.Take(12).Select(x => x.ToString("F1")))}{(t.Length > 12 ? ", ..." : "")}] ms";

    [Theory]
    [MemberData(nameof(PresetNames))]
    public void RheobaseAndInputResistanceOfEveryPresetAreThoseOfDorsalHornNeurons(string preset)
    {
        // superficial dorsal horn: R_in 0.7–1 GΩ in lamina I (712 ± 89 MΩ, Pain 2013 154:1333; 0.77–0.97 GΩ, Luz et al.
        // 2014), 21 mV from rest to threshold, so rheobases of tens of pA; our presets: R_in 280–500 MΩ, 15–45 pA
        Assert.InRange(Rheobase(preset), 10, 60);
        var p = CircuitSim.Neurons.NeuronModels.AdEx.Presets[preset];
        Assert.InRange(1000 / p["gL"], 250, 1000); // MΩ
    }

    public static TheoryData<string> PresetNames() => new(Presets);

    [Theory]
    [MemberData(nameof(PresetsAndMultiples))]
    public void EachPresetIsRecognisedFromItsStepResponse(string preset, double multiple)
    {
        var t = AtMultiple(preset, multiple);
        Assert.True(Classify(t) == preset, $"{preset} at {multiple}× rheobase classified {Classify(t)}: {Describe(t)}");
    }

    [Theory]
    [InlineData(1.5)]
    [InlineData(3)]
    public void TheFivePresetsAreMutuallyDistinguishable(double multiple)
    {
        var labels = Presets.Select(p => Classify(AtMultiple(p, multiple))).ToArray();
        Assert.Equal(Presets, labels);
        Assert.Equal(5, labels.Distinct().Count());
    }

    [Theory]
    [InlineData(1.5)]
    [InlineData(3)]
    public void TonicFiresThroughoutWithLittleAdaptation(double multiple)
    {
        var t = AtMultiple("tonic", multiple);
        Assert.True(t.Length >= 30, Describe(t));
        Assert.True(t[0] < 30, $"latency {t[0]:F1} ms");
        Assert.True(In(t, StepMs - 200, StepMs) >= 3, $"fires in the last 200 ms: {Describe(t)}");
        double ratio = (t[^1] - t[^2]) / (t[1] - t[0]);
        Assert.InRange(ratio, 0.8, 2.5);
    }

    [Theory]
    [InlineData(1.5)]
    [InlineData(3)]
    public void DelayedStartsLongAfterTonicThenFiresRepetitively(double multiple)
    {
        var delayed = AtMultiple("delayed", multiple);
        var tonic = AtMultiple("tonic", multiple);
        Assert.NotEmpty(delayed);
        Assert.True(delayed[0] > DelayMs && delayed[0] > 5 * tonic[0], $"latency {delayed[0]:F1} ms vs tonic {tonic[0]:F1} ms");
        Assert.True(In(delayed, StepMs - 500, StepMs) >= 5, $"repetitive firing after the delay: {Describe(delayed)}");
        Assert.True(delayed[^1] - delayed[^2] < delayed[1] - delayed[0], $"accelerates: {Describe(delayed)}");
    }

    [Theory]
    [InlineData(1.5)]
    [InlineData(2)]
    [InlineData(3)]
    public void SingleSpikeFiresOnceAtOnsetWhateverTheAmplitude(double multiple)
    {
        var t = AtMultiple("single_spike", multiple);
        Assert.True(t.Length == 1, Describe(t));
        Assert.True(t[0] < DelayMs, $"at onset: {t[0]:F1} ms");
    }

    [Theory]
    [InlineData(1.5)]
    [InlineData(3)]
    public void InitialBurstThenSilence(double multiple)
    {
        var burst = AtMultiple("initial_burst", multiple);
        var tonic = AtMultiple("tonic", multiple);
        Assert.True(In(burst, 0, 100) >= 2 && burst[1] - burst[0] < 20, $"a high-frequency burst at onset: {Describe(burst)}");
        int late = In(burst, StepMs - 500, StepMs), lateTonic = In(tonic, StepMs - 500, StepMs);
        Assert.True(late * 3 < lateTonic && late <= 2, $"last 500 ms: {late} spikes vs tonic {lateTonic}");
    }

    [Theory]
    [InlineData(1.5)]
    [InlineData(3)]
    public void PhasicFiresOnlyEarlyAndAdaptsToSilence(double multiple)
    {
        var t = AtMultiple("phasic", multiple);
        Assert.True(t.Length >= 3, $"more than a single spike: {Describe(t)}");
        Assert.True(t[0] < DelayMs, $"starts at onset: {t[0]:F1} ms");
        Assert.True(In(t, StepMs - 500, StepMs) == 0 && t[^1] < 400, $"silent after the onset discharge: {Describe(t)}");
        // Not an initial burst: the onset discharge is slower than 50 Hz or outlasts the first 100 ms.
        Assert.True(t[1] - t[0] >= 20 || In(t, 100, StepMs) > 3, Describe(t));
        Assert.True(t[^1] - t[^2] > 1.2 * (t[1] - t[0]), $"ISIs lengthen before it stops: {Describe(t)}");
    }

    [Fact]
    public void TheScenarioShowsTheFivePatterns()
    {
        var r = ScenarioRuns.Run("firing-patterns.yaml");
        foreach (var p in Presets)
        {
            // In the scenario the steps start at 100 ms and last 1 s, as here.
            var t = r.Spikes(p).TimesMs.Select(x => x - StepStartMs).Where(x => x >= 0 && x < StepMs).ToArray();
            Assert.True(Classify(t) == p, $"{p}: classified {Classify(t)}: {Describe(t)}");
        }
    }
}
