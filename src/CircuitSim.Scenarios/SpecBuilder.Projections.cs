using CircuitSim.Model;
using CircuitSim.Scenarios.Yaml;

namespace CircuitSim.Scenarios;

internal sealed partial class SpecBuilder
{
    private static readonly string[] ProjectionKeys = { "from", "to", "connect", "receptors", "delay", "weight_jitter", "release_probability", "stp", "plasticity" };
    private static readonly string[] StpKeys = { "model", "U", "tau_rec", "tau_fac" };

    private static readonly (string, ConnectRule)[] RuleChoices =
    {
        ("probability", ConnectRule.Probability), ("fan_in", ConnectRule.FanIn), ("fan_out", ConnectRule.FanOut),
        ("one_to_one", ConnectRule.OneToOne), ("all", ConnectRule.All),
    };

    private static string[] ConnectKeys(ConnectRule rule) => rule switch
    {
        ConnectRule.Probability => new[] { "rule", "p", "allow_self" },
        ConnectRule.FanIn or ConnectRule.FanOut => new[] { "rule", "n", "allow_self" },
        _ => new[] { "rule", "allow_self" },
    };

    private void BuildProjections(YMap root)
    {
        if (root["projections"] is not { } node) return;
        var map = Map(node, "projections", "a map of projection name → {from, to, connect, receptors, ...}");
        if (map is null) return;
        foreach (var entry in map.Entries)
        {
            string path = Join("projections", entry.Key);
            CheckName(entry, path, "projection");
            var pm = Map(entry.Value, path, "a map of projection keys (from, to, connect, receptors, ...)");
            if (pm is null) continue;
            _spec.Projections.Add(BuildProjection(entry.Key, pm, path));
        }
    }

    private ProjectionSpec BuildProjection(string name, YMap pm, string path)
    {
        CheckKeys(pm, path, ProjectionKeys);

        var fromNode = Required(pm, path, "from", "the name of the source population");
        var toNode = Required(pm, path, "to", "the name of the target neuron population");
        var from = fromNode is null ? null : PopulationRef(fromNode, Join(path, "from"));
        var to = toNode is null ? null : PopulationRef(toNode, Join(path, "to"));
        if (to is not null && to.Kind != PopulationKind.Neuron)
        {
            Error(toNode!, Join(path, "to"), $"'to' must be a neuron population, but '{to.Name}' is kind {KindWord(to.Kind)} (a spike source)");
            to = null;
        }

        var proj = new ProjectionSpec { Name = name, From = from?.Name ?? "", To = to?.Name ?? "" };

        var connectNode = Required(pm, path, "connect", "{rule: probability, p: ...} (or fan_in, fan_out, one_to_one, all)");
        if (connectNode is not null)
        {
            if (BuildConnect(connectNode, Join(path, "connect"), from, to) is { } c) proj.Connect = c;
        }

        var recNode = Required(pm, path, "receptors", "a map of receptor → peak conductance, e.g. {AMPA: 1 nS}");
        if (recNode is not null && Map(recNode, Join(path, "receptors"), "a map of receptor → peak conductance, e.g. {AMPA: 1 nS}") is { } rec)
        {
            if (rec.Entries.Count == 0) Error(rec, Join(path, "receptors"), "at least one receptor is required, e.g. {AMPA: 1 nS}");
            var channels = to is null ? null : Channels(to);
            foreach (var e in rec.Entries)
            {
                string ep = Join(Join(path, "receptors"), e.Key);
                if (channels is not null && !channels.Contains(e.Key))
                {
                    Error(e.KeyNode, ep, $"'{e.Key}' is not a receptor channel of '{to!.Name}'{Suggest.Hint(e.Key, channels, "its channels are")} (a new channel is defined under populations.{to.Name}.receptors)");
                    continue;
                }
                if (Qty(e.Value, ep, NumericKeys.SynapticConductance) is { } g)
                {
                    proj.Receptors[e.Key] = g;
                    bool peptide = to is not null && to.Receptors.TryGetValue(e.Key, out var own) ? own.Peptide
                        : CircuitSim.Synapses.ReceptorDefaults.All.TryGetValue(e.Key, out var def) && def.Peptide;
                    if (peptide && g > 0 && from is { Kind: PopulationKind.Afferent } aff && aff.PeptidergicFraction * aff.Count < 0.5)
                        Error(e.KeyNode, ep, $"{e.Key} is a peptide receptor, activated only by peptidergic fibres, but '{aff.Name}' has none (peptidergic: {aff.PeptidergicFraction:G3}): it would never act");
                }
            }
        }

        if (pm["delay"] is { } dn && Qty(dn, Join(path, "delay"), NumericKeys.Projection["delay"]) is { } delay) proj.DelayMs = delay;
        if (pm["weight_jitter"] is { } wj && Qty(wj, Join(path, "weight_jitter"), NumericKeys.Projection["weight_jitter"]) is { } jit)
            proj.WeightJitter = jit;
        if (pm["release_probability"] is { } rp && Qty(rp, Join(path, "release_probability"), NumericKeys.Projection["release_probability"]) is { } prob)
            proj.ReleaseProbability = prob;
        if (pm["stp"] is { } stpNode) proj.Stp = BuildStp(stpNode, Join(path, "stp"));
        if (pm["plasticity"] is { } plNode) BuildPlasticity(plNode, Join(path, "plasticity"), to, proj);
        // the plasticity rules see every presynaptic spike at every synapse, failures included: refused together
        if (proj.ReleaseProbability < 1 && (proj.Plasticity is not null || proj.Stdp is not null) && pm["release_probability"] is { } rpn)
            Error(rpn, Join(path, "release_probability"), "release_probability below 1 with plasticity is not supported yet (the plasticity rules would count failed releases as transmitted)");
        return proj;
    }

