using CircuitSim.Model;
using CircuitSim.Scenarios.Yaml;

namespace CircuitSim.Scenarios;

internal sealed partial class SpecBuilder
{
    private static readonly string[] TissueKeys = { "grid", "clock", "snapshot_every", "fields" };
    private static readonly string[] FieldKeys = { "diffusion", "decay", "release", "puffs", "kcc2", "injured_release", "acts_on", "bath", "glial_time" };
    private static readonly string[] BathKeys = { "level", "from", "until" };
    private static readonly string[] FieldKcc2Keys = { "populations", "max", "ec50", "hill", "receptor" };
    private static readonly string[] FieldEffectKeys = { "populations", "on", "max", "ec50", "hill" };
    private static readonly string[] SenseKeys = { "ec50", "hill", "receptor", "expression" };
    private static readonly string[] ExpressionKeys = { "baseline", "tau" };
    private static readonly string[] PuffKeys = { "at", "x", "depth", "amount", "every", "until" };
    private static readonly string[] GliaKeys = { "time_compression", "microglia", "astrocytes" };
    private static readonly string[] MicrogliaKeys = { "count", "laminae", "senses", "ec50", "hill", "activation_tau", "deactivation_tau", "chemotaxis", "random_walk", "secretes", "reach", "proliferation" };
    private static readonly string[] ProliferationKeys = { "rate", "max_count" };
    private static readonly string[] SecretionKeys = { "early", "late", "late_tau", "requires" };
    private static readonly string[] LaminaNames = { "I", "II", "IIo", "IIi", "III", "IV", "V" };

