using System.Globalization;
using CircuitSim.Scenarios.Yaml;

namespace CircuitSim.Scenarios;

/// <summary>Reads <c>sweep.cohort</c>, <c>sweep.profiles</c> and <c>sweep.stratify</c>, each problem with its line and key.</summary>
internal static class CohortReader
{
    private static readonly string[] CohortKeys = ["size", "seed", "expression", "table"];
    private static readonly string[] ProfileKeys = ["source", "effects"];
    private static readonly string[] EffectKeys = ["fold", "shift", "min", "max"];
    private static readonly string[] StratifyKeys = ["phenotypes", "clusters", "outcome", "responder_drop", "base_arm"];

    public static CohortSpec? Cohort(YNode node, Diagnostics d, string scenarioDir)
    {
        if (node is not YMap m) { d.Add(node, "sweep.cohort", $"expected a map (size, seed, expression, or table), found {node.Describe()}"); return null; }
        Unknown(m, "sweep.cohort", CohortKeys, d);
        int size = 0;
        string? table = null;
        if (m["table"] is { } tn && SweepReader.Text(tn, "sweep.cohort.table", d) is { } rel)
        {
            // relative to the file that names it (an extended file's table sits beside that file), or to the working folder for --set
            string dir = tn.Origin.File == Overrides.File ? Environment.CurrentDirectory : Path.GetDirectoryName(Path.GetFullPath(tn.Origin.File)) ?? scenarioDir;
            table = Path.GetFullPath(Path.Combine(dir, rel));
            if (!File.Exists(table)) d.Add(tn, "sweep.cohort.table", $"no file '{rel}' (looked for {table})");
            if (m["size"] is { } sz) d.Add(sz, "sweep.cohort.size", "the cohort is the table's patients; give 'size' only to sample a cohort");
            if (m["expression"] is { } ex) d.Add(ex, "sweep.cohort.expression", "the table gives each patient's expression; give 'expression' only to sample a cohort");
        }
        else if (m["size"] is { } sn) size = SweepReader.PositiveInt(sn, "sweep.cohort.size", d) ?? 0;
        else d.Add(m, "sweep.cohort", "a cohort needs 'size' (patients to sample) or 'table' (a CSV of expression z-scores)");
        ulong? seed = null;
        if (m["seed"] is { } sd && SweepReader.Text(sd, "sweep.cohort.seed", d) is { } st)
        {
            if (ulong.TryParse(st, NumberStyles.None, CultureInfo.InvariantCulture, out var v)) seed = v;
            else d.Add(sd, "sweep.cohort.seed", $"expected a non-negative integer, found '{st}'");
        }
        var expression = new List<GeneDistribution>();
        if (m["expression"] is YMap em)
            foreach (var e in em.Entries)
            {
                string kp = "sweep.cohort.expression." + e.Key;
                if (e.Value is not YMap gm) { d.Add(e.Value, kp, $"expected {{mean: z, sd: s}}, found {e.Value.Describe()}"); continue; }
                Unknown(gm, kp, ["mean", "sd"], d);
                double mean = gm["mean"] is { } mn ? Number(mn, kp + ".mean", d) ?? 0 : 0;
                double sdv = gm["sd"] is { } sdn ? Number(sdn, kp + ".sd", d) ?? 1 : 1;
                if (sdv < 0) d.Add(gm["sd"]!, kp + ".sd", "a standard deviation is not negative");
                expression.Add(new GeneDistribution(e.Key, mean, sdv));
            }
        else if (m["expression"] is { } bad) d.Add(bad, "sweep.cohort.expression", $"expected a map of gene → {{mean, sd}}, found {bad.Describe()}");
        return new CohortSpec { Size = size, Seed = seed, Table = table, Expression = expression, Where = $"{node.Origin.File}:{node.Origin.Line}" };
    }

