using CircuitSim.Metrics;
using CircuitSim.Output;
using CircuitSim.Recording;

namespace CircuitSim.Tests.Output;

public class MetricsCalculatorTests
{
    static PopulationSpikes FromTrains(string name, int size, IEnumerable<(int Id, double T)> spikes)
    {
        var sorted = spikes.OrderBy(s => s.T).ThenBy(s => s.Id).ToArray();
        return new PopulationSpikes
        {
            Population = name, Size = size,
            NodeIds = sorted.Select(s => s.Id).ToArray(),
            TimesMs = sorted.Select(s => s.T).ToArray(),
        };
    }

    [Fact]
    public void RegularTrainsHaveCvZeroAndKnownRates()
    {
        // 10 neurons, neuron i fires every (10 + i) ms from t = i over 1 s: interleaved in time.
        var spikes = new List<(int, double)>();
        for (int i = 0; i < 10; i++)
            for (double t = i; t < 1000; t += 10 + i) spikes.Add((i, t));
        var p = FromTrains("R", 10, spikes);

        var m = Assert.Single(MetricsCalculator.Compute([p], 1000));
        Assert.Equal("R", m.Population);
        Assert.Equal(10, m.Size);
        Assert.Equal(spikes.Count, m.SpikeCount);
        Assert.Equal(spikes.Count / 10.0 / 1.0, m.MeanRateHz, 12);
        Assert.Equal(0.0, m.CvIsi, 9);
    }

    [Fact]
    public void RateCountsSilentNeurons()
    {
        // 2 of 4 neurons fire at 100 Hz for 0.5 s: population rate 50 Hz.
        var spikes = new List<(int, double)>();
        foreach (int id in new[] { 0, 3 })
            for (int k = 0; k < 50; k++) spikes.Add((id, k * 10.0));
        var m = MetricsCalculator.Compute([FromTrains("H", 4, spikes)], 500)[0];
        Assert.Equal(100, m.SpikeCount);
        Assert.Equal(50.0, m.MeanRateHz, 12);
    }

    [Fact]
    public void PoissonTrainsHaveCvNearOne()
    {
        var rng = new System.Random(1234);
        var spikes = new List<(int, double)>();
        const double rateHz = 20, durationMs = 20_000;
        for (int i = 0; i < 50; i++)
            for (double t = 0; ;)
            {
                t += -Math.Log(1 - rng.NextDouble()) * 1000 / rateHz;
                if (t >= durationMs) break;
                spikes.Add((i, t));
            }
        var m = MetricsCalculator.Compute([FromTrains("P", 50, spikes)], durationMs)[0];
        Assert.InRange(m.MeanRateHz, 18.5, 21.5);
        Assert.InRange(m.CvIsi, 0.93, 1.07);
    }

    [Fact]
    public void CvIsMeanOfPerNeuronCvsNotPooled()
    {
        // Neuron 0: ISIs 1, 3 → mean 2, sd 1, CV 0.5. Neuron 1: ISIs 10, 10 → CV 0. Mean = 0.25.
        // (Pooling all four ISIs would give CV ≈ 0.77.) Neuron 2 has 2 spikes and is left out.
        var p = FromTrains("M", 3, [(0, 0), (0, 1), (0, 4), (1, 0), (1, 10), (1, 20), (2, 5), (2, 6)]);
        Assert.Equal(0.25, MetricsCalculator.Compute([p], 100)[0].CvIsi, 12);
    }

    [Fact]
    public void CvIsNaNWhenNoNeuronHasThreeSpikes()
    {
        var p = FromTrains("F", 3, [(0, 1), (0, 2), (1, 3), (2, 4)]);
        var m = MetricsCalculator.Compute([p], 10)[0];
        Assert.True(double.IsNaN(m.CvIsi));
        var empty = MetricsCalculator.Compute([FromTrains("E", 3, [])], 10)[0];
        Assert.Equal(0, empty.SpikeCount);
        Assert.Equal(0.0, empty.MeanRateHz);
        Assert.True(double.IsNaN(empty.CvIsi));
    }
}
