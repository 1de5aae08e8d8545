using CircuitSim.Engine;
using CircuitSim.Model;
using CircuitSim.Recording;

namespace CircuitSim.Tests.Engine;

public class LifTests
{
    [Fact]
    public void LifMembraneFollowsAnalyticChargingCurve()
    {
        // C dv/dt = gL(EL − v) + I  ⇒  v(t) = EL + I/gL · (1 − exp(−t gL / C))
        var spec = Specs.Empty("lif-analytic", 200);
        spec.Populations.Add(Specs.Neurons("N", 1, "lif", ("C", 200), ("gL", 10), ("EL", -65), ("VT", 100), ("refractory", 0)));
        spec.Stimuli.Add(new StimulusSpec { Name = "step", Target = "N", Protocol = StimulusProtocol.Current, StartMs = 0, AmplitudePa = 150 });
        spec.Record.Traces.Add(new TraceSpec { Population = "N", Variables = { "v" }, EveryMs = 0.1 });
        var r = Runner.Run(spec, new RunOptions(BackendKind.Reference));
        var v = r.Traces[0].Values;
        double maxErr = 0;
        for (int k = 0; k < v.GetLength(0); k++)
        {
            double t = k * 0.1;
            double expected = -65 + 150.0 / 10 * (1 - Math.Exp(-t * 10 / 200));
            maxErr = Math.Max(maxErr, Math.Abs(v[k, 0] - expected));
        }
        Assert.Equal(2000, v.GetLength(0));
        Assert.True(maxErr < 1e-3, $"max error {maxErr} mV");
        Assert.Equal(-50.0, v[1999, 0], 0.02); // 200 ms = 10 τ: at EL + I/gL
    }

    [Fact]
    public void LifFiresRegularlyAtThePredictedInterval()
    {
        // From Vr = EL, time to reach VT: τ ln(I/gL / (I/gL − (VT − EL))) + refractory.
        var spec = Specs.Empty("lif-rate", 1000);
        spec.Populations.Add(Specs.Neurons("N", 1, "lif", ("C", 200), ("gL", 10), ("EL", -65), ("Vr", -65), ("VT", -50), ("refractory", 2)));
        spec.Stimuli.Add(new StimulusSpec { Name = "step", Target = "N", Protocol = StimulusProtocol.Current, AmplitudePa = 300 });
        var r = Runner.Run(spec, new RunOptions(BackendKind.Simd));
        var t = r.Spikes[0].TimesMs;
        double isi = 20 * Math.Log(30.0 / (30 - 15)) + 2; // τ = C/gL = 20 ms
        Assert.InRange(t[2] - t[1], isi - 0.15, isi + 0.15);
        Assert.InRange(t.Length, (int)(1000 / isi) - 1, (int)(1000 / isi) + 1);
    }
}