    /// <summary>
    /// <c>tissue:</c> — the transverse slab (the laminae's 400 × 550 µm) as a grid of <c>grid</c> µm, and its
    /// fields (diffusion, decay, release per spike of neuron populations), stepping every <c>clock</c>.
    /// </summary>
    private void BuildTissue(YMap root)
    {
        if (root["tissue"] is not { } node) return;
        if (Map(node, "tissue", "a map with grid, clock, snapshot_every, fields") is not { } tm) return;
        CheckKeys(tm, "tissue", TissueKeys);
        var t = new TissueSpec();
        if (tm["grid"] is { } g && Qty(g, "tissue.grid", NumKey.Of(Dimension.Length, Limits.Positive)) is { } grid)
        {
            if (grid < 1 || grid > 100) Error(g, "tissue.grid", $"a grid cell is 1 to 100 µm (the slab is {LaminaGeometry.WidthUm} × {LaminaGeometry.DepthBand(null).Bottom} µm), found {grid} µm");
            else t.GridUm = grid;
        }
        if (tm["clock"] is { } c && Qty(c, "tissue.clock", NumKey.Of(Dimension.Time, Limits.Positive)) is { } clock)
        {
            double steps = clock / _spec.DtMs;
            if (Math.Abs(steps - Math.Round(steps)) > 1e-6 || steps < 1) Error(c, "tissue.clock", $"the fields' clock must be a whole number of dt ({_spec.DtMs} ms), found {clock} ms");
            else t.ClockMs = clock;
        }
        if (tm["snapshot_every"] is { } se && Qty(se, "tissue.snapshot_every", NumKey.Of(Dimension.Time, Limits.Positive)) is { } every)
            t.SnapshotEveryMs = every;
        if (Required(tm, "tissue", "fields", "a map of field names (ATP, BDNF, ...) to {diffusion, decay, release}") is { } fn
            && Map(fn, "tissue.fields", "a map of field names to {diffusion, decay, release}") is { } fm)
        {
            foreach (var e in fm.Entries)
            {
                string path = Join("tissue.fields", e.Key);
                CheckName(e, path, "field");
                if (Map(e.Value, path, "a map with diffusion, decay, release") is not { } f) continue;
                CheckKeys(f, path, FieldKeys);
                var field = new FieldSpec { Name = e.Key };
                if (Required(f, path, "diffusion", "a diffusion coefficient such as '300 um^2/s'") is { } dn
                    && Qty(dn, Join(path, "diffusion"), NumKey.Of(Dimension.Diffusivity, Limits.NonNegative)) is { } d)
                    field.DiffusionUm2PerS = d;
                if (f["decay"] is { } dec)
                {
                    if (dec is YScalar { Value: "none" }) field.DecayMs = double.PositiveInfinity;
                    else if (Qty(dec, Join(path, "decay"), NumKey.Of(Dimension.Time, Limits.Positive)) is { } tau) field.DecayMs = tau;
                }
                if (f["release"] is { } rn && Map(rn, Join(path, "release"), "a map of populations to the amount per spike, e.g. {PN: 0.01 uM}") is { } rm)
                    foreach (var r in rm.Entries)
                    {
                        // neurons release where they sit, afferent and descending fibres at their central terminals
                        string rp = Join(Join(path, "release"), r.Key);
                        var pop = PopulationRef(r.KeyNode, rp);
                        if (Qty(r.Value, rp, NumKey.Of(Dimension.Concentration, Limits.NonNegative)) is { } amount && pop is not null)
                            field.Releases.Add((pop.Name, amount));
                    }
                if (f["injured_release"] is { } irn && Map(irn, Join(path, "injured_release"), "a map of afferent populations to a leak per injured terminal, e.g. {C_np: 0.1 nM/s}") is { } irm)
                    foreach (var r in irm.Entries)
                    {
                        string rp = Join(Join(path, "injured_release"), r.Key);
                        var pop = PopulationRef(r.KeyNode, rp);
                        if (pop is not null && pop.Kind != PopulationKind.Afferent)
                            Error(r.KeyNode, rp, $"'{pop.Name}' is kind {KindWord(pop.Kind)}: only afferent fibres are injured by a nerve injury (their ectopic_rate turns the injury on)");
                        if (Qty(r.Value, rp, NumKey.Of(Dimension.ConcentrationRate, Limits.NonNegative)) is { } rate && pop is not null)
                            field.InjuredRelease.Add((pop.Name, rate));
                    }
                if (f["glial_time"] is { } gt && Bool(gt, Join(path, "glial_time")) is { } gtv) field.GlialTime = gtv;
                if (f["bath"] is { } bn && Seq(bn, Join(path, "bath"), "a list of {level, from, until}") is { } bl)
                    for (int i = 0; i < bl.Items.Count; i++)
                    {
                        string bp = $"{path}.bath[{i}]";
                        if (Map(bl.Items[i], bp, "{level, from, until}") is not { } bm) continue;
                        CheckKeys(bm, bp, BathKeys);
                        var level = Required(bm, bp, "level", "the Concentration the bath holds every cell at") is { } lv ? Qty(lv, Join(bp, "level"), NumKey.Of(Dimension.Concentration, Limits.NonNegative)) : null;
                        double from = bm["from"] is { } fr && Qty(fr, Join(bp, "from"), NumKey.Of(Dimension.Time, Limits.NonNegative)) is { } fv ? fv : 0;
                        double until = bm["until"] is { } un && Qty(un, Join(bp, "until"), NumKey.Of(Dimension.Time, Limits.NonNegative)) is { } uv ? uv : double.PositiveInfinity;
                        if (until <= from) Error(bm["until"]!, Join(bp, "until"), $"the bath ends ({until / 1000:0.###} s) before it starts ({from / 1000:0.###} s)");
                        else if (level is { } l) field.Baths.Add((from, until, l));
                    }
                if (f["acts_on"] is { } aon && Seq(aon, Join(path, "acts_on"), "a list of {populations, on: CHANNEL or release, max, ec50, hill}") is { } al)
                    for (int i = 0; i < al.Items.Count; i++)
                        if (BuildFieldEffect(al.Items[i], $"{path}.acts_on[{i}]") is { } fe) field.Effects.Add(fe);
                if (f["puffs"] is { } pn && Seq(pn, Join(path, "puffs"), "a list of {at, x, depth, amount}") is { } ps)
                    for (int i = 0; i < ps.Items.Count; i++)
                    {
                        string pp = $"{path}.puffs[{i}]";
                        if (Map(ps.Items[i], pp, "{at, x, depth, amount}") is not { } pm) continue;
                        CheckKeys(pm, pp, PuffKeys);
                        var at = Required(pm, pp, "at", "a Time") is { } an ? Qty(an, Join(pp, "at"), NumKey.Of(Dimension.Time, Limits.NonNegative)) : null;
                        var x = Required(pm, pp, "x", "a Length across the slab, 0-400 um") is { } xn ? Qty(xn, Join(pp, "x"), NumKey.Of(Dimension.Length, Limits.NonNegative)) : null;
                        var y = Required(pm, pp, "depth", "a Length below the dorsal surface, 0-550 um") is { } yn ? Qty(yn, Join(pp, "depth"), NumKey.Of(Dimension.Length, Limits.NonNegative)) : null;
                        var amt = Required(pm, pp, "amount", "a Concentration in that grid cell") is { } mn ? Qty(mn, Join(pp, "amount"), NumKey.Of(Dimension.Concentration, Limits.NonNegative)) : null;
                        if (x > LaminaGeometry.WidthUm) Error(pm["x"]!, Join(pp, "x"), $"the slab is {LaminaGeometry.WidthUm} um wide, found {x} um");
                        if (y > LaminaGeometry.DepthBand(null).Bottom) Error(pm["depth"]!, Join(pp, "depth"), $"the slab is {LaminaGeometry.DepthBand(null).Bottom} um deep, found {y} um");
                        double repeat = pm["every"] is { } ev && Qty(ev, Join(pp, "every"), NumKey.Of(Dimension.Time, Limits.Positive)) is { } evq ? evq : 0;
                        double until = pm["until"] is { } un && Qty(un, Join(pp, "until"), NumKey.Of(Dimension.Time, Limits.NonNegative)) is { } u ? u : double.PositiveInfinity;
                        if (pm["until"] is { } un2 && repeat == 0) Error(un2, Join(pp, "until"), "'until' ends a repeated puff: give 'every' too");
                        if (at is { } a && x is { } xv && y is { } yv && amt is { } m) field.Puffs.Add((a, xv, yv, m, repeat, until));
                    }
                if (f["kcc2"] is { } kn && Map(kn, Join(path, "kcc2"), "{populations, max, ec50, hill}") is { } km)
                {
                    string kp = Join(path, "kcc2");
                    CheckKeys(km, kp, FieldKcc2Keys);
                    var ks = new FieldKcc2Spec();
                    if (Required(km, kp, "populations", "the neuron populations (with chloride) whose KCC2 the field sets") is { } pn2
                        && Seq(pn2, Join(kp, "populations"), "a list of populations") is { } pl)
                        for (int i = 0; i < pl.Items.Count; i++)
                            if (PopulationRef(pl.Items[i], $"{kp}.populations[{i}]") is { } pop)
                            {
                                if (pop.Chloride is null)
                                    Error(pl.Items[i], $"{kp}.populations[{i}]", $"'{pop.Name}' has no chloride dynamics, so nothing follows its KCC2: give populations.{pop.Name}.chloride");
                                else ks.Populations.Add(pop.Name);
                            }
                    if (km["max"] is { } mx && Qty(mx, Join(kp, "max"), NumKey.Of(Dimension.Dimensionless, new Limits(-1, false, double.PositiveInfinity))) is { } max) ks.Max = max;
                    if (km["ec50"] is { } ec && Qty(ec, Join(kp, "ec50"), NumKey.Of(Dimension.Concentration, Limits.Positive)) is { } e50) ks.Ec50Um = e50;
                    if (km["hill"] is { } hl && Qty(hl, Join(kp, "hill"), NumKey.Of(Dimension.Dimensionless, Limits.Positive)) is { } hv) ks.Hill = hv;
                    if (km["receptor"] is { } rcn && Str(rcn, Join(kp, "receptor")) is { } rc)
                    {
                        var types = _spec.ReceptorTypes.Select(x => x.Name).ToList();
                        if (!types.Contains(rc)) Error(rcn, Join(kp, "receptor"), $"'{rc}' is not a receptor type{Suggest.Hint(rc, types, "receptor types are")} (the scenario needs the neuromodulation library: extends base/neuromodulation.yaml)");
                        else ks.Receptor = rc;
                    }
                    field.Kcc2 = ks;
                }
                t.Fields.Add(field);
            }
        }
        _spec.Tissue = t;
    }