    private static readonly (string Key, Func<PlasticitySpec, double> Get, Action<PlasticitySpec, double> Set, NumKey Num)[] CalciumRuleKeys =
    {
        ("tau_ca", p => p.TauCaMs, (p, v) => p.TauCaMs = v, NumKey.Of(Dimension.Time, Limits.Positive)),
        ("c_pre", p => p.CPre, (p, v) => p.CPre = v, NumKey.Of(Dimension.Dimensionless, Limits.NonNegative)),
        ("c_post", p => p.CPost, (p, v) => p.CPost = v, NumKey.Of(Dimension.Dimensionless, Limits.NonNegative)),
        ("theta_d", p => p.ThetaD, (p, v) => p.ThetaD = v, NumKey.Of(Dimension.Dimensionless, Limits.Positive)),
        ("theta_p", p => p.ThetaP, (p, v) => p.ThetaP = v, NumKey.Of(Dimension.Dimensionless, Limits.Positive)),
        ("gamma_d", p => p.GammaD, (p, v) => p.GammaD = v, NumKey.Of(Dimension.Dimensionless, Limits.NonNegative)),
        ("gamma_p", p => p.GammaP, (p, v) => p.GammaP = v, NumKey.Of(Dimension.Dimensionless, Limits.NonNegative)),
        ("tau", p => p.TauMs, (p, v) => p.TauMs = v, NumKey.Of(Dimension.Time, Limits.Positive)),
        ("rho_star", p => p.RhoStar, (p, v) => p.RhoStar = v, NumKey.Of(Dimension.Dimensionless, Limits.Fraction)),
        ("initial_up", p => p.InitialUp, (p, v) => p.InitialUp = v, NumKey.Of(Dimension.Dimensionless, Limits.Fraction)),
        ("up_down_ratio", p => p.UpDownRatio, (p, v) => p.UpDownRatio = v, NumKey.Of(Dimension.Dimensionless, Limits.Positive)),
        ("reference", p => p.ReferenceMv, (p, v) => p.ReferenceMv = v, NumKey.Of(Dimension.Voltage)),
        ("nmda_decay", p => p.NmdaDecayMs, (p, v) => p.NmdaDecayMs = v, NumKey.Of(Dimension.Time, Limits.Positive)),
    };

