using CircuitSim.Metrics;
using CircuitSim.Model;
using CircuitSim.Recording;

namespace CircuitSim.Tests.Engine;

public class WindupMetricTests
{
    private static readonly Dictionary<FibreClass, (double, double)> Arrivals = new()
    {
        [FibreClass.Abeta] = (3.5, 4.5), [FibreClass.Adelta] = (11, 20), [FibreClass.C] = (101, 160),
    };

    private static PopulationSpikes Spikes(params double[] times) =>
        new() { Population = "WDR", Size = 1, NodeIds = new int[times.Length], TimesMs = times };

    [Fact]
    public void Windows_follow_the_fibre_latencies_and_stop_at_the_next_pulse()
    {
        var w = WindupMetric.Windows(Arrivals, 500, 50);
        Assert.Equal(new[] { "Abeta", "Adelta", "C", "after_discharge" }, w.Select(x => x.Name));
        Assert.Equal((3.5, 11.0), (w[0].StartMs, w[0].EndMs));   // Aβ to the first Aδ arrival
        Assert.Equal((11.0, 70.0), (w[1].StartMs, w[1].EndMs));  // last Aδ + 50 ms tail
        Assert.Equal((101.0, 210.0), (w[2].StartMs, w[2].EndMs)); // last C + 50 ms
        Assert.Equal((210.0, 500.0), (w[3].StartMs, w[3].EndMs));
        // at 10 Hz the C window is cut at the next pulse and no after-discharge window remains
        var fast = WindupMetric.Windows(Arrivals, 100, 50);
        Assert.Equal(100, fast.Max(x => x.EndMs));
        Assert.DoesNotContain(fast, x => x.Name == "C");
    }

    [Fact]
    public void Spikes_are_counted_per_class_window_and_per_pulse()
    {
        var stim = new StimulusSpec { Name = "t", Target = "C", Protocol = StimulusProtocol.PulseTrain, StartMs = 1000, Count = 3, FrequencyHz = 2 };
        var m = new WindupMetricSpec { Population = "WDR", Stimulus = "t" };
        // pulse 1: Aβ 4 ms, C 120 ms; pulse 2: C 150 and 200 ms, after-discharge 300 ms; pulse 3: C 130 ms
        var r = WindupMetric.Compute("w", m, stim, Spikes(1004, 1120, 1650, 1700, 1800, 2130), Arrivals, 3000);
        Assert.Equal(new double[] { 1, 2, 1 }, r.SpikesPerStimulus);
        Assert.Equal(new double[] { 1, 0, 0 }, r.ByWindow["Abeta"]);
        Assert.Equal(new double[] { 0, 1, 0 }, r.ByWindow["after_discharge"]);
        Assert.Equal((101.0, 210.0), (r.WindowStartMs, r.WindowEndMs));
        Assert.Equal((4 - 3) / 3.0, r.WindupIndex, 9);
        Assert.Equal(3, r.PulsesDelivered);
    }

    [Fact]
    public void An_interrupted_run_counts_only_the_pulses_it_delivered()
    {
        // regression: the metric counted every pulse of the train, so pulses after the interruption counted as 0 spikes
        var stim = new StimulusSpec { Name = "t", Target = "C", Protocol = StimulusProtocol.PulseTrain, StartMs = 1000, Count = 16, FrequencyHz = 1 };
        var m = new WindupMetricSpec { Population = "WDR", Stimulus = "t" };
        var r = WindupMetric.Compute("w", m, stim, Spikes(1120, 2120, 3120, 4120), Arrivals, 4600);
        Assert.Equal(3, r.PulsesDelivered); // the 4th pulse's windows run to 5000 ms, past the end
        Assert.Equal(new double[] { 1, 1, 1 }, r.SpikesPerStimulus);
        Assert.Equal(0, r.WindupIndex);
        Assert.Contains(r.Warnings, w => w.Contains("3 of 16"));
    }

    [Fact]
    public void An_explicit_window_past_the_next_pulse_is_clipped_with_a_warning()
    {
        var stim = new StimulusSpec { Name = "t", Target = "C", Protocol = StimulusProtocol.PulseTrain, StartMs = 0, Count = 4, FrequencyHz = 2 };
        var m = new WindupMetricSpec { Population = "WDR", Stimulus = "t", WindowStartMs = 150, WindowEndMs = 600 };
        // a spike 550 ms after pulse 1 is 50 ms after pulse 2: it must count for neither pulse's window
        var r = WindupMetric.Compute("w", m, stim, Spikes(200, 550), Arrivals, 5000);
        Assert.Equal((150.0, 500.0), (r.WindowStartMs, r.WindowEndMs));
        Assert.Equal(new double[] { 1, 0, 0, 0 }, r.SpikesPerStimulus);
        Assert.Contains(r.Warnings, w => w.Contains("past the next pulse"));
    }
}
