using CircuitSim.Engine;
using CircuitSim.Model;
using CircuitSim.Recording;

namespace CircuitSim.Tests.Engine;

public class DeterminismTests
{
    private static (int[] Ids, double[] Times) AllSpikes(SimulationResult r) =>
        (r.Spikes.SelectMany(s => s.NodeIds.Select(i => i + (s.Population == "I" ? 1_000_000 : 0))).ToArray(),
         r.Spikes.SelectMany(s => s.TimesMs).ToArray());

    [Fact]
    public void CobaSpikesAreIdenticalForAnyThreadCountAndBothBackends()
    {
        var spec = Specs.Coba(4000, 300);
        var reference = Runner.Run(spec, new RunOptions(BackendKind.Reference, 1));
        var (ids, times) = AllSpikes(reference);
        Assert.True(ids.Length > 5000, $"only {ids.Length} spikes: the network did not sustain activity");
        foreach (var (backend, threads) in new[] { (BackendKind.Simd, 1), (BackendKind.Simd, 2), (BackendKind.Simd, 3), (BackendKind.Reference, 2) })
        {
            var (ids2, times2) = AllSpikes(Runner.Run(spec, new RunOptions(backend, threads)));
            Assert.Equal(ids.Length, ids2.Length);
            Assert.Equal(ids, ids2);
            Assert.Equal(times, times2);
        }
    }
}