    private static readonly (string Key, Action<StdpSpec, double> Set, NumKey Num)[] StdpKeys =
    {
        ("tau_plus", (p, v) => p.TauPlusMs = v, NumKey.Of(Dimension.Time, Limits.Positive)),
        ("tau_minus", (p, v) => p.TauMinusMs = v, NumKey.Of(Dimension.Time, Limits.Positive)),
        ("tau_x", (p, v) => p.TauXMs = v, NumKey.Of(Dimension.Time, Limits.Positive)),
        ("tau_y", (p, v) => p.TauYMs = v, NumKey.Of(Dimension.Time, Limits.Positive)),
        ("a_plus", (p, v) => p.APlus = v, NumKey.Of(Dimension.Dimensionless, Limits.NonNegative)),
        ("a_minus", (p, v) => p.AMinus = v, NumKey.Of(Dimension.Dimensionless, Limits.NonNegative)),
        ("a3_plus", (p, v) => p.A3Plus = v, NumKey.Of(Dimension.Dimensionless, Limits.NonNegative)),
        ("a3_minus", (p, v) => p.A3Minus = v, NumKey.Of(Dimension.Dimensionless, Limits.NonNegative)),
        ("w_max", (p, v) => p.WMax = v, NumKey.Of(Dimension.Dimensionless, Limits.Positive)),
    };

    private readonly List<(YNode Node, string Path, string Receptor, ProjectionSpec Projection)> _thirdFactors = new();

    private readonly List<(YMap Node, string Path, PopulationSpec Target)> _nmdaChecks = new();

    /// <summary>The plasticity checks that need every projection, the substances and the receptor types.</summary>
    private void CheckThirdFactors()
    {
        foreach (var (node, path, to) in _nmdaChecks)
            if (!to.Receptors.ContainsKey("NMDA") && !_spec.Projections.Exists(x => x.To == to.Name && x.Receptors.ContainsKey("NMDA")))
                Error(node, path, $"nmda_gated calcium needs an NMDA channel on {to.Name}: add NMDA to a projection onto it, or set nmda_gated: false");
        var substances = _spec.Substances.Select(x => x.Name).ToList();
        foreach (var (node, path, receptor, own) in _thirdFactors)
        {
            var rt = _spec.ReceptorTypes.Find(r => r.Name == receptor);
            if (rt is null)
                Error(node, path, $"unknown receptor type '{receptor}'{Suggest.Hint(receptor, _spec.ReceptorTypes.Select(r => r.Name).ToList(), "receptor types are")}");
            else if (rt.Ligand.Length > 0 && !substances.Contains(rt.Ligand))
                Error(node, path, $"receptor type {receptor} is activated by '{rt.Ligand}', which is not a substance of the scenario: the third factor would stay 0 and the weights would never change");
            else own.PlasticityThirdFactor = receptor;
        }
    }

    private static readonly string[] TripletOnly = { "tau_x", "tau_y", "a3_plus", "a3_minus" };

