using CircuitSim.Model;
using CircuitSim.Scenarios.Yaml;

namespace CircuitSim.Scenarios;

/// <summary>
/// substances, receptor_types and modulation (volume transmission), and who releases what: a neuron or
/// descending population's <c>transmitter</c> (with <c>release</c> per spike) and an afferent's <c>peptides</c>.
/// </summary>
internal sealed partial class SpecBuilder
{
    private static readonly string[] SubstanceKeys = { "decay", "reuptake", "release", "initial", "release_half_rate", "release_hill", "rate_window" };
    private static readonly string[] ReuptakeKeys = { "transporter", "tau", "km" };
    private static readonly string[] ReceptorTypeKeys = { "ligand", "ec50", "hill", "source" };
    private static readonly string[] ModulationKeys = { "receptor", "effect", "projections", "from", "to", "populations", "channel", "substance", "max", "reversal", "source" };

    private static readonly (string, ModulationEffect)[] EffectChoices =
    {
        ("release", ModulationEffect.Release), ("gain", ModulationEffect.Gain),
        ("conductance", ModulationEffect.Conductance), ("clearance", ModulationEffect.Clearance), ("kcc2", ModulationEffect.Kcc2),
    };

    private static readonly (string Key, Action<ChlorideSpec, double> Set, NumKey Num)[] ChlorideKeys =
    {
        ("outside", (c, v) => c.OutsideMm = v, NumKey.Of(Dimension.Concentration, Limits.Positive)),
        ("hco3_ratio", (c, v) => c.Hco3Ratio = v, NumKey.Of(Dimension.Dimensionless, Limits.NonNegative)),
        ("hco3_in", (c, v) => c.Hco3InMm = v, NumKey.Of(Dimension.Concentration, Limits.NonNegative)),
        ("hco3_out", (c, v) => c.Hco3OutMm = v, NumKey.Of(Dimension.Concentration, Limits.NonNegative)),
        ("extrusion_tau", (c, v) => c.ExtrusionTauMs = v, NumKey.Of(Dimension.Time, Limits.Positive)),
        ("volume_pl", (c, v) => c.VolumePl = v, NumKey.Of(Dimension.Dimensionless, Limits.Positive)),
        ("temperature", (c, v) => c.TemperatureC = v, NumKey.Of(Dimension.Temperature)),
        ("kcc2", (c, v) => c.Kcc2 = v, NumKey.Of(Dimension.Dimensionless, Limits.Positive)),
        ("expression_tau", (c, v) => c.ExpressionTauMs = v, NumKey.Of(Dimension.Time, Limits.Positive)),
    };

    /// <summary>chloride: { extrusion_tau, kcc2, expression_tau, ... } on a neuron population (see ChlorideSpec).</summary>
    private ChlorideSpec? BuildChloride(YNode node, string path)
    {
        if (Map(node, path, "a map of chloride keys (extrusion_tau, kcc2, expression_tau, ...)") is not { } m) return null;
        CheckKeys(m, path, ChlorideKeys.Select(k => k.Key).ToArray());
        var c = new ChlorideSpec();
        foreach (var (key, set, num) in ChlorideKeys)
            if (m[key] is { } vn && Qty(vn, Join(path, key), num) is { } v)
            {
                // concentrations are read in µM (the internal unit); chloride keeps mM
                set(c, num.Dimension == Dimension.Concentration ? v / 1000 : v);
            }
        return c;
    }

    /// <summary>Releases named on populations, resolved once the substances are read.</summary>
    private readonly List<(PopulationSpec Pop, string Substance, double? PerSpike, YNode At, string Path, bool Peptidergic)> _releases = new();
    /// <summary>Default release per spike of each substance, µM.</summary>
    private readonly Dictionary<string, double> _defaultRelease = new();

    /// <summary>transmitter: NAME and release: AMOUNT (per spike) of a neuron or descending population.</summary>
    private void ReadTransmitter(PopulationSpec pop, YMap pm, string path)
    {
        double? amount = null;
        if (pm["release"] is { } rn)
        {
            if (pm["transmitter"] is null) Error(rn, Join(path, "release"), "'release' is the amount per spike of the population's transmitter: add 'transmitter: SUBSTANCE'");
            amount = Qty(rn, Join(path, "release"), NumKey.Of(Dimension.Concentration, Limits.NonNegative));
        }
        // a transmitter, or a list of them: one substance per region is a pool per region (docs/neuromodulation.md)
        if (pm["transmitter"] is not { } t) return;
        foreach (var (name, node, p) in Names(t, Join(path, "transmitter")))
        {
            pop.Transmitter ??= name;
            _releases.Add((pop, name, amount, node, p, false));
        }
    }

