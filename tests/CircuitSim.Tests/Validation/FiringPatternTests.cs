using CircuitSim.Engine;
using CircuitSim.Model;

namespace CircuitSim.Tests.Validation;

/// <summary>
/// V4: each firing-pattern preset of the AdEx model, under a 1 s current step, shows the
/// signature by which dorsal horn neurons are classified (Prescott &amp; De Koninck 2002;
/// Ruscheweyh &amp; Sandkühler 2002): spike count, first-spike latency, ISIs, when firing stops.
/// </summary>
public class FiringPatternTests
{
    private const double StepStart = 200, StepMs = 1000;

    private static double[] Step(string preset, double amplitudePa)
    {
        var spec = new ScenarioSpec { Name = "fp-" + preset, DurationMs = 1400, DtMs = 0.1 };
        spec.Populations.Add(new PopulationSpec { Name = "N", Count = 1, Model = "adex", Preset = preset });
        spec.Stimuli.Add(new StimulusSpec
        {
            Name = "step", Target = "N", Protocol = StimulusProtocol.Current, StartMs = StepStart, DurationMs = StepMs, AmplitudePa = amplitudePa,
        });
        return Runner.Run(spec, new RunOptions()).Spikes[0].TimesMs.Select(t => t - StepStart).ToArray();
    }

    /// <summary>The classifier a physiologist applies to a step response.</summary>
    internal static string Classify(double[] t)
    {
        if (t.Length == 0) return "silent";
        if (t.Length == 1) return "single_spike";
        bool firesLate = t.Any(x => x > StepMs - 500 && x < StepMs);
        if (!firesLate) return "phasic";
        if (t[0] > 50) return "delayed";
        double firstIsi = t[1] - t[0], lastIsi = t[^1] - t[^2];
        if (firstIsi < 20 && lastIsi > 3 * firstIsi) return "initial_burst";
        return "tonic";
    }

    [Theory]
    [InlineData("tonic", 500)]
    [InlineData("delayed", 200)]
    [InlineData("single_spike", 400)]
    [InlineData("initial_burst", 400)]
    [InlineData("phasic", 300)]
    public void EachPresetIsRecognisedFromItsStepResponse(string preset, double amplitudePa) =>
        Assert.Equal(preset, Classify(Step(preset, amplitudePa)));

    [Fact]
    public void TonicFiresThroughoutWithLittleAdaptation()
    {
        var t = Step("tonic", 500);
        Assert.InRange(t.Length, 60, 150);
        Assert.True(t[^1] > StepMs - 50, $"last spike at {t[^1]} ms");
        Assert.True((t[^1] - t[^2]) / (t[1] - t[0]) < 2.5, "adaptation ratio");
    }

    [Fact]
    public void DelayedStartsLongAfterTonicThenFiresRepetitively()
    {
        var delayed = Step("delayed", 200);
        var tonic = Step("tonic", 500);
        Assert.True(delayed[0] > 50 && delayed[0] > 5 * tonic[0], $"latency {delayed[0]} ms vs tonic {tonic[0]} ms");
        Assert.True(delayed.Length >= 10);
        Assert.True(delayed[1] - delayed[0] > delayed[^1] - delayed[^2], "accelerates");
    }

    [Theory]
    [InlineData(200)]
    [InlineData(400)]
    [InlineData(800)]
    public void SingleSpikeFiresOnceWhateverTheAmplitude(double amplitudePa)
    {
        var t = Step("single_spike", amplitudePa);
        Assert.Single(t);
        Assert.True(t[0] < 50, $"at onset: {t[0]} ms");
    }

    [Fact]
    public void InitialBurstThenSparseFiring()
    {
        var burst = Step("initial_burst", 400);
        var tonic = Step("tonic", 500);
        Assert.True(burst.Count(x => x < 100) >= 2 && burst[1] - burst[0] < 20, "a high-frequency burst at onset");
        int lateBurst = burst.Count(x => x > StepMs - 500 && x < StepMs), lateTonic = tonic.Count(x => x > StepMs - 500 && x < StepMs);
        Assert.True(lateBurst < lateTonic / 3, $"late firing {lateBurst} vs tonic {lateTonic}");
    }

    [Fact]
    public void PhasicFiresOnlyAtOnset()
    {
        var t = Step("phasic", 300);
        Assert.InRange(t.Length, 2, 8);
        Assert.True(t[^1] < 100, $"last spike at {t[^1]} ms");
    }
}