    /// <summary>
    /// plasticity: { rule: calcium | stdp | triplet, ..., third_factor: RECEPTOR }: the calcium-based rule (Graupner &amp;
    /// Brunel 2012 with NMDA-gated calcium), pair STDP or triplet STDP, optionally gated by a receptor's activation.
    /// </summary>
    private void BuildPlasticity(YNode node, string path, PopulationSpec? to, ProjectionSpec own)
    {
        if (Map(node, path, "{rule: calcium | stdp | triplet, ...}") is not { } m) return;
        string? rule = Required(m, path, "rule", "calcium, stdp or triplet") is { } rn ? Word(rn, Join(path, "rule"), new[] { "calcium", "stdp", "triplet" }) : null;
        // checked once the receptor types are read (BuildNeuromodulation)
        if (m["third_factor"] is { } tf && Str(tf, Join(path, "third_factor")) is { } receptor)
            _thirdFactors.Add((tf, Join(path, "third_factor"), receptor, own));
        if (rule is null) { CheckKeys(m, path, CalciumRuleKeys.Select(k => k.Key).Concat(StdpKeys.Select(k => k.Key)).Append("rule").Append("nmda_gated").Append("third_factor").ToArray()); return; }
        if (rule == "calcium")
        {
            CheckKeys(m, path, CalciumRuleKeys.Select(k => k.Key).Append("rule").Append("nmda_gated").Append("third_factor").ToArray(),
                key => StdpKeys.Any(k => k.Key == key) ? $"'{key}' is a key of the stdp and triplet rules, not of calcium" : null);
            var p = new PlasticitySpec();
            foreach (var (key, _, set, num) in CalciumRuleKeys)
                if (m[key] is { } vn && Qty(vn, Join(path, key), num) is { } v) set(p, v);
            if (m["nmda_gated"] is { } gn && Bool(gn, Join(path, "nmda_gated")) is { } gated) p.NmdaGated = gated;
            if (p.ThetaP < p.ThetaD)
                Error(m, path, $"theta_p ({p.ThetaP:G3}) below theta_d ({p.ThetaD:G3}): potentiation would need less calcium than depression");
            // checked once every projection is read (CheckThirdFactors): an NMDA projection may come later in the file
            if (p.NmdaGated && to is not null) _nmdaChecks.Add((m, path, to));
            own.Plasticity = p;
            return;
        }
        bool triplet = rule == "triplet";
        CheckKeys(m, path, StdpKeys.Select(k => k.Key).Where(k => triplet || !TripletOnly.Contains(k)).Append("rule").Append("third_factor").ToArray(),
            key => TripletOnly.Contains(key) ? $"'{key}' is a key of the triplet rule; this is rule stdp (pairs)"
                : CalciumRuleKeys.Any(k => k.Key == key) || key == "nmda_gated" ? $"'{key}' is a key of the calcium rule, not of {rule}" : null);
        var s = triplet ? StdpSpec.TripletDefaults() : new StdpSpec();
        foreach (var (key, set, num) in StdpKeys)
            if (m[key] is { } vn && Qty(vn, Join(path, key), num) is { } v) set(s, v);
        own.Stdp = s;
    }

    /// <summary>stp: { model: tsodyks_markram, U: 0.5, tau_rec: 500 ms, tau_fac: 0 ms }.</summary>
    private StpSpec? BuildStp(YNode node, string path)
    {
        var m = Map(node, path, "{model: tsodyks_markram, U: ..., tau_rec: ..., tau_fac: ...}");
        if (m is null) return null;
        CheckKeys(m, path, StpKeys);
        bool ok = true;
        if (Required(m, path, "model", "tsodyks_markram") is { } mn && Str(mn, Join(path, "model")) is { } model && model != "tsodyks_markram")
        {
            Error(mn, Join(path, "model"), $"unknown short-term plasticity model '{model}' (known: tsodyks_markram)");
            ok = false;
        }
        var stp = new StpSpec();
        if (Required(m, path, "U", "the release probability of a rested synapse, in (0, 1]") is { } un
            && Qty(un, Join(path, "U"), NumKey.Of(Dimension.Dimensionless, Limits.Fraction)) is { } u)
        {
            if (u <= 0) { Error(un, Join(path, "U"), "must be above 0 (a synapse that never releases)"); ok = false; }
            stp.U = u;
        }
        else ok = false;
        if (Required(m, path, "tau_rec", "a Time (recovery from depression), e.g. 500 ms") is { } rn
            && Qty(rn, Join(path, "tau_rec"), NumKey.Of(Dimension.Time, Limits.NonNegative)) is { } rec)
            stp.TauRecMs = rec;
        else ok = false;
        if (m["tau_fac"] is { } fn)
        {
            if (Qty(fn, Join(path, "tau_fac"), NumKey.Of(Dimension.Time, Limits.NonNegative)) is { } fac) stp.TauFacMs = fac; else ok = false;
        }
        return ok ? stp : null;
    }

