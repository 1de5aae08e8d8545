using System.Globalization;
using System.Text.RegularExpressions;
using CircuitSim.Scenarios.Yaml;

namespace CircuitSim.Scenarios;

/// <summary>
/// Reads the <c>sweep:</c> section into a <see cref="SweepSpec"/>, reporting every problem with its
/// file, line and key. Values are checked again, with the rest of the scenario, when each point is
/// loaded (<c>circuitsim sweep</c> loads every distinct value once before it starts).
/// </summary>
internal static partial class SweepReader
{
    private static readonly string[] Keys = ["mode", "parameters", "replicates", "samples", "method", "seed", "arms", "cohort", "profiles", "stratify", "figures"];
    private static readonly string[] RangeKeys = ["from", "to", "steps", "scale", "integer"];

    public static SweepSpec? Read(YNode node, Diagnostics d, string scenarioDir)
    {
        if (node is not YMap m)
        {
            d.Add(node, "sweep", $"expected a map (parameters, mode, replicates, ...), found {node.Describe()}");
            return null;
        }
        int errors = d.Count;
        foreach (var e in m.Entries)
            if (Array.IndexOf(Keys, e.Key) < 0)
                d.Add(e.KeyNode, "sweep." + e.Key, $"unknown key '{e.Key}'{Suggest.Hint(e.Key, Keys, "sweep keys are")}");

        var mode = SweepMode.Grid;
        if (m["mode"] is { } modeNode)
        {
            switch (Text(modeNode, "sweep.mode", d))
            {
                case "grid": mode = SweepMode.Grid; break;
                case "random": mode = SweepMode.Random; break;
                case "cohort": mode = SweepMode.Cohort; break;
                case { } other: d.Add(modeNode, "sweep.mode", $"expected grid, random or cohort, found '{other}'"); break;
            }
        }

        int replicates = m["replicates"] is { } rn ? PositiveInt(rn, "sweep.replicates", d) ?? 1 : 1;
        int samples = 0;
        if (m["samples"] is { } sn)
        {
            if (mode != SweepMode.Random) d.Add(sn, "sweep.samples", "'samples' is the number of points of mode: random; a grid runs every combination");
            else samples = PositiveInt(sn, "sweep.samples", d) ?? 0;
        }
        else if (mode == SweepMode.Random) d.Add(m.Entry("mode")!.KeyNode, "sweep.samples", "mode: random needs 'samples', the number of points to draw");

        var method = SamplingMethod.LatinHypercube;
        if (m["method"] is { } mn)
        {
            if (mode != SweepMode.Random) d.Add(mn, "sweep.method", "'method' chooses the sampling of mode: random (lhs or sobol)");
            else switch (Text(mn, "sweep.method", d))
            {
                case "lhs" or "latin_hypercube": method = SamplingMethod.LatinHypercube; break;
                case "sobol": method = SamplingMethod.Sobol; break;
                case { } other: d.Add(mn, "sweep.method", $"expected lhs or sobol, found '{other}'"); break;
            }
        }

        ulong? designSeed = null;
        if (m["seed"] is { } seedNode)
        {
            if (mode != SweepMode.Random || method != SamplingMethod.LatinHypercube)
                d.Add(seedNode, "sweep.seed", "'seed' shuffles a Latin hypercube (mode: random, method: lhs); the runs' seeds are the scenario's seed + replicate");
            else if (Text(seedNode, "sweep.seed", d) is { } st)
            {
                if (ulong.TryParse(st, NumberStyles.None, CultureInfo.InvariantCulture, out var s)) designSeed = s;
                else d.Add(seedNode, "sweep.seed", $"expected a non-negative integer, found '{st}'");
            }
        }

        var parameters = new List<SweepParameter>();
        if (m["parameters"] is { } pn)
        {
            if (pn is not YMap pm || pm.Entries.Count == 0)
                d.Add(pn, "sweep.parameters", $"expected a map of key paths to values, e.g. 'stimuli.train.frequency: [0.5 Hz, 1 Hz]', found {pn.Describe()}");
            else
                foreach (var e in pm.Entries)
                    if (Parameter(e, mode, d) is { } p) parameters.Add(p);
        }
        else if (m["arms"] is null && mode != SweepMode.Cohort)
            d.Add(m.Entries.Count > 0 ? m.Entries[0].KeyNode : m, "sweep.parameters", "a sweep needs 'parameters' (key paths and their values) or 'arms' (named variants)");
        if (mode == SweepMode.Random && parameters.Count == 0 && m["parameters"] is null)
            d.Add(m, "sweep.parameters", "mode: random draws points of 'parameters'; give at least one");
        if (mode == SweepMode.Random && method == SamplingMethod.Sobol && parameters.Count > 21)
            d.Add(m["parameters"]!, "sweep.parameters", $"Sobol' points here have at most 21 dimensions (Joe & Kuo's first table rows); found {parameters.Count} parameters: use method: lhs");

        var arms = new List<SweepArm>();
        if (m["arms"] is { } an)
        {
            if (an is not YMap am || am.Entries.Count == 0)
                d.Add(an, "sweep.arms", $"expected a map of arm names to overrides, e.g. 'ketamine: {{ interventions.k.dose: 0.5 mg/kg }}', found {an.Describe()}");
            else
                foreach (var e in am.Entries)
                {
                    string ap = "sweep.arms." + e.Key;
                    if (!NameRegex().IsMatch(e.Key)) d.Add(e.KeyNode, ap, "an arm's name is letters, digits, '_' and '-'");
                    if (e.Value is not YMap sets)
                    {
                        d.Add(e.Value, ap, $"expected a map of key paths to values (or nothing, for the unchanged scenario), found {e.Value.Describe()}");
                        continue;
                    }
                    foreach (var bad in sets.Entries.Where(x => x.Key == "seed" || x.Key.StartsWith("sweep", StringComparison.Ordinal) || x.Key.StartsWith("extends", StringComparison.Ordinal)))
                        d.Add(bad.KeyNode, ap + "." + bad.Key, bad.Key == "seed"
                            ? "an arm runs on the point's seeds; vary seeds with 'replicates'"
                            : $"an arm changes the scenario, not '{bad.Key}'");
                    arms.Add(new SweepArm(e.Key, sets.Entries.Select(s => new KeyValuePair<string, string>(s.Key, YamlFlow.Write(s.Value))).ToList()));
                }
        }

        CohortSpec? cohort = null;
        var profiles = new List<GeneProfile>();
        if (mode == SweepMode.Cohort)
        {
            if (m["parameters"] is { } pp) d.Add(pp, "sweep.parameters", "a cohort's patients differ by their expression profiles; put changes common to all patients in the scenario, and interventions in 'arms'");
            if (m["cohort"] is { } cn) cohort = CohortReader.Cohort(cn, d, scenarioDir);
            else d.Add(m.Entry("mode")!.KeyNode, "sweep.cohort", "mode: cohort needs 'cohort' (size and seed, or the table of expression z-scores)");
            if (m["profiles"] is { } prn) profiles = CohortReader.Profiles(prn, d);
            else d.Add(m.Entry("mode")!.KeyNode, "sweep.profiles", "mode: cohort needs 'profiles': what each gene's expression changes");
        }
        else
            foreach (var k in new[] { "cohort", "profiles" })
                if (m[k] is { } bad) d.Add(bad, "sweep." + k, $"'{k}' belongs to mode: cohort");
        StratifySpec? stratify = null;
        if (m["stratify"] is { } stn)
        {
            if (mode != SweepMode.Cohort) d.Add(stn, "sweep.stratify", "'stratify' clusters the patients of mode: cohort");
            else stratify = CohortReader.Stratify(stn, d, arms.Select(a => a.Name).ToList());
        }
        if (cohort is not null)
            foreach (var g in cohort.Expression)
                if (!profiles.Any(p => p.Gene == g.Gene))
                    d.Add(m["cohort"]!, "sweep.cohort.expression." + g.Gene, $"'{g.Gene}' has no profile in sweep.profiles, so its expression would change nothing");

        var figures = new List<SweepFigure>();
        if (m["figures"] is { } fn)
        {
            if (fn is not YMap fm || fm.Entries.Count == 0)
                d.Add(fn, "sweep.figures", $"expected a map of figure names to {{type: heatmap | curve, metric, x, y}}, found {fn.Describe()}");
            else
                foreach (var e in fm.Entries)
                    if (Figure(e, parameters, d) is { } f) figures.Add(f);
        }

        if (d.Count > errors) return null;
        return new SweepSpec
        {
            Mode = mode, Parameters = parameters, Replicates = replicates, Samples = samples, Method = method,
            DesignSeed = designSeed, Arms = arms, Cohort = cohort, Profiles = profiles, Stratify = stratify, Figures = figures,
            Where = $"{node.Origin.File}:{node.Origin.Line}",
        };
    }