    public static List<GeneProfile> Profiles(YNode node, Diagnostics d)
    {
        var list = new List<GeneProfile>();
        if (node is not YMap m || m.Entries.Count == 0) { d.Add(node, "sweep.profiles", $"expected a map of gene → {{source, effects}}, found {node.Describe()}"); return list; }
        foreach (var g in m.Entries)
        {
            string gp = "sweep.profiles." + g.Key;
            if (!SweepReader.NameRegex().IsMatch(g.Key)) d.Add(g.KeyNode, gp, "a gene's name is letters, digits, '_' and '-'");
            if (g.Value is not YMap gm) { d.Add(g.Value, gp, $"expected {{source, effects}}, found {g.Value.Describe()}"); continue; }
            Unknown(gm, gp, ProfileKeys, d);
            string source = "";
            if (gm["source"] is { } sn) source = SweepReader.Text(sn, gp + ".source", d) ?? "";
            else d.Add(gm, gp + ".source", "a profile says where its direction and size come from: give 'source'");
            var effects = new List<ProfileEffect>();
            if (gm["effects"] is YMap em && em.Entries.Count > 0)
                foreach (var e in em.Entries)
                {
                    string ep = gp + ".effects." + e.Key;
                    string where = $"{e.KeyNode.Origin.File}:{e.KeyNode.Origin.Line}:{e.KeyNode.Origin.Column}";
                    if (e.Value is not YMap fm) { d.Add(e.Value, ep, $"expected {{fold: x}} and/or {{shift: q}}, found {e.Value.Describe()}"); continue; }
                    Unknown(fm, ep, EffectKeys, d);
                    double fold = 1;
                    if (fm["fold"] is { } fn && Number(fn, ep + ".fold", d) is { } f)
                    {
                        if (f <= 0) d.Add(fn, ep + ".fold", "a fold change per SD is above 0 (1: none; 1.5: ×1.5 per SD)");
                        fold = f;
                    }
                    double shift = 0;
                    string unit = "";
                    if (fm["shift"] is { } shn && SweepReader.Text(shn, ep + ".shift", d) is { } stext)
                    {
                        var parts = stext.Split(' ', 2, StringSplitOptions.TrimEntries);
                        if (!double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out shift))
                            d.Add(shn, ep + ".shift", $"expected a quantity added per SD such as '-4 mV', found '{stext}'");
                        unit = parts.Length > 1 ? parts[1] : "";
                    }
                    if (fm["fold"] is null && fm["shift"] is null) d.Add(fm, ep, "an effect needs 'fold' (a multiplier per SD) or 'shift' (an amount added per SD)");
                    double? min = fm["min"] is { } mn ? Number(mn, ep + ".min", d) : null;
                    double? max = fm["max"] is { } mx ? Number(mx, ep + ".max", d) : null;
                    if (min is { } lo && max is { } hi && lo > hi) d.Add(fm, ep, $"min ({lo}) is above max ({hi})");
                    effects.Add(new ProfileEffect(e.Key, fold, shift, unit, min, max, where));
                }
            else d.Add(gm["effects"] ?? gm, gp + ".effects", "a profile needs 'effects': key paths and how expression changes them");
            list.Add(new GeneProfile(g.Key, source, effects, $"{g.KeyNode.Origin.File}:{g.KeyNode.Origin.Line}"));
        }
        return list;
    }

    public static StratifySpec? Stratify(YNode node, Diagnostics d, IReadOnlyList<string> arms)
    {
        if (node is not YMap m) { d.Add(node, "sweep.stratify", $"expected a map (phenotypes, clusters, outcome), found {node.Describe()}"); return null; }
        Unknown(m, "sweep.stratify", StratifyKeys, d);
        var phenotypes = new List<string>();
        if (m["phenotypes"] is YSeq ps && ps.Items.Count > 0)
            foreach (var p in ps.Items)
                if (SweepReader.Text(p, "sweep.stratify.phenotypes", d) is { } t) phenotypes.Add(t);
        if (phenotypes.Count == 0) d.Add(m["phenotypes"] ?? m, "sweep.stratify.phenotypes", "give the metric columns to cluster on, e.g. [response.touch_pn.rate_hz, windup.windup.windup_index]");
        int k = m["clusters"] is { } kn ? SweepReader.PositiveInt(kn, "sweep.stratify.clusters", d) ?? 3 : 3;
        string? outcome = m["outcome"] is { } on ? SweepReader.Text(on, "sweep.stratify.outcome", d) : null;
        double drop = m["responder_drop"] is { } rn ? Number(rn, "sweep.stratify.responder_drop", d) ?? 0.3 : 0.3;
        if (drop is <= 0 or >= 1) d.Add(m["responder_drop"]!, "sweep.stratify.responder_drop", "a fraction between 0 and 1 (0.3: a 30 % fall)");
        string baseArm = m["base_arm"] is { } bn ? SweepReader.Text(bn, "sweep.stratify.base_arm", d) ?? "base" : "base";
        if (arms.Count > 0 && !arms.Contains(baseArm))
            d.Add(m["base_arm"] ?? m, "sweep.stratify.base_arm", $"no arm '{baseArm}' (arms are: {string.Join(", ", arms)}); phenotypes are read in the arm without intervention");
        if (outcome is null && arms.Count > 1) d.Add(m, "sweep.stratify.outcome", "with intervention arms, give 'outcome': the metric whose change says who responds");
        return new StratifySpec { Phenotypes = phenotypes, Clusters = k, Outcome = outcome, ResponderDrop = drop, BaseArm = baseArm, Where = $"{node.Origin.File}:{node.Origin.Line}" };
    }

    private static double? Number(YNode n, string kp, Diagnostics d)
    {
        if (SweepReader.Text(n, kp, d) is not { } t) return null;
        if (double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v)) return v;
        d.Add(n, kp, $"expected a number, found '{t}'");
        return null;
    }

    private static void Unknown(YMap m, string path, string[] keys, Diagnostics d)
    {
        foreach (var e in m.Entries)
            if (Array.IndexOf(keys, e.Key) < 0)
                d.Add(e.KeyNode, path + "." + e.Key, $"unknown key '{e.Key}'{Suggest.Hint(e.Key, keys, "keys here are")}");
    }
}
