using CircuitSim.Engine;
using CircuitSim.Model;

namespace CircuitSim.Tests.Engine;

/// <summary>The plateau machinery of deep dorsal horn neurons (adex_can): calcium, the CAN gate and its slow memory.</summary>
public class AdExCanTests
{
    /// <summary>One adex_can neuron given 16 current pulses (100 ms, 150 pA) at <paramref name="hz"/>.</summary>
    private static (double[] SpikesPerPulse, double MBeforeLast, double CaPeak, double VBeforeLast) Run(double hz, double gCan = 0.9)
    {
        double period = 1000 / hz;
        var spec = Specs.Empty("can", 16 * period + 200);
        var n = Specs.Neurons("N", 1, "adex_can", ("C", 67.5), ("gL", 4.5), ("EL", -65), ("VT", -50), ("Vr", -60), ("a", 0), ("b", 0),
            ("refractory", 2), ("gCAN", gCan));
        spec.Populations.Add(n);
        for (int k = 0; k < 16; k++)
            spec.Stimuli.Add(new StimulusSpec { Name = $"p{k}", Target = "N", Protocol = StimulusProtocol.Current, StartMs = 100 + k * period, DurationMs = 100, AmplitudePa = 150 });
        spec.Record.Traces.Add(new TraceSpec { Population = "N", Variables = { "m_CAN", "ca", "v" }, EveryMs = 1 });
        var r = Runner.Run(spec, new RunOptions());
        var t = r.Spikes[0].TimesMs;
        var per = Enumerable.Range(0, 16).Select(k => (double)t.Count(x => x >= 100 + k * period && x < 100 + k * period + period)).ToArray();
        var m = r.Traces.Single(x => x.Variable == "m_CAN").Values;
        var ca = r.Traces.Single(x => x.Variable == "ca").Values;
        double maxCa = 0;
        for (int k = 0; k < ca.GetLength(0); k++) maxCa = Math.Max(maxCa, ca[k, 0]);
        var v = r.Traces.Single(x => x.Variable == "v").Values;
        return (per, m[(int)(100 + 15 * period) - 1, 0], maxCa, v[(int)(100 + 15 * period) - 1, 0]);
    }

    [Fact]
    public void The_can_gate_builds_up_at_one_hertz_but_not_at_one_tenth_hertz()
    {
        var fast = Run(1);
        var slow = Run(0.1);
        // each burst's spikes bring Ca²⁺ in (micromolar transients, Aguiar et al. 2010: ~2 µM); the gate, closing over
        // ~4 s at rest, keeps part of it from burst to burst at 1 Hz only
        Assert.InRange(fast.CaPeak, 1, 20);
        Assert.True(fast.MBeforeLast > 0.2, $"m_CAN before the last pulse at 1 Hz: {fast.MBeforeLast:F3}");
        Assert.True(slow.MBeforeLast < 0.05, $"at 0.1 Hz: {slow.MBeforeLast:F3}");
        // the open CAN channels depolarise the cell between bursts (m² · 0.9 nS · 60 mV: a few pA, about 1 mV here;
        // the segment's conductance of Aguiar et al. is small, so in the circuit the plateau adds to NK1 and NMDA)
        var none = Run(1, gCan: 0);
        double lift = fast.VBeforeLast - none.VBeforeLast;
        Assert.InRange(lift, 0.3, 5);
        Assert.Equal(none.SpikesPerPulse[0], none.SpikesPerPulse[15]);
    }
}
