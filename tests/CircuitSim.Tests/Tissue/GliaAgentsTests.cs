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

    private static DiffusionField Flat(string name, double level)
    {
        var f = new DiffusionField(name, 40, 55, 10, 0, double.PositiveInfinity);
        Array.Fill(f.Values, level);
        return f;
    }

    [Fact]
    public void Two_sensed_signals_activate_as_independent_receptors_and_a_receptor_block_removes_its_share()
    {
        var spec = new GliaCellSpec { Count = 5, ActivationTauMs = 100, DeactivationTauMs = 100 };
        spec.Senses.Add(new SensedField("CSF1", 1, 1));
        spec.Senses.Add(new SensedField("ATP", 3, 1, Receptor: "P2X4"));
        var m = new GliaAgents(spec, 1, [Flat("CSF1", 1), Flat("ATP", 3)], seed: 1, 400, 550);
        for (int k = 0; k < 300; k++) m.Step(10);
        Assert.All(m.Activation, a => Assert.Equal(1 - 0.5 * 0.5, a, 6)); // 1 − (1 − ½)(1 − ½)
        m.SenseAvailability[1] = 0.2; // 80 % of P2X4 blocked: h_ATP = 0.2 · ½
        for (int k = 0; k < 300; k++) m.Step(10);
        Assert.All(m.Activation, a => Assert.Equal(1 - 0.5 * 0.9, a, 6));
        m.Inhibition = 0.8; // an inhibitor of the cells (minocycline) leaves a fifth
        for (int k = 0; k < 300; k++) m.Step(10);
        Assert.All(m.Activation, a => Assert.Equal(0.2 * (1 - 0.5 * 0.9), a, 6));
    }

    [Fact]
    public void A_secretion_that_requires_a_receptor_stops_without_its_stimulus_though_the_cells_stay_active()
    {
        var spec = new GliaCellSpec { Count = 4, ActivationTauMs = 100, DeactivationTauMs = 1e9 };
        spec.Senses.Add(new SensedField("CSF1", 1, 1));
        spec.Senses.Add(new SensedField("ATP", 3, 1));
        spec.Secretes.Add(new SecretionSpec("BDNF", EarlyUm: 1, LateUm: 1, LateTauMs: 1000, Requires: "ATP"));
        spec.Secretes.Add(new SecretionSpec("TNFa", EarlyUm: 0, LateUm: 1, LateTauMs: 1000));
        var bdnf = Flat("BDNF", 0);
        var tnf = Flat("TNFa", 0);
        var m = new GliaAgents(spec, 1, [Flat("CSF1", 1000), Flat("ATP", 0), bdnf, tnf], seed: 1, 400, 550);
        for (int k = 0; k < 500; k++) m.Step(10);
        Assert.All(m.Activation, a => Assert.True(a > 0.99));
        Assert.Equal(0, bdnf.Total()); // CSF1 activates, but without ATP on P2X4 no BDNF
        Assert.True(tnf.Total() > 4 * 0.5, $"TNFa follows activation alone: {tnf.Total():G3}");
    }

    [Fact]
    public void A_cell_with_reach_senses_the_mean_over_its_territory()
    {
        var spec = new GliaCellSpec { Count = 1, ActivationTauMs = 1, DeactivationTauMs = 1, ReachUm = 10, RandomWalkUm2PerMs = 0 };
        spec.Senses.Add(new SensedField("ATP", 1, 1));
        var atp = Flat("ATP", 0);
        var m = new GliaAgents(spec, 1, [atp], seed: 3, 400, 550);
        m.X[0] = 205; // grid cell (20, 27), inside the slab
        m.Y[0] = 275;
        atp[21, 27] = 5; // a neighbour, not the cell's own grid cell: 5 cells within 10 µm (itself and 4 neighbours)
        for (int k = 0; k < 100; k++) m.Step(10);
        Assert.Equal(1.0 / (1 + 1), m.Activation[0], 6); // mean 5/5 = 1 = EC50
    }

    [Fact]
    public void Astrocytes_and_microglia_of_one_seed_are_placed_independently()
    {
        var spec = new GliaCellSpec { Count = 10 };
        spec.Senses.Add(new SensedField("ATP", 1, 1));
        var a = new GliaAgents(spec, 1, [Flat("ATP", 0)], seed: 3, 400, 550, "microglia");
        var b = new GliaAgents(spec, 1, [Flat("ATP", 0)], seed: 3, 400, 550, "astrocytes");
        Assert.NotEqual(a.X, b.X);
        Assert.Equal("astrocytes", b.Kind);
    }

    [Fact]
    public void Active_cells_divide_at_their_rate_up_to_the_capacity_and_quiet_cells_do_not()
    {
        GliaAgents Grow(double level, double hours)
        {
            var spec = new GliaCellSpec { Count = 100, MaxCount = 1000, ActivationTauMs = 1, DeactivationTauMs = 1, ProliferationPerMs = 1.0 / 86_400_000 };
            spec.Senses.Add(new SensedField("CSF1", 0.001, 1));
            var m = new GliaAgents(spec, 3600, [Flat("CSF1", level)], seed: 4, 400, 550); // an hour of glia per second
            for (int k = 0; k < (int)(hours * 100); k++) m.Step(10);
            return m;
        }
        // a division a day at full activation (≈ 1): after 12 h about e^0.5 = 1.65 times the cells
        var half = Grow(1000, 12);
        Assert.InRange(half.Count, 140, 195);
        Assert.All(Enumerable.Range(half.Count, half.Capacity - half.Count), i => Assert.Equal(0, half.X[i])); // the unborn tail untouched
        Assert.Equal(half.Count, Grow(1000, 12).Count); // the same seed, the same divisions
        Assert.Equal(1000, Grow(1000, 24 * 4).Count);   // capped
        Assert.Equal(100, Grow(0, 24).Count);           // no signal, no activation, no division
    }

    [Fact]
    public void P2x4_expression_follows_activation_so_csf1_primed_cells_sense_atp_more()
    {
        GliaAgents Cells(double csf1)
        {
            var spec = new GliaCellSpec { Count = 3, ActivationTauMs = 10, DeactivationTauMs = 10 };
            spec.Senses.Add(new SensedField("ATP", 3, 1, "P2X4", ExpressionBaseline: 0.1, ExpressionTauMs: 1000));
            spec.Senses.Add(new SensedField("CSF1", 1, 1));
            var m = new GliaAgents(spec, 1, [Flat("ATP", 3), Flat("CSF1", csf1)], seed: 1, 400, 550);
            for (int k = 0; k < 2000; k++) m.Step(10); // 20 expression times
            return m;
        }
        // ATP at EC50 alone: activation a = e·½ and expression e = 0.1 + 0.9·a settle at e = 0.1/0.55, a = e/2
        var atpOnly = Cells(0);
        Assert.All(atpOnly.Expression[0]!.Take(3), e => Assert.Equal(0.1 / 0.55, e, 4));
        Assert.All(atpOnly.Activation.Take(3), a => Assert.Equal(0.05 / 0.55, a, 4));
        // CSF1 far above EC50 activates the cells, P2X4 follows, and they sense the same ATP about 5 times better
        var primed = Cells(1000);
        Assert.All(primed.Expression[0]!.Take(3), e => Assert.True(e > 0.99, $"expression {e:G3}"));
        Assert.Null(primed.Expression[1]); // CSF1R without an expression time: constitutive
    }
}