    /// <summary>One item of <c>tissue.fields.F.acts_on</c>: a channel gain of neurons or the release of terminals, by the local level.</summary>
    private FieldEffectSpec? BuildFieldEffect(YNode node, string path)
    {
        if (Map(node, path, "{populations, on: CHANNEL or release, max, ec50, hill}") is not { } m) return null;
        CheckKeys(m, path, FieldEffectKeys);
        string? on = Required(m, path, "on", "a receptor channel of the populations (AMPA, NMDA, GABA_A, glycine) or 'release'") is { } on0 ? Str(on0, Join(path, "on")) : null;
        var fe = on is null ? null : new FieldEffectSpec { On = on };
        if (Required(m, path, "populations", "the populations acted on") is { } pn && Seq(pn, Join(path, "populations"), "a list of populations") is { } pl)
            for (int i = 0; i < pl.Items.Count; i++)
                if (PopulationRef(pl.Items[i], $"{path}.populations[{i}]") is { } pop)
                {
                    if (on is not null && on != "release")
                    {
                        if (pop.Kind != PopulationKind.Neuron)
                            Error(pl.Items[i], $"{path}.populations[{i}]", $"'{pop.Name}' is kind {KindWord(pop.Kind)}: a channel gain acts on neurons (use on: release for what fibres' terminals release)");
                        else
                        {
                            var channels = _spec.Projections.Where(x => x.To == pop.Name).SelectMany(x => x.Receptors.Keys).Concat(pop.Receptors.Keys).Distinct().ToList();
                            if (!channels.Contains(on))
                                Error(m["on"]!, Join(path, "on"), $"population {pop.Name} has no receptor channel '{on}'{Suggest.Hint(on, channels, "its channels are")}");
                        }
                    }
                    fe?.Populations.Add(pop.Name);
                }
        if (Required(m, path, "max", "the largest change, e.g. 0.5 (+50 %) or -0.4 (−40 %)") is { } mx
            && Qty(mx, Join(path, "max"), NumKey.Of(Dimension.Dimensionless, new Limits(-1, false, double.PositiveInfinity))) is { } max && fe is not null) fe.Max = max;
        if (Required(m, path, "ec50", "the level giving half the change, a Concentration") is { } ec
            && Qty(ec, Join(path, "ec50"), NumKey.Of(Dimension.Concentration, Limits.Positive)) is { } e50 && fe is not null) fe.Ec50Um = e50;
        if (m["hill"] is { } hn && Qty(hn, Join(path, "hill"), NumKey.Of(Dimension.Dimensionless, Limits.Positive)) is { } hill && fe is not null) fe.Hill = hill;
        return fe;
    }

