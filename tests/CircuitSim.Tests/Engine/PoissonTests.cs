using CircuitSim.Random;
using CircuitSim.Engine;
using CircuitSim.Model;

namespace CircuitSim.Tests.Engine;

public class PoissonTests
{
    [Fact]
    public void PoissonFibresHaveTheRateAndIrregularityOfAPoissonProcess()
    {
        var spec = Specs.Empty("poisson", 10_000);
        spec.Populations.Add(new PopulationSpec { Name = "C", Kind = PopulationKind.Afferent, Count = 500, Fibre = FibreClass.C });
        spec.Stimuli.Add(new StimulusSpec { Name = "bg", Target = "C", Protocol = StimulusProtocol.Poisson, RateHz = 20 });
        var r = Runner.Run(spec, new RunOptions());
        var s = r.Spikes[0];
        var counts = new double[500];
        foreach (var id in s.NodeIds) counts[id]++;
        double mean = counts.Average();
        double var = counts.Select(c => (c - mean) * (c - mean)).Sum() / (counts.Length - 1);
        // 1 ms axonal refractoriness lowers the rate to λ/(1+λ·1 ms) = 19.6 Hz and the Fano factor to ~0.96
        Assert.InRange(mean / 10.0, 19.0, 20.2);
        Assert.InRange(var / mean, 0.8, 1.15);
        Assert.InRange(r.Metrics[0].CvIsi, 0.93, 1.02);
    }

    [Fact]
    public void PoissonSpikesDoNotDependOnThreadCount()
    {
        var spec = Specs.Empty("poisson-threads", 1000);
        spec.Populations.Add(new PopulationSpec { Name = "C", Kind = PopulationKind.Afferent, Count = 100, Fibre = FibreClass.C });
        spec.Stimuli.Add(new StimulusSpec { Name = "bg", Target = "C", Protocol = StimulusProtocol.Poisson, RateHz = 50 });
        var a = Runner.Run(spec, new RunOptions(BackendKind.Simd, 1)).Spikes[0];
        var b = Runner.Run(spec, new RunOptions(BackendKind.Simd, 3)).Spikes[0];
        Assert.Equal(a.NodeIds, b.NodeIds);
        Assert.Equal(a.TimesMs, b.TimesMs);
        var other = Specs.Empty("poisson-seed", 1000, seed: 2);
        other.Populations.AddRange(spec.Populations);
        other.Stimuli.AddRange(spec.Stimuli);
        Assert.NotEqual(a.NodeIds, Runner.Run(other, new RunOptions()).Spikes[0].NodeIds);
    }

    [Fact]
    public void OneStimulusOnTwoPopulationsDrawsIndependentSpikes()
    {
        // regression: the random stream of a stimulus once ignored its target, so two identical
        // populations driven by one stimulus fired identical spike trains
        var spec = Specs.Empty("two-targets", 2000);
        foreach (var name in new[] { "C1", "C2" })
            spec.Populations.Add(new PopulationSpec { Name = name, Kind = PopulationKind.Afferent, Count = 50, Fibre = FibreClass.C });
        var st = new StimulusSpec
        {
            Name = "heat", Target = "C1", Protocol = StimulusProtocol.Natural, Modality = NaturalModality.Heat,
            TemperatureC = 50, StartMs = 100, DurationMs = 1500,
        };
        st.Targets.AddRange(new[] { "C1", "C2" });
        spec.Stimuli.Add(st);
        var r = Runner.Run(spec, new RunOptions());
        Assert.True(r.Spikes[0].NodeIds.Length > 100);
        Assert.NotEqual(r.Spikes[0].TimesMs, r.Spikes[1].TimesMs);
    }

    [Fact]
    public void StimulusStreamsNeverShareAPurposeWithConnectivityStreams()
    {
        // regression: Poisson streams were 1000 + stimulus·256 + population, so stimulus 252 on
        // population 36 drew from the connectivity stream of projection 12 (65536 + 12)
        var stimulusStreams = new HashSet<uint>();
        for (int k = 0; k < 300; k++)
            for (int p = 0; p < 40; p++)
                stimulusStreams.Add(RngPurpose.ForStimulus(RngPurpose.Poisson, k, p));
        for (uint kind = RngPurpose.Connect; kind <= RngPurpose.Poisson; kind++)
            for (int i = 0; i < 2000; i++)
            {
                Assert.DoesNotContain(RngPurpose.ForProjection(kind, i), stimulusStreams);
                Assert.DoesNotContain(RngPurpose.ForPopulation(kind, i), stimulusStreams);
            }
        Assert.NotEqual(RngPurpose.ForStimulus(RngPurpose.Poisson, 1, 2), RngPurpose.ForStimulus(RngPurpose.Natural, 1, 2));
    }

    [Fact]
    public void Ectopic_firing_resumes_after_its_rate_is_set_to_zero_and_back()
    {
        // regression guard for the waiting-time scheduler: a rate switched off and on again at the
        // same value must reschedule every fibre, not keep waiting for firing steps already past
        using var f = new CircuitSim.Tests.Scenarios.ScenarioTestFiles();
        var spec = f.Load("ectopic.yaml", """
            name: ectopic-on-off
            duration: 6 s
            populations:
              C: { kind: afferent, fibre: C, count: 200, ectopic_rate: 10 Hz }
            interventions:
              off: { at: 2 s, set: { populations.C.ectopic_rate: 0 Hz } }
              on: { at: 4 s, set: { populations.C.ectopic_rate: 10 Hz } }
            """);
        var t = Runner.Run(spec, new RunOptions()).Spikes[0].TimesMs;
        double Rate(double a, double b) => t.Count(x => x >= a && x < b) / 200.0 / ((b - a) / 1000);
        Assert.InRange(Rate(0, 2000), 9, 11);
        Assert.Equal(0, Rate(2100, 4000));
        Assert.InRange(Rate(4000, 6000), 9, 11);
    }
}
