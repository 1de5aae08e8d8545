using CircuitSim.Engine;
using CircuitSim.Model;
using CircuitSim.Recording;

namespace CircuitSim.Tests.Engine;

/// <summary>The spike record kept in chunks: steps past 2³¹ and records longer than one chunk.</summary>
public class SpikeRecorderTests
{
    private static (Network Net, SpikeRecorder Rec, StepSpikes E) Recording()
    {
        var net = NetworkBuilder.Build(Specs.Coba(100, 10));
        _ = new Simulation(net, BackendKind.Simd, 1); // assigns the spike buffers
        var rec = new SpikeRecorder(net, new[] { "E" });
        rec.OnStart(net);
        return (net, rec, net.Population("E").Spikes);
    }

    [Fact]
    public void Spike_times_past_two_to_the_31_steps_do_not_overflow()
    {
        // regression: the recorder stored steps as int, so a run past 2³¹ steps (60 h at 0.1 ms) wrapped negative
        var (net, rec, e) = Recording();
        long step = 3_000_000_000L;
        e.Segments[0][0] = 7;
        e.Counts[0] = 1;
        rec.OnStep(net, step);
        var p = rec.Result(0.1).Single();
        Assert.Equal(new[] { 7 }, p.NodeIds);
        Assert.Equal(300_000_000.0, p.TimesMs[0]);
    }

    [Fact]
    public void A_record_longer_than_one_chunk_keeps_every_spike_and_its_step()
    {
        var (net, rec, e) = Recording();
        // 70 000 steps with spikes (more than a 65 536-entry chunk of steps) and 3 ids each (ids cross chunks too)
        for (long t = 0; t < 70_000; t++)
        {
            e.Segments[0][0] = 1; e.Segments[0][1] = 2; e.Segments[0][2] = (int)(t % 50) + 3;
            e.Counts[0] = 3;
            rec.OnStep(net, 2 * t);
        }
        e.Counts[0] = 0;
        rec.OnStep(net, 140_001); // no spikes: no entry
        var p = rec.Result(0.1).Single();
        Assert.Equal(210_000, p.NodeIds.Length);
        for (int k = 0; k < 70_000; k += 9_999)
        {
            Assert.Equal(new[] { 1, 2, k % 50 + 3 }, p.NodeIds.Skip(3 * k).Take(3));
            Assert.All(p.TimesMs.Skip(3 * k).Take(3), x => Assert.Equal(StepTime.Ms(2L * k, 0.1), x));
        }
        Assert.Equal(StepTime.Ms(139_998, 0.1), p.TimesMs[^1]);
    }
}