    /// <summary>peptides: [substance_P, CGRP] or { substance_P: 0.001 uM, ... }, released by the peptidergic fibres of an afferent population.</summary>
    private void ReadPeptides(PopulationSpec pop, YMap pm, string path)
    {
        if (pm["peptides"] is not { } node) return;
        string pp = Join(path, "peptides");
        if (node is YSeq seq)
        {
            for (int i = 0; i < seq.Items.Count; i++)
                if (Str(seq.Items[i], $"{pp}[{i}]") is { } name) _releases.Add((pop, name, null, seq.Items[i], $"{pp}[{i}]", true));
        }
        else if (Map(node, pp, "a list of substances or a map substance → release per spike") is { } map)
        {
            foreach (var e in map.Entries)
                if (Qty(e.Value, Join(pp, e.Key), NumKey.Of(Dimension.Concentration, Limits.NonNegative)) is { } amount)
                    _releases.Add((pop, e.Key, amount, e.KeyNode, Join(pp, e.Key), true));
        }
        if (pop.PeptidergicFraction <= 0)
            Error(node, pp, $"'{pop.Name}' has no peptidergic fibres (peptidergic: {pop.PeptidergicFraction:G3}), so it would release no peptide: set 'peptidergic'");
    }

    private void BuildNeuromodulation(YMap root)
    {
        if (root["slow_clock"] is { } sc && Qty(sc, "slow_clock", NumKey.Of(Dimension.Time, Limits.Positive)) is { } clock)
        {
            int every = (int)Math.Round(clock / _spec.DtMs);
            if (every < 1 || Math.Abs(every * _spec.DtMs - clock) > 1e-9 * clock)
                Error(sc, "slow_clock", $"slow_clock must be a whole number of steps of dt ({Ms(_spec.DtMs)}), found {Ms(clock)}");
            else _spec.ModulationEvery = every;
        }
        BuildSubstances(root);
        BuildReceptorTypes(root);
        CheckThirdFactors();
        ResolveReleases();
        BuildModulations(root);
        if (_spec.Substances.Count == 0 && root.Entry("modulation") is { } e)
            Error(e.KeyNode, "modulation", "'modulation' acts through substances, and the scenario has none: add a 'substances' map (it would otherwise be ignored)");
    }

    /// <summary>slow_clock acts when something runs on it: substances, drugs, chloride or a third factor (after interventions are read).</summary>
    private void CheckSlowClockUse(YMap root)
    {
        if (root.Entry("slow_clock") is not { } e) return;
        bool used = _spec.Substances.Count > 0 || _spec.Interventions.Any(i => i.Drug is not null)
            || _spec.Populations.Any(p => p.Chloride is not null) || _spec.Projections.Any(p => p.PlasticityThirdFactor is not null);
        if (!used)
            Error(e.KeyNode, "slow_clock", "nothing runs on the slow clock here (no substances, drugs, chloride dynamics or plasticity third factor): remove 'slow_clock' (it would otherwise be ignored)");
    }