    private ConnectSpec? BuildConnect(YNode node, string path, PopulationSpec? from, PopulationSpec? to)
    {
        var c = new ConnectSpec();
        if (node is YScalar)
        {
            // Shorthand for the rules without parameters: connect: all, connect: one_to_one.
            var rule = Choice(node, path, RuleChoices);
            if (rule is null) return null;
            if (rule is ConnectRule.Probability or ConnectRule.FanIn or ConnectRule.FanOut)
            {
                Error(node, path, $"rule {RuleWord(rule.Value)} needs {(rule == ConnectRule.Probability ? "p" : "n")}: write {{rule: {RuleWord(rule.Value)}, {(rule == ConnectRule.Probability ? "p: 0.5" : "n: 10")}}}");
                return null;
            }
            c.Rule = rule.Value;
            return CheckOneToOne(c, node, path, from, to) ? c : null;
        }
        var m = Map(node, path, "{rule: probability, p: ...} or one of the rules fan_in, fan_out, one_to_one, all");
        if (m is null) return null;
        var ruleNode = Required(m, path, "rule", "probability, fan_in, fan_out, one_to_one or all");
        var r = ruleNode is null ? null : Choice(ruleNode, Join(path, "rule"), RuleChoices);
        if (r is null)
        {
            CheckKeys(m, path, new[] { "rule", "p", "n", "allow_self" });
            return null;
        }
        c.Rule = r.Value;
        CheckKeys(m, path, ConnectKeys(c.Rule), key => key is "p" or "n" or "allow_self"
            ? $"'{key}' does not apply to rule {RuleWord(c.Rule)} (its keys: {string.Join(", ", ConnectKeys(c.Rule))})"
            : null);
        bool ok = true;
        if (m["allow_self"] is { } asn)
        {
            if (Bool(asn, Join(path, "allow_self")) is { } a) c.AllowSelf = a; else ok = false;
        }
        switch (c.Rule)
        {
            case ConnectRule.Probability:
                if (Required(m, path, "p", "a probability between 0 and 1") is { } pn
                    && Qty(pn, Join(path, "p"), NumKey.Of(Dimension.Dimensionless, Limits.Fraction)) is { } p)
                    c.P = p;
                else ok = false;
                break;
            case ConnectRule.FanIn:
            case ConnectRule.FanOut:
                var nn = Required(m, path, "n", "a positive whole number");
                if (nn is not null && PositiveInt(nn, Join(path, "n")) is { } n)
                {
                    c.N = n;
                    bool fanIn = c.Rule == ConnectRule.FanIn;
                    var other = fanIn ? from : to;
                    if (other is not null && other.Count > 0 && from is not null && to is not null)
                    {
                        bool same = from.Name == to.Name && !c.AllowSelf;
                        int max = other.Count - (same ? 1 : 0);
                        if (n > max)
                        {
                            Error(nn, Join(path, "n"),
                                $"n must be at most {max}: {(fanIn ? "each target draws n distinct sources from" : "each source draws n distinct targets from")} '{other.Name}', which has {other.Count}{(same ? " and allow_self is false" : "")}; found '{n}'");
                            ok = false;
                        }
                    }
                }
                else ok = false;
                break;
            default:
                ok &= CheckOneToOne(c, m, path, from, to);
                break;
        }
        return ok ? c : null;
    }

    private bool CheckOneToOne(ConnectSpec c, YNode at, string path, PopulationSpec? from, PopulationSpec? to)
    {
        if (c.Rule != ConnectRule.OneToOne || from is null || to is null || from.Count <= 0 || to.Count <= 0) return true;
        if (from.Count == to.Count) return true;
        Error(at, path, $"rule one_to_one needs populations of equal size, but '{from.Name}' has {from.Count} and '{to.Name}' has {to.Count}");
        return false;
    }

    private static string RuleWord(ConnectRule r) => RuleChoices.First(x => x.Item2 == r).Item1;
}
