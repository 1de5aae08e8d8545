using CircuitSim.Model;

namespace CircuitSim.Tests.Engine;

/// <summary>Scenario specs built in code for engine tests (the YAML path is tested elsewhere).</summary>
internal static class Specs
{
    public static ScenarioSpec Empty(string name, double durationMs, double dtMs = 0.1, ulong seed = 1) =>
        new() { Name = name, DurationMs = durationMs, DtMs = dtMs, Seed = seed };

    public static PopulationSpec Neurons(string name, int count, string model = "lif", params (string, double)[] ps)
    {
        var p = new PopulationSpec { Name = name, Count = count, Model = model };
        foreach (var (k, v) in ps) p.Params[k] = v;
        return p;
    }

    /// <summary>COBA (Vogels &amp; Abbott 2005; Brette et al. 2007 benchmark 1) at size n.</summary>
    public static ScenarioSpec Coba(int n, double durationMs, ulong seed = 1)
    {
        var spec = Empty("coba", durationMs, 0.1, seed);
        foreach (var (name, count) in new[] { ("E", n * 4 / 5), ("I", n / 5) })
        {
            var p = Neurons(name, count, "lif", ("C", 200), ("gL", 10), ("EL", -60), ("VT", -50), ("Vr", -60), ("refractory", 5));
            p.Receptors["exc"] = new ReceptorSpec { TauRiseMs = 0, TauDecayMs = 5, ReversalMv = 0 };
            p.Receptors["inh"] = new ReceptorSpec { TauRiseMs = 0, TauDecayMs = 10, ReversalMv = -80 };
            p.Initial["v"] = new InitialValueSpec(InitialKind.Normal, -65, 5);
            p.Initial["g_exc"] = new InitialValueSpec(InitialKind.Normal, 40, 15);
            p.Initial["g_inh"] = new InitialValueSpec(InitialKind.Normal, 200, 120);
            spec.Populations.Add(p);
        }
        double prob = 80.0 / n;
        foreach (var (from, to) in new[] { ("E", "E"), ("E", "I"), ("I", "E"), ("I", "I") })
        {
            var pr = new ProjectionSpec { Name = from + to, From = from, To = to, DelayMs = 0, Connect = new ConnectSpec { Rule = ConnectRule.Probability, P = prob } };
            if (from == "E") pr.Receptors["exc"] = 6; else pr.Receptors["inh"] = 67;
            spec.Projections.Add(pr);
        }
        return spec;
    }
}