    /// <summary><c>glia:</c> — microglia agents on the tissue slab (their fields must be tissue fields).</summary>
    private void BuildGlia(YMap root)
    {
        if (root["glia"] is not { } node) return;
        if (Map(node, "glia", "a map with time_compression, microglia, astrocytes") is not { } gm) return;
        CheckKeys(gm, "glia", GliaKeys);
        if (_spec.Tissue is not { } tissue)
        {
            Error(node, "glia", "glia live on the tissue slab and sense and secrete its fields: add a 'tissue:' section with the fields they use");
            return;
        }
        var glia = new GliaSpec();
        if (gm["time_compression"] is { } tc && Qty(tc, "glia.time_compression", NumKey.Of(Dimension.Dimensionless, Limits.Positive)) is { } c)
        {
            if (c < 1) Error(tc, "glia.time_compression", $"a compression is at least 1 (1: real time; 60: an hour of glia in a minute), found {c}");
            else glia.TimeCompression = c;
        }
        var fieldNames = tissue.Fields.Select(f => f.Name).ToList();
        foreach (var kind in new[] { "microglia", "astrocytes" })
            if (gm[kind] is { } cn0 && Map(cn0, $"glia.{kind}", "a map with count, senses, ec50, ...") is { } cells && BuildGliaCells(cells, $"glia.{kind}", kind, fieldNames) is { } spec)
            {
                if (kind == "microglia") glia.Microglia = spec; else glia.Astrocytes = spec;
            }
        tissue.Glia = glia;
    }

