using CircuitSim.Engine;
using CircuitSim.Model;

namespace CircuitSim.Tests.Engine;

public class AdExTests
{
    /// <summary>Brette &amp; Gerstner (2005) equations integrated in double precision with RK4 at 1 µs.</summary>
    private static List<double> FineReference(double iPa, double tEndMs)
    {
        double C = 281, gL = 30, EL = -70.6, VT = -50.4, DT = 2, a = 4, tw = 144, b = 80.5, Vr = -70.6, Vp = 0;
        double v = EL, w = 0, h = 0.001;
        var spikes = new List<double>();
        (double, double) F(double vv, double ww) =>
            ((-gL * (vv - EL) + gL * DT * Math.Exp(Math.Min((vv - VT) / DT, 20)) - ww + iPa) / C, (a * (vv - EL) - ww) / tw);
        for (long k = 0; k * h < tEndMs; k++)
        {
            var (k1v, k1w) = F(v, w);
            var (k2v, k2w) = F(v + h / 2 * k1v, w + h / 2 * k1w);
            var (k3v, k3w) = F(v + h / 2 * k2v, w + h / 2 * k2w);
            var (k4v, k4w) = F(v + h * k3v, w + h * k3w);
            v += h / 6 * (k1v + 2 * k2v + 2 * k3v + k4v);
            w += h / 6 * (k1w + 2 * k2w + 2 * k3w + k4w);
            if (v >= Vp) { spikes.Add((k + 1) * h); v = Vr; w += b; }
        }
        return spikes;
    }

    [Fact]
    public void AdExSpikeTimesMatchFineStepReference()
    {
        const double I = 800, T = 500;
        var expected = FineReference(I, T);
        var spec = Specs.Empty("adex-ref", T);
        spec.Populations.Add(Specs.Neurons("N", 1, "adex"));
        spec.Stimuli.Add(new StimulusSpec { Name = "step", Target = "N", Protocol = StimulusProtocol.Current, AmplitudePa = I });
        var r = Runner.Run(spec, new RunOptions(BackendKind.Reference));
        var got = r.Spikes[0].TimesMs;
        Assert.True(expected.Count >= 8, $"reference fired {expected.Count} spikes");
        Assert.InRange(got.Length, expected.Count - 1, expected.Count + 1);
        // adaptation: the first interval is shorter than the last
        Assert.True(got[1] - got[0] < got[^1] - got[^2]);
        for (int k = 0; k < Math.Min(5, got.Length); k++)
            Assert.True(Math.Abs(got[k] - expected[k]) < 0.6, $"spike {k}: {got[k]} vs reference {expected[k]:F3} ms");
    }
}
