using CircuitSim.Model;
using CircuitSim.Tissue;

namespace CircuitSim.Tests.Tissue;

/// <summary>Microglia agents: chemotaxis up the gradient, activation by the Hill function of the sensed field, two-phase secretion.</summary>
public class GliaAgentsTests
{
    private static GliaCellSpec Spec(int count = 20)
    {
        var s = new GliaCellSpec { Count = count, ActivationTauMs = 1000, DeactivationTauMs = 3000, ChemotaxisUmPerMs = 0.002, RandomWalkUm2PerMs = 0 };
        s.Senses.Add(new SensedField("ATP", 3, 1.5));
        return s;
    }

    [Fact]
    public void Chemotaxis_moves_every_cell_up_the_gradient_of_the_sensed_field()
    {
        var atp = new DiffusionField("ATP", 40, 55, 10, 0, double.PositiveInfinity); // frozen: a fixed gradient along x
        for (int j = 0; j < 55; j++) for (int i = 0; i < 40; i++) atp[i, j] = 0.1 * (i + 1); // some signal everywhere: speed grows with it
        var m = new GliaAgents(Spec(), 1, [atp], seed: 5, 400, 550);
        var x0 = m.X.ToArray();
        var y0 = m.Y.ToArray();
        for (int k = 0; k < 100; k++) m.Step(10);
        for (int i = 0; i < m.Count; i++)
        {
            Assert.True(m.X[i] > x0[i] || m.X[i] > 399, $"cell {i}: {x0[i]:F1} → {m.X[i]:F1} µm");
            Assert.Equal(y0[i], m.Y[i], 9); // no gradient along depth, no random walk
        }
    }

    [Fact]
    public void Activation_settles_at_the_hill_function_of_the_local_level_below_and_above_threshold()
    {
        foreach (var (level, expected) in new[] { (0.3, 0.0307), (3.0, 0.5), (30.0, 0.9693) })
        {
            var atp = new DiffusionField("ATP", 40, 55, 10, 0, double.PositiveInfinity);
            Array.Fill(atp.Values, level);
            var m = new GliaAgents(Spec(), 1, [atp], seed: 1, 400, 550);
            for (int k = 0; k < 2000; k++) m.Step(10); // 20 τ
            Assert.All(m.Activation, a => Assert.Equal(expected, a, 3)); // c^1.5 / (c^1.5 + 3^1.5)
        }
    }

    [Fact]
    public void Secretion_comes_in_an_early_phase_as_activation_rises_and_a_later_synthesis_dependent_phase()
    {
        var atp = new DiffusionField("ATP", 40, 55, 10, 0, double.PositiveInfinity);
        Array.Fill(atp.Values, 300.0); // saturating ATP from time 0
        var bdnf = new DiffusionField("BDNF", 40, 55, 10, 0, double.PositiveInfinity);
        var spec = Spec(10);
        spec.Secretes.Add(new SecretionSpec("BDNF", EarlyUm: 1, LateUm: 1, LateTauMs: 20_000));
        var m = new GliaAgents(spec, 1, [atp, bdnf], seed: 2, 400, 550);
        var rate = new List<double>();
        double last = 0;
        for (int k = 0; k < 600; k++) // 60 s in 100 ms steps
        {
            m.Step(100);
            rate.Add(bdnf.Total() - last);
            last = bdnf.Total();
        }
        int early = rate.Take(50).Select((r, i) => (r, i)).MaxBy(p => p.r).i;  // the early peak, within seconds
        double dip = rate.Skip(early).Take(150).Min();
        Assert.True(early < 10, $"early peak at step {early}");
        Assert.True(rate[^1] > 2 * dip, $"the late phase rises again: {dip:G3} → {rate[^1]:G3} per step");
        // totals: the early pool (1 µM per cell for a full rise) and the late part (~1 µM per 20 s at full synthesis)
        Assert.InRange(bdnf.Total() / 10, 1 + 1.5, 1 + 3.0);
    }

    [Fact]
    public void Time_compression_speeds_every_glial_process_by_its_factor()
    {
        double After(double compression, double ms)
        {
            var atp = new DiffusionField("ATP", 40, 55, 10, 0, double.PositiveInfinity);
            Array.Fill(atp.Values, 300.0);
            var m = new GliaAgents(Spec(1), compression, [atp], seed: 1, 400, 550);
            for (int k = 0; k < (int)(ms / 10); k++) m.Step(10);
            return m.Activation[0];
        }
        Assert.Equal(After(1, 600), After(60, 10), 9);
    }
}