    /// <summary>One kind of glial cell (<c>glia.microglia</c>, <c>glia.astrocytes</c>): count, place, senses, kinetics, secretions.</summary>
    private GliaCellSpec? BuildGliaCells(YMap mm, string p, string kind, List<string> fieldNames)
    {
        CheckKeys(mm, p, MicrogliaKeys);
        var m = new GliaCellSpec();
        double ec50 = 3, hill = 1.5;
        if (mm["ec50"] is { } ec && Qty(ec, Join(p, "ec50"), NumKey.Of(Dimension.Concentration, Limits.Positive)) is { } e50) ec50 = e50;
        if (mm["hill"] is { } hn && Qty(hn, Join(p, "hill"), NumKey.Of(Dimension.Dimensionless, Limits.Positive)) is { } hl) hill = hl;
        if (Required(mm, p, "senses", "the field they sense (ATP), or a map {ATP: {ec50, hill, receptor}, CSF1: {...}}") is { } sn)
        {
            if (sn is YMap smap)
            {
                if (mm["ec50"] is { } e2) Error(e2, Join(p, "ec50"), "with several sensed fields, give ec50 under each field of senses");
                if (mm["hill"] is { } h2) Error(h2, Join(p, "hill"), "with several sensed fields, give hill under each field of senses");
                foreach (var e in smap.Entries)
                {
                    string sp = Join(Join(p, "senses"), e.Key);
                    if (!fieldNames.Contains(e.Key)) Error(e.KeyNode, sp, $"'{e.Key}' is not a field of tissue.fields{Suggest.Hint(e.Key, fieldNames, "fields are")}");
                    if (Map(e.Value, sp, "{ec50, hill, receptor}") is not { } em) continue;
                    CheckKeys(em, sp, SenseKeys);
                    double? fe50 = Required(em, sp, "ec50", "a Concentration") is { } en ? Qty(en, Join(sp, "ec50"), NumKey.Of(Dimension.Concentration, Limits.Positive)) : null;
                    double fh = em["hill"] is { } fhn && Qty(fhn, Join(sp, "hill"), NumKey.Of(Dimension.Dimensionless, Limits.Positive)) is { } fhv ? fhv : 1;
                    string? rec = em["receptor"] is { } rn2 ? Str(rn2, Join(sp, "receptor")) : null;
                    double baseline = 1, tau = 0;
                if (em["expression"] is { } xn && Map(xn, Join(sp, "expression"), "{baseline, tau}") is { } xm)
                {
                    string xp = Join(sp, "expression");
                    CheckKeys(xm, xp, ExpressionKeys);
                    if (Required(xm, xp, "baseline", "the expression of a resting cell, 0-1") is { } bn && Qty(bn, Join(xp, "baseline"), NumKey.Of(Dimension.Dimensionless, Limits.Fraction)) is { } bv) baseline = bv;
                    if (Required(xm, xp, "tau", "how fast expression follows activation (glial time)") is { } tn && Qty(tn, Join(xp, "tau"), NumKey.Of(Dimension.Time, Limits.Positive)) is { } tv) tau = tv;
                }
                if (fe50 is { } fev) m.Senses.Add(new SensedField(e.Key, fev, fh, rec, baseline, tau));
                }
            }
            else if (Str(sn, Join(p, "senses")) is { } senses)
            {
                if (!fieldNames.Contains(senses)) Error(sn, Join(p, "senses"), $"'{senses}' is not a field of tissue.fields{Suggest.Hint(senses, fieldNames, "fields are")}");
                else m.Senses.Add(new SensedField(senses, ec50, hill));
            }
        }
        if (Required(mm, p, "count", "a whole number of cells") is { } cn && Qty(cn, Join(p, "count"), NumKey.Of(Dimension.Dimensionless, Limits.Positive)) is { } count)
        {
            if (count != Math.Floor(count) || count > 1_000_000) Error(cn, Join(p, "count"), $"a whole number of cells up to 1000000, found {count}");
            else m.Count = (int)count;
        }
        if (mm["laminae"] is { } ln && Seq(ln, Join(p, "laminae"), "a list of laminae, e.g. [I, IIo]") is { } ls)
            for (int i = 0; i < ls.Items.Count; i++)
                if (Str(ls.Items[i], $"{p}.laminae[{i}]") is { } lam)
                {
                    if (Array.IndexOf(LaminaNames, lam) < 0) Error(ls.Items[i], $"{p}.laminae[{i}]", $"'{lam}' is not a lamina{Suggest.Hint(lam, LaminaNames, "laminae are")}");
                    else m.Laminae.Add(lam);
                }
        if (mm["activation_tau"] is { } an && Qty(an, Join(p, "activation_tau"), NumKey.Of(Dimension.Time, Limits.Positive)) is { } at) m.ActivationTauMs = at;
        if (mm["deactivation_tau"] is { } dn && Qty(dn, Join(p, "deactivation_tau"), NumKey.Of(Dimension.Time, Limits.Positive)) is { } dt) m.DeactivationTauMs = dt;
        if (mm["chemotaxis"] is { } ch && Qty(ch, Join(p, "chemotaxis"), NumKey.Of(Dimension.Velocity, Limits.NonNegative)) is { } v) m.ChemotaxisUmPerMs = v * 1000; // m/s → µm/ms
        if (mm["proliferation"] is { } pn0 && Map(pn0, Join(p, "proliferation"), "{rate: divisions per day of an active cell, max_count}") is { } pm)
        {
            string pp = Join(p, "proliferation");
            CheckKeys(pm, pp, ProliferationKeys);
            if (Required(pm, pp, "rate", "divisions per unit of glial time of a fully active cell, e.g. '1 /d'") is { } rn0
                && Qty(rn0, Join(pp, "rate"), NumKey.Of(Dimension.Frequency, Limits.NonNegative)) is { } hz) m.ProliferationPerMs = hz / 1000;
            if (Required(pm, pp, "max_count", "the most cells there can be") is { } mc && Qty(mc, Join(pp, "max_count"), NumKey.Of(Dimension.Dimensionless, Limits.Positive)) is { } max)
            {
                if (max != Math.Floor(max) || max > 1_000_000) Error(mc, Join(pp, "max_count"), $"a whole number of cells up to 1000000, found {max}");
                else if (max < m.Count) Error(mc, Join(pp, "max_count"), $"max_count ({max}) is below count ({m.Count})");
                else m.MaxCount = (int)max;
            }
        }
        if (mm["reach"] is { } rch && Qty(rch, Join(p, "reach"), NumKey.Of(Dimension.Length, Limits.NonNegative)) is { } reach) m.ReachUm = reach;
        if (mm["random_walk"] is { } rw && Qty(rw, Join(p, "random_walk"), NumKey.Of(Dimension.Diffusivity, Limits.NonNegative)) is { } dw) m.RandomWalkUm2PerMs = dw / 1000; // µm²/s → µm²/ms
        if (mm["secretes"] is { } sen && Map(sen, Join(p, "secretes"), "a map of fields to {early, late, late_tau}") is { } sm)
            foreach (var e in sm.Entries)
            {
                string sp = Join(Join(p, "secretes"), e.Key);
                if (!fieldNames.Contains(e.Key)) Error(e.KeyNode, sp, $"'{e.Key}' is not a field of tissue.fields{Suggest.Hint(e.Key, fieldNames, "fields are")}");
                if (Map(e.Value, sp, "{early, late, late_tau}") is not { } em) continue;
                CheckKeys(em, sp, SecretionKeys);
                double early = em["early"] is { } en && Qty(en, Join(sp, "early"), NumKey.Of(Dimension.Concentration, Limits.NonNegative)) is { } ev ? ev : 0;
                double late = em["late"] is { } lt && Qty(lt, Join(sp, "late"), NumKey.Of(Dimension.Concentration, Limits.NonNegative)) is { } lv ? lv : 0;
                double tau = em["late_tau"] is { } tn && Qty(tn, Join(sp, "late_tau"), NumKey.Of(Dimension.Time, Limits.Positive)) is { } tv ? tv : 60 * 60_000;
                string? requires = em["requires"] is { } rq ? Str(rq, Join(sp, "requires")) : null;
                if (requires is not null && !m.Senses.Exists(x => x.Field == requires))
                    Error(em["requires"]!, Join(sp, "requires"), $"'{requires}' is not a field the {kind} sense ({string.Join(", ", m.Senses.Select(x => x.Field))})");
                m.Secretes.Add(new SecretionSpec(e.Key, early, late, tau, requires));
            }
        return m;
    }
}