    private void BuildSubstances(YMap root)
    {
        if (root["substances"] is not { } node || Map(node, "substances", "a map of substance name → {decay, reuptake, release, ...}") is not { } map) return;
        foreach (var entry in map.Entries)
        {
            string path = Join("substances", entry.Key);
            CheckName(entry, path, "substance");
            var sub = new SubstanceSpec { Name = entry.Key };
            _spec.Substances.Add(sub);
            if (Map(entry.Value, path, "a map of substance keys (decay, reuptake, release, ...)") is not { } sm) continue;
            CheckKeys(sm, path, SubstanceKeys);
            if (sm["decay"] is { } d && Qty(d, Join(path, "decay"), NumKey.Of(Dimension.Time, Limits.Positive)) is { } tau) sub.DecayMs = tau;
            if (sm["initial"] is { } i && Qty(i, Join(path, "initial"), NumKey.Of(Dimension.Concentration, Limits.NonNegative)) is { } init) sub.InitialUm = init;
            if (sm["release"] is { } r && Qty(r, Join(path, "release"), NumKey.Of(Dimension.Concentration, Limits.NonNegative)) is { } rel) _defaultRelease[sub.Name] = rel;
            if (sm["release_half_rate"] is { } h && Qty(h, Join(path, "release_half_rate"), NumKey.Of(Dimension.Frequency, Limits.Positive)) is { } half) sub.ReleaseHalfRateHz = half;
            if (sm["release_hill"] is { } n && Qty(n, Join(path, "release_hill"), NumKey.Of(Dimension.Dimensionless, Limits.Positive)) is { } hill) sub.ReleaseRateHill = hill;
            if (sm["rate_window"] is { } w && Qty(w, Join(path, "rate_window"), NumKey.Of(Dimension.Time, Limits.Positive)) is { } win) sub.RateWindowMs = win;
            if ((sm["release_hill"] ?? sm["rate_window"]) is { } only && sm["release_half_rate"] is null)
                Error(only, path, "release_hill and rate_window shape a rate-dependent release: add 'release_half_rate'");
            if (sm["reuptake"] is { } ru && Map(ru, Join(path, "reuptake"), "a map {transporter, tau, km}") is { } rm)
            {
                string rp = Join(path, "reuptake");
                CheckKeys(rm, rp, ReuptakeKeys);
                if (Required(rm, rp, "transporter", "a transporter name such as SERT, NET or DAT") is { } tn) sub.Transporter = Str(tn, Join(rp, "transporter"));
                if (Required(rm, rp, "tau", "the reuptake time constant at low levels, such as '1 s'") is { } tt
                    && Qty(tt, Join(rp, "tau"), NumKey.Of(Dimension.Time, Limits.Positive)) is { } rtau) sub.ReuptakeTauMs = rtau;
                if (Required(rm, rp, "km", "the transporter's Michaelis constant, such as '0.5 uM'") is { } kk
                    && Qty(kk, Join(rp, "km"), NumKey.Of(Dimension.Concentration, Limits.Positive)) is { } km) sub.ReuptakeKmUm = km;
            }
            if (sub.DecayMs is null && sub.Transporter is null)
                Error(sm, path, $"substance {sub.Name} is never cleared: give 'decay' or 'reuptake' (or both)");
        }
    }

    private void BuildReceptorTypes(YMap root)
    {
        if (root["receptor_types"] is not { } node || Map(node, "receptor_types", "a map of receptor type → {ligand, ec50, hill}") is not { } map) return;
        foreach (var entry in map.Entries)
        {
            string path = Join("receptor_types", entry.Key);
            CheckName(entry, path, "receptor type");
            if (Map(entry.Value, path, "a map {ligand, ec50, hill, source}") is not { } rm) continue;
            CheckKeys(rm, path, ReceptorTypeKeys);
            var rt = new ReceptorTypeSpec { Name = entry.Key, Ligand = "" };
            // no ligand: a drug target whose endogenous ligand is not modelled (μ-opioid, α2δ)
            if (rm["ligand"] is { } l) rt.Ligand = Str(l, Join(path, "ligand")) ?? "";
            if (Required(rm, path, "ec50", "a Concentration such as '0.2 uM'") is { } e && Qty(e, Join(path, "ec50"), NumKey.Of(Dimension.Concentration, Limits.Positive)) is { } ec50) rt.Ec50Um = ec50;
            if (rm["hill"] is { } h && Qty(h, Join(path, "hill"), NumKey.Of(Dimension.Dimensionless, Limits.Positive)) is { } hill) rt.Hill = hill;
            if (rm["source"] is { } s) rt.Source = Str(s, Join(path, "source")) ?? "";
            _receptorTypeNodes[rt.Name] = rm;
            _spec.ReceptorTypes.Add(rt);
        }
    }

    private readonly Dictionary<string, YMap> _receptorTypeNodes = new();

    private void ResolveReleases()
    {
        var names = _spec.Substances.Select(s => s.Name).ToList();
        foreach (var (pop, substance, perSpike, at, path, peptidergic) in _releases)
        {
            if (!names.Contains(substance))
            {
                Error(at, path, $"'{substance}' is not a substance of the scenario{Suggest.Hint(substance, names, "substances are")}" +
                    (names.Count == 0 ? ": add it under 'substances'" : ""));
                continue;
            }
            double? amount = perSpike ?? (_defaultRelease.TryGetValue(substance, out var d) ? d : null);
            if (amount is not { } a)
            {
                Error(at, path, $"how much {substance} a spike releases is not given: add 'release' here or under substances.{substance}");
                continue;
            }
            _spec.Releases.Add(new ReleaseSpec(pop.Name, substance, a, peptidergic));
        }
    }

