using CircuitSim.Model;
using CircuitSim.Synapses;

namespace CircuitSim.Tests.Engine;

public class ConnectivityTests
{
    private static int[] InDegrees(int[] rowStart, int[] targets, int nt)
    {
        var d = new int[nt];
        foreach (var t in targets) d[t]++;
        return d;
    }

    [Fact]
    public void FanInGivesEveryTargetExactlyNDistinctSources()
    {
        var (rs, tg) = Connectivity.Build(new ConnectSpec { Rule = ConnectRule.FanIn, N = 7 }, 50, 30, false, 1, 9);
        Assert.All(InDegrees(rs, tg, 30), d => Assert.Equal(7, d));
        for (int i = 0; i < 50; i++)
            for (int k = rs[i] + 1; k < rs[i + 1]; k++) Assert.True(tg[k] > tg[k - 1], "rows sorted, no duplicates");
    }

    [Fact]
    public void FanOutWithoutSelfGivesNDistinctOtherTargets()
    {
        var (rs, tg) = Connectivity.Build(new ConnectSpec { Rule = ConnectRule.FanOut, N = 10, AllowSelf = false }, 40, 40, true, 3, 9);
        for (int i = 0; i < 40; i++)
        {
            Assert.Equal(10, rs[i + 1] - rs[i]);
            Assert.DoesNotContain(i, tg[rs[i]..rs[i + 1]]);
            Assert.Equal(10, tg[rs[i]..rs[i + 1]].Distinct().Count());
        }
    }

    [Fact]
    public void ProbabilityRuleGivesTheExpectedCount()
    {
        var (_, tg) = Connectivity.Build(new ConnectSpec { Rule = ConnectRule.Probability, P = 0.02 }, 4000, 4000, true, 1, 9);
        double expected = 0.02 * 4000 * 4000, sd = Math.Sqrt(expected * 0.98);
        Assert.InRange(tg.Length, expected - 4 * sd, expected + 4 * sd);
    }

    [Fact]
    public void OneToOneAndAllRules()
    {
        var (rs, tg) = Connectivity.Build(new ConnectSpec { Rule = ConnectRule.OneToOne }, 5, 5, false, 1, 9);
        Assert.Equal(new[] { 0, 1, 2, 3, 4 }, tg);
        Assert.Equal(new[] { 0, 1, 2, 3, 4, 5 }, rs);
        var (_, all) = Connectivity.Build(new ConnectSpec { Rule = ConnectRule.All, AllowSelf = false }, 6, 6, true, 1, 9);
        Assert.Equal(30, all.Length);
    }
}