    private static SweepFigure? Figure(YEntry e, List<SweepParameter> parameters, Diagnostics d)
    {
        string fp = "sweep.figures." + e.Key;
        if (!NameRegex().IsMatch(e.Key)) d.Add(e.KeyNode, fp, "a figure's name is letters, digits, '_' and '-' (it names the PNG)");
        if (e.Value is not YMap m) { d.Add(e.Value, fp, $"expected {{type, metric, x, y}}, found {e.Value.Describe()}"); return null; }
        foreach (var k in m.Entries)
            if (k.Key is not ("type" or "metric" or "x" or "y" or "x_scale"))
                d.Add(k.KeyNode, fp + "." + k.Key, $"unknown key '{k.Key}'{Suggest.Hint(k.Key, ["type", "metric", "x", "y", "x_scale"], "a figure's keys are")}");
        bool logX = false;
        if (m["x_scale"] is { } xs)
            switch (Text(xs, fp + ".x_scale", d))
            {
                case "log": logX = true; break;
                case "linear": break;
                case { } other: d.Add(xs, fp + ".x_scale", $"expected linear or log, found '{other}'"); break;
            }
        string? type = m["type"] is { } tn ? Text(tn, fp + ".type", d) : null;
        if (type is not null and not ("heatmap" or "curve")) { d.Add(m["type"]!, fp + ".type", $"expected heatmap or curve, found '{type}'"); type = null; }
        if (m["type"] is null) d.Add(m, fp + ".type", "a figure needs 'type': heatmap (a metric against two parameters) or curve (against one)");
        string? metric = m["metric"] is { } mn ? Text(mn, fp + ".metric", d) : null;
        if (m["metric"] is null) d.Add(m, fp + ".metric", "a figure needs 'metric': a column of results.csv, e.g. windup.windup.windup_index");
        string? Axis(string key, bool required)
        {
            if (m[key] is not { } an)
            {
                if (required) d.Add(m, fp + "." + key, $"a {type ?? "figure"} needs '{key}': a swept key path");
                return null;
            }
            if (Text(an, fp + "." + key, d) is not { } path) return null;
            if (!parameters.Any(p => p.Path == path))
                d.Add(an, fp + "." + key, $"'{path}' is not a swept parameter{Suggest.Hint(path, parameters.Select(p => p.Path).ToList(), "the parameters are")}");
            return path;
        }
        string? x = Axis("x", true);
        string? y = Axis("y", type == "heatmap");
        if (type == "curve" && m["y"] is { } yn) d.Add(yn, fp + ".y", "a curve has one parameter, 'x'; a heatmap has two");
        if (type is null || metric is null || x is null || (type == "heatmap" && y is null)) return null;
        if (logX && type == "heatmap") d.Add(m["x_scale"]!, fp + ".x_scale", "x_scale is for curves; a heat map's axes list the swept values as they are");
        return new SweepFigure(e.Key, type, metric, x, type == "heatmap" ? y : null, $"{e.KeyNode.Origin.File}:{e.KeyNode.Origin.Line}", logX);
    }

    private static SweepParameter? Parameter(YEntry e, SweepMode mode, Diagnostics d)
    {
        string path = e.Key;
        string kp = "sweep.parameters." + path;
        string where = $"{e.KeyNode.Origin.File}:{e.KeyNode.Origin.Line}:{e.KeyNode.Origin.Column}";
        if (path == "seed")
        {
            d.Add(e.KeyNode, kp, "seeds are varied by 'replicates' (replicate r runs with the scenario's seed + r, a column of the table), not as a parameter");
            return null;
        }
        if (path.Split('.').Any(s => s.Trim().Length == 0 || s.Trim() != s) || path.StartsWith("sweep", StringComparison.Ordinal) || path == "extends" || path.StartsWith("extends.", StringComparison.Ordinal))
        {
            d.Add(e.KeyNode, kp, $"'{path}' is not a key path that a sweep can set (a dotted path such as 'projections.C_WDR.receptors.NMDA')");
            return null;
        }
        switch (e.Value)
        {
            case YSeq seq:
                if (seq.Items.Count == 0) { d.Add(seq, kp, "the list of values is empty"); return null; }
                return new SweepParameter { Path = path, Where = where, Values = seq.Items.Select(YamlFlow.Write).ToList() };
            case YMap rm:
                return Range(rm, path, kp, where, mode, d);
            default:
                d.Add(e.Value, kp, $"expected a list of values ([1 Hz, 2 Hz]) or a range ({{from: 0 nS, to: 1 nS, steps: 5}}), found {e.Value.Describe()}");
                return null;
        }
    }

    private static SweepParameter? Range(YMap rm, string path, string kp, string where, SweepMode mode, Diagnostics d)
    {
        int errors = d.Count;
        foreach (var e in rm.Entries)
            if (Array.IndexOf(RangeKeys, e.Key) < 0)
                d.Add(e.KeyNode, kp + "." + e.Key, $"unknown key '{e.Key}'{Suggest.Hint(e.Key, RangeKeys, "a range's keys are")}");
        var from = Number(rm, "from", kp, d);
        var to = Number(rm, "to", kp, d);
        int steps = 0;
        if (rm["steps"] is { } sn)
        {
            if (mode != SweepMode.Grid) d.Add(sn, kp + ".steps", "'steps' divides a range of mode: grid; mode: random draws 'samples' points");
            else steps = PositiveInt(sn, kp + ".steps", d) ?? 0;
        }
        else if (mode == SweepMode.Grid) d.Add(rm, kp, "a range in a grid needs 'steps' (the number of values, from and to included)");
        bool log = false;
        if (rm["scale"] is { } scn)
            switch (Text(scn, kp + ".scale", d))
            {
                case "linear": break;
                case "log": log = true; break;
                case { } other: d.Add(scn, kp + ".scale", $"expected linear or log, found '{other}'"); break;
            }
        bool integer = false;
        if (rm["integer"] is { } inn)
            switch (Text(inn, kp + ".integer", d))
            {
                case "true": integer = true; break;
                case "false": break;
                case { } other: d.Add(inn, kp + ".integer", $"expected true or false, found '{other}'"); break;
            }
        if (from is { } f && to is { } t)
        {
            if (f.Unit != t.Unit) d.Add(rm, kp, $"'from' and 'to' must be written in the same unit, found '{f.Unit}' and '{t.Unit}'");
            if (log && (f.Value <= 0 || t.Value <= 0)) d.Add(rm, kp, "scale: log needs 'from' and 'to' above zero");
        }
        if (d.Count > errors || from is null || to is null) return null;
        return new SweepParameter
        {
            Path = path, Where = where, From = from.Value.Value, To = to.Value.Value, Unit = from.Value.Unit, Steps = steps, Log = log, Integer = integer,
        };
    }

    private static (double Value, string Unit)? Number(YMap rm, string key, string kp, Diagnostics d)
    {
        if (rm[key] is not { } n)
        {
            d.Add(rm, kp, $"a range needs '{key}'");
            return null;
        }
        if (Text(n, kp + "." + key, d) is not { } text) return null;
        var match = QuantityRegex().Match(text);
        if (!match.Success || !double.TryParse(match.Groups["num"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
        {
            d.Add(n, kp + "." + key, $"expected a number with an optional unit ('0.5 nS', '10'), found '{text}'");
            return null;
        }
        string unit = match.Groups["unit"].Value;
        if (unit.Length > 0 && !Units.TryParse("1 " + unit, out _, out _))
        {
            d.Add(n, kp + "." + key, $"'{unit}' is not a unit CircuitSim knows");
            return null;
        }
        return (v, unit);
    }

    internal static string? Text(YNode n, string kp, Diagnostics d)
    {
        if (n is YScalar { IsNull: false } s) return s.Value.Trim();
        d.Add(n, kp, $"expected a single value, found {n.Describe()}");
        return null;
    }

    internal static int? PositiveInt(YNode n, string kp, Diagnostics d)
    {
        if (Text(n, kp, d) is not { } t) return null;
        if (int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out int v) && v > 0) return v;
        d.Add(n, kp, $"expected a whole number of at least 1, found '{t}'");
        return null;
    }

    [GeneratedRegex(@"^(?<num>[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)\s*(?<unit>\S.*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex QuantityRegex();

    [GeneratedRegex(@"^[A-Za-z0-9_-]+$", RegexOptions.CultureInvariant)]
    internal static partial Regex NameRegex();
}