    private void BuildModulations(YMap root)
    {
        if (root["modulation"] is not { } node || Map(node, "modulation", "a map of name → {receptor, effect, ...}") is not { } map) return;
        var substances = _spec.Substances.Select(s => s.Name).ToList();
        var used = new HashSet<string>();
        foreach (var entry in map.Entries)
        {
            string path = Join("modulation", entry.Key);
            CheckName(entry, path, "modulation");
            if (Map(entry.Value, path, "a map {receptor, effect, max, ...}") is not { } mm) continue;
            CheckKeys(mm, path, ModulationKeys);
            var m = new ModulationSpec { Name = entry.Key, Receptor = "" };
            bool ok = true;
            if (Required(mm, path, "receptor", "a receptor type of receptor_types") is { } rn && Str(rn, Join(path, "receptor")) is { } rname)
            {
                var rt = _spec.ReceptorTypes.Find(r => r.Name == rname);
                if (rt is null)
                {
                    Error(rn, Join(path, "receptor"), $"unknown receptor type '{rname}'{Suggest.Hint(rname, _spec.ReceptorTypes.Select(r => r.Name).ToList(), "receptor types are")}");
                    ok = false;
                }
                else
                {
                    m.Receptor = rname;
                    if (used.Add(rname) && rt.Ligand.Length > 0 && !substances.Contains(rt.Ligand))
                        Error(_receptorTypeNodes[rname]["ligand"] ?? rn, Join($"receptor_types.{rname}", "ligand"),
                            $"receptor type {rname} is activated by '{rt.Ligand}', which is not a substance of the scenario{Suggest.Hint(rt.Ligand, substances, "substances are")}");
                }
            }
            if (Required(mm, path, "effect", "one of: release, gain, conductance, clearance, kcc2") is { } en && Choice(en, Join(path, "effect"), EffectChoices) is { } effect)
                m.Effect = effect;
            else ok = false;
            if (mm["source"] is { } src) m.Source = Str(src, Join(path, "source")) ?? "";
            if (ok) ReadModulationTargets(m, mm, path);
            _spec.Modulations.Add(m);
        }
    }

