using CircuitSim.Model;
using CircuitSim.Scenarios.Yaml;

namespace CircuitSim.Scenarios;

/// <summary>
/// drugs: the drug library (scenarios/library/drugs.yaml, merged under every scenario) and a scenario's own
/// drugs, in one schema: targets with IC50/K, Hill coefficient and efficacy, and optional pharmacokinetics.
/// </summary>
internal sealed partial class SpecBuilder
{
    private static readonly string[] DrugKeys = { "targets", "pk", "source" };
    private static readonly string[] TargetKeys = { "channel", "receptor", "transporter", "glia", "ic50", "k", "hill", "efficacy", "max_block" };
    private static readonly string[] PkKeys = { "molar_mass", "vd", "half_life", "free_fraction", "bioavailability", "absorption_half_life", "effect_site_half_life" };

    private void BuildDrugs(YMap root)
    {
        if (root["drugs"] is not { } node || Map(node, "drugs", "a map of drug name → {targets, pk, source}") is not { } map) return;
        foreach (var entry in map.Entries)
        {
            string path = Join("drugs", entry.Key);
            CheckName(entry, path, "drug");
            if (Map(entry.Value, path, "a map {targets, pk, source}") is not { } dm) continue;
            CheckKeys(dm, path, DrugKeys);
            var drug = new DrugSpec { Name = entry.Key };
            if (dm["source"] is { } src) drug.Source = Str(src, Join(path, "source")) ?? "";
            if (Required(dm, path, "targets", "a list of targets such as [{channel: NMDA, ic50: 1 uM}]") is { } tn
                && Seq(tn, Join(path, "targets"), "a list of targets") is { } targets)
            {
                for (int i = 0; i < targets.Items.Count; i++)
                    if (BuildTarget(targets.Items[i], $"{path}.targets[{i}]") is { } t) drug.Targets.Add(t);
            }
            if (dm["pk"] is { } pkNode && Map(pkNode, Join(path, "pk"), "a map of pharmacokinetic keys") is { } pm)
                drug.Pk = BuildPk(pm, Join(path, "pk"));
            _spec.Drugs[drug.Name] = drug;
        }
    }

    private DrugTargetSpec? BuildTarget(YNode node, string path)
    {
        if (Map(node, path, "a target {channel|receptor|transporter: NAME, ic50 (or k), hill, efficacy}") is not { } tm) return null;
        CheckKeys(tm, path, TargetKeys);
        var kinds = new[] { ("channel", DrugTargetKind.Channel), ("receptor", DrugTargetKind.Receptor), ("transporter", DrugTargetKind.Transporter), ("glia", DrugTargetKind.Glia) }
            .Where(k => tm[k.Item1] is not null).ToList();
        if (kinds.Count != 1)
        {
            Error(tm, path, "a target names exactly one of: channel, receptor, transporter, glia");
            return null;
        }
        var (word, kind) = kinds[0];
        string? name = Str(tm[word]!, Join(path, word));
        if (name is null) return null;
        if (kind == DrugTargetKind.Receptor && !_spec.ReceptorTypes.Exists(r => r.Name == name))
            Error(tm[word]!, Join(path, word), $"unknown receptor type '{name}'{Suggest.Hint(name, _spec.ReceptorTypes.Select(r => r.Name).ToList(), "receptor types are")}");
        string potencyKey = kind == DrugTargetKind.Receptor ? "k" : "ic50";
        double potency = 1;
        if (Required(tm, path, potencyKey, kind == DrugTargetKind.Receptor ? "the drug's affinity K, a Concentration" : "the half-blocking free concentration, a Concentration") is { } pn
            && Qty(pn, Join(path, potencyKey), NumKey.Of(Dimension.Concentration, Limits.Positive)) is { } p) potency = p;
        double hill = tm["hill"] is { } h && Qty(h, Join(path, "hill"), NumKey.Of(Dimension.Dimensionless, Limits.Positive)) is { } hv ? hv : 1;
        double efficacy = 0;
        if (tm["efficacy"] is { } en)
        {
            if (kind != DrugTargetKind.Receptor) Error(en, Join(path, "efficacy"), "efficacy applies to receptor targets (1 full agonist, 0 antagonist)");
            else if (Qty(en, Join(path, "efficacy"), NumKey.Of(Dimension.Dimensionless, Limits.Fraction)) is { } e) efficacy = e;
        }
        double maxBlock = 1;
        if (tm["max_block"] is { } mb)
        {
            if (kind is not (DrugTargetKind.Channel or DrugTargetKind.Glia)) Error(mb, Join(path, "max_block"), "max_block applies to channel and glia targets");
            else if (Qty(mb, Join(path, "max_block"), NumKey.Of(Dimension.Dimensionless, Limits.Fraction)) is { } m) maxBlock = m;
        }
        if (tm["k"] is { } kn && kind != DrugTargetKind.Receptor) Error(kn, Join(path, "k"), "channels, transporters and glia targets take 'ic50'");
        if (tm["ic50"] is { } icn && kind == DrugTargetKind.Receptor) Error(icn, Join(path, "ic50"), "a receptor target takes its affinity 'k' (and 'efficacy')");
        return new DrugTargetSpec(kind, name, potency, hill, efficacy, maxBlock);
    }

    private PharmacokineticsSpec BuildPk(YMap pm, string path)
    {
        CheckKeys(pm, path, PkKeys);
        var pk = new PharmacokineticsSpec();
        if (Required(pm, path, "molar_mass", "g/mol as a bare number, e.g. 237.7") is { } mm && Qty(mm, Join(path, "molar_mass"), NumKey.Of(Dimension.Dimensionless, Limits.Positive)) is { } m) pk.MolarMassGPerMol = m;
        if (Required(pm, path, "vd", "the volume of distribution in L/kg as a bare number, e.g. 3") is { } vn && Qty(vn, Join(path, "vd"), NumKey.Of(Dimension.Dimensionless, Limits.Positive)) is { } v) pk.VdLPerKg = v;
        if (Required(pm, path, "half_life", "the elimination half-life, a Time") is { } hn && Qty(hn, Join(path, "half_life"), NumKey.Of(Dimension.Time, Limits.Positive)) is { } h) pk.HalfLifeMs = h;
        if (pm["free_fraction"] is { } fn && Qty(fn, Join(path, "free_fraction"), NumKey.Of(Dimension.Dimensionless, Limits.Fraction)) is { } f) pk.FreeFraction = f;
        if (pm["bioavailability"] is { } bn && Qty(bn, Join(path, "bioavailability"), NumKey.Of(Dimension.Dimensionless, Limits.Fraction)) is { } b) pk.Bioavailability = b;
        if (pm["absorption_half_life"] is { } an && Qty(an, Join(path, "absorption_half_life"), NumKey.Of(Dimension.Time, Limits.Positive)) is { } a) pk.AbsorptionHalfLifeMs = a;
        if (pm["effect_site_half_life"] is { } en && Qty(en, Join(path, "effect_site_half_life"), NumKey.Of(Dimension.Time, Limits.Positive)) is { } e) pk.EffectSiteHalfLifeMs = e;
        return pk;
    }
}
