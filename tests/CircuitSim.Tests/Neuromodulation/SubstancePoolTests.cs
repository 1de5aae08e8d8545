using CircuitSim.Model;
using CircuitSim.Neuromodulation;

namespace CircuitSim.Tests.Neuromodulation;

public class SubstancePoolTests
{
    [Fact]
    public void First_order_clearance_is_exact_for_any_tick_length()
    {
        var pools = new SubstancePools(new[] { new SubstanceSpec { Name = "x", DecayMs = 2000, InitialUm = 1 } });
        for (int k = 0; k < 1000; k++) pools.Advance(1);
        Assert.Equal(Math.Exp(-0.5), pools.Level[0], 9);
        var coarse = new SubstancePools(new[] { new SubstanceSpec { Name = "x", DecayMs = 2000, InitialUm = 1 } });
        coarse.Advance(1000);
        Assert.Equal(Math.Exp(-0.5), coarse.Level[0], 9);
    }

    [Fact]
    public void Reuptake_is_first_order_below_km_and_saturates_above_it_and_a_blocker_slows_it()
    {
        // Vmax = Km/τ = 0.4 µM / 500 ms; far below Km the level falls with τ ≈ 500 ms
        SubstancePools Pool(double initial) => new(new[]
        {
            new SubstanceSpec { Name = "NA", Transporter = "NET", ReuptakeTauMs = 500, ReuptakeKmUm = 0.4, InitialUm = initial },
        });
        var low = Pool(0.001);
        for (int k = 0; k < 500; k++) low.Advance(1);
        Assert.InRange(low.Level[0] / 0.001, Math.Exp(-1) * 0.99, Math.Exp(-1) * 1.01);
        // far above Km the transporter runs at Vmax: 40 µM falls by ~Vmax·t = 0.8 µM/s, not by a factor e
        var high = Pool(40);
        for (int k = 0; k < 500; k++) high.Advance(1);
        Assert.InRange(40 - high.Level[0], 0.35, 0.45);
        // half the transporters blocked (a reuptake inhibitor): the low level clears twice as slowly
        var blocked = Pool(0.001);
        blocked.TransporterAvailability[0] = 0.5;
        for (int k = 0; k < 1000; k++) blocked.Advance(1);
        Assert.InRange(blocked.Level[0] / 0.001, Math.Exp(-1) * 0.99, Math.Exp(-1) * 1.01);
    }

    [Fact]
    public void Receptor_activation_is_a_hill_function_and_an_antagonist_shifts_it_right()
    {
        var pools = new SubstancePools(new[] { new SubstanceSpec { Name = "serotonin", DecayMs = 1000, InitialUm = 2 } });
        var r = new ReceptorOccupancy(new[] { new ReceptorTypeSpec { Name = "5HT3", Ligand = "serotonin", Ec50Um = 2, Hill = 2 } }, pools);
        r.Update(pools.Level);
        Assert.Equal(0.5, r.Activation[0], 12);
        pools.Level[0] = 4;
        r.Update(pools.Level);
        Assert.Equal(16.0 / 20, r.Activation[0], 12); // (4/2)² / (1 + (4/2)²)
        // a competitive antagonist at its K (term 1) halves the ligand's apparent potency: at EC50 activation 1/3
        pools.Level[0] = 2;
        r.DrugTerm[0] = 1;
        r.Update(pools.Level);
        Assert.Equal(1.0 / 3, r.Activation[0], 12);
        // a full agonist with the same term on top activates more than the ligand alone
        r.DrugAgonism[0] = 1;
        r.Update(pools.Level);
        Assert.Equal(2.0 / 3, r.Activation[0], 12);
    }
}