    private void ReadModulationTargets(ModulationSpec m, YMap mm, string path)
    {
        var max = Required(mm, path, "max", m.Effect == ModulationEffect.Conductance ? "a Conductance at full activation, such as '1 nS'" : "the signed fractional change at full activation, such as -0.5");
        if (max is not null)
        {
            var key = m.Effect == ModulationEffect.Conductance
                ? NumKey.Of(Dimension.Conductance, Limits.NonNegative)
                // KCC2 cannot go entirely (chloride would have no bound): above −1 for kcc2
                : NumKey.Of(Dimension.Dimensionless, new Limits(-1, m.Effect == ModulationEffect.Kcc2, double.PositiveInfinity));
            if (Qty(max, Join(path, "max"), key) is { } v) m.Max = v;
        }
        // which keys each effect uses; the others are refused, not ignored
        var wants = m.Effect switch
        {
            ModulationEffect.Release => new[] { "projections", "from", "to" },
            ModulationEffect.Gain => new[] { "populations", "channel" },
            ModulationEffect.Conductance => new[] { "populations", "channel", "reversal" },
            ModulationEffect.Kcc2 => new[] { "populations" },
            _ => new[] { "substance" },
        };
        foreach (var k in new[] { "projections", "from", "to", "populations", "channel", "substance", "reversal" })
            if (!wants.Contains(k) && mm.Entry(k) is { } e)
                Error(e.KeyNode, Join(path, k), $"'{k}' does not apply to effect {EffectChoices.First(c => c.Item2 == m.Effect).Item1} (it uses: {string.Join(", ", wants)})");

        switch (m.Effect)
        {
            case ModulationEffect.Release:
                if (mm["projections"] is { } pn)
                    foreach (var (name, node, p) in Names(pn, Join(path, "projections")))
                        if (_spec.Projections.Exists(x => x.Name == name)) m.Projections.Add(name);
                        else Error(node, p, $"unknown projection '{name}'{Suggest.Hint(name, _spec.Projections.Select(x => x.Name).ToList(), "projections are")}");
                var from = mm["from"] is { } fn ? PopulationNames(fn, Join(path, "from")) : null;
                var to = mm["to"] is { } tn ? PopulationNames(tn, Join(path, "to")) : null;
                if (from is not null || to is not null)
                    foreach (var pr in _spec.Projections)
                        if ((from is null || from.Contains(pr.From)) && (to is null || to.Contains(pr.To)) && !m.Projections.Contains(pr.Name))
                            m.Projections.Add(pr.Name);
                if (m.Projections.Count == 0)
                    Error(mm, path, "a release effect needs the projections whose terminals it acts on: 'projections', or 'from' and/or 'to' matching some");
                break;
            case ModulationEffect.Gain:
            case ModulationEffect.Conductance:
                if (Required(mm, path, "populations", "a list of neuron populations") is { } popsNode && PopulationNames(popsNode, Join(path, "populations")) is { } pops)
                    foreach (var p in pops)
                    {
                        if (_spec.Population(p) is { Kind: not PopulationKind.Neuron })
                            Error(popsNode, Join(path, "populations"), $"'{p}' is not a neuron population: receptors act on neurons");
                        else m.Populations.Add(p);
                    }
                if (m.Effect == ModulationEffect.Gain)
                {
                    if (Required(mm, path, "channel", "the receptor channel it scales, such as NMDA") is { } cn && Str(cn, Join(path, "channel")) is { } ch)
                    {
                        m.Channel = ch;
                        foreach (var p in m.Populations)
                            if (!HasChannel(p, ch))
                                Error(cn, Join(path, "channel"), $"population {p} has no channel '{ch}' (no projection onto it uses it)");
                    }
                }
                else
                {
                    YNode chNode = mm["channel"] ?? mm;
                    if (mm["channel"] is { } cn && Str(cn, Join(path, "channel")) is { } ch) m.Channel = ch;
                    string channel = m.Channel ?? "GIRK";
                    foreach (var p in m.Populations)
                        if (HasChannel(p, channel))
                            Error(chNode, Join(path, "channel"), $"population {p} already has a synaptic channel '{channel}': name the tonic conductance differently (key 'channel')");
                    if (mm["reversal"] is { } rv && Qty(rv, Join(path, "reversal"), NumKey.Of(Dimension.Voltage)) is { } e) m.ReversalMv = e;
                    // two conductances into one tonic channel of a population share its reversal
                    foreach (var other in _spec.Modulations)
                        if (other.Effect == ModulationEffect.Conductance && (other.Channel ?? "GIRK") == channel
                            && other.Populations.Intersect(m.Populations).Any() && other.ReversalMv != m.ReversalMv)
                            Error(mm["reversal"] ?? mm, Join(path, "reversal"), $"modulation {other.Name} opens the same channel '{channel}' on {string.Join(", ", other.Populations.Intersect(m.Populations))} with reversal {other.ReversalMv:G4} mV: one channel has one reversal (name this one differently with 'channel')");
                }
                break;
            case ModulationEffect.Kcc2:
                if (Required(mm, path, "populations", "a list of neuron populations with chloride dynamics") is { } kn && PopulationNames(kn, Join(path, "populations")) is { } kp)
                    foreach (var p in kp)
                    {
                        if (_spec.Population(p) is { Chloride: null }) Error(kn, Join(path, "populations"), $"population {p} has no chloride dynamics: add 'chloride' to it (KCC2 would act on nothing)");
                        else m.Populations.Add(p);
                    }
                break;
            case ModulationEffect.Clearance:
                if (Required(mm, path, "substance", "the substance whose clearance it scales") is { } sn && Str(sn, Join(path, "substance")) is { } s)
                {
                    var names = _spec.Substances.Select(x => x.Name).ToList();
                    if (names.Contains(s)) m.Substance = s;
                    else Error(sn, Join(path, "substance"), $"unknown substance '{s}'{Suggest.Hint(s, names, "substances are")}");
                }
                break;
        }
    }

    private bool HasChannel(string population, string channel) =>
        _spec.Population(population) is { } p && (p.Receptors.ContainsKey(channel) || _spec.Projections.Exists(x => x.To == population && x.Receptors.ContainsKey(channel)));

    /// <summary>A name or a list of names.</summary>
    private List<(string Name, YNode Node, string Path)> Names(YNode node, string path)
    {
        var list = new List<(string, YNode, string)>();
        if (node is YSeq seq)
        {
            for (int i = 0; i < seq.Items.Count; i++)
                if (Str(seq.Items[i], $"{path}[{i}]") is { } n) list.Add((n, seq.Items[i], $"{path}[{i}]"));
        }
        else if (Str(node, path) is { } one) list.Add((one, node, path));
        return list;
    }

    private List<string>? PopulationNames(YNode node, string path)
    {
        var list = new List<string>();
        bool ok = true;
        foreach (var (name, n, p) in Names(node, path))
        {
            if (_spec.Population(name) is null)
            {
                Error(n, p, $"unknown population '{name}'{Suggest.Hint(name, _spec.Populations.Select(x => x.Name).ToList(), "populations are")}");
                ok = false;
            }
            else list.Add(name);
        }
        return ok ? list : null;
    }
}
