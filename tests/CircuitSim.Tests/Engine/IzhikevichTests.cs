using CircuitSim.Engine;
using CircuitSim.Model;

namespace CircuitSim.Tests.Engine;

public class IzhikevichTests
{
    /// <summary>Izhikevich (2003) regular spiking (a 0.02, b 0.2, c −65, d 8) at I = 10, forward Euler at 1 µs in double.</summary>
    private static List<double> FineReference(double input, double tEndMs)
    {
        double v = -65, u = 0.2 * -65, h = 0.001;
        var spikes = new List<double>();
        for (long k = 0; k * h < tEndMs; k++)
        {
            double dv = 0.04 * v * v + 5 * v + 140 - u + input, du = 0.02 * (0.2 * v - u);
            v += h * dv;
            u += h * du;
            if (v >= 30) { spikes.Add((k + 1) * h); v = -65; u += 8; }
        }
        return spikes;
    }

    [Fact]
    public void RegularSpikingMatchesAFineStepReferenceAndBackendsAgree()
    {
        var expected = FineReference(10, 1000);
        var spec = Specs.Empty("izh", 1000);
        spec.Populations.Add(Specs.Neurons("N", 1, "izhikevich"));
        // C = 100 pF: 1000 pA is the paper's I = 10 (mV/ms)
        spec.Stimuli.Add(new StimulusSpec { Name = "step", Target = "N", Protocol = StimulusProtocol.Current, AmplitudePa = 1000 });
        var simd = Runner.Run(spec, new RunOptions(BackendKind.Simd)).Spikes[0].TimesMs;
        var reference = Runner.Run(spec, new RunOptions(BackendKind.Reference)).Spikes[0].TimesMs;
        Assert.Equal(reference, simd);
        Assert.True(expected.Count >= 10, $"reference fired {expected.Count}");
        Assert.InRange(simd.Length, (int)(expected.Count * 0.9), (int)Math.Ceiling(expected.Count * 1.1));
        Assert.True(Math.Abs(simd[0] - expected[0]) < 1.0, $"first spike {simd[0]} vs {expected[0]:F2} ms");
        // regular spiking adapts: the first interval is the shortest
        Assert.True(simd[1] - simd[0] < simd[^1] - simd[^2]);
    }
}
