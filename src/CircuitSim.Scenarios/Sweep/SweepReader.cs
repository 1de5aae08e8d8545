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
    private static readonly string[] Keys = ["mode", "parameters", "replicates", "samples", "method", "seed", "arms"];
    private static readonly string[] RangeKeys = ["from", "to", "steps", "scale", "integer"];

    public static SweepSpec? Read(YNode node, Diagnostics d)
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
                case "cohort":
                    d.Add(modeNode, "sweep.mode", "mode 'cohort' needs the patient profiles, which are not built yet: use grid or random");
                    break;
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
                    if (e.Value is YScalar { IsNull: true }) { arms.Add(new SweepArm(e.Key, [])); continue; }
                    if (e.Value is not YMap sets)
                    {
                        d.Add(e.Value, ap, $"expected a map of key paths to values (or nothing, for the unchanged scenario), found {e.Value.Describe()}");
                        continue;
                    }
                    arms.Add(new SweepArm(e.Key, sets.Entries.Select(s => new KeyValuePair<string, string>(s.Key, YamlFlow.Write(s.Value))).ToList()));
                }
        }

        if (d.Count > errors) return null;
        return new SweepSpec
        {
            Mode = mode, Parameters = parameters, Replicates = replicates, Samples = samples, Method = method,
            DesignSeed = designSeed, Arms = arms, Where = $"{node.Origin.File}:{node.Origin.Line}",
        };
    }

    private static SweepParameter? Parameter(YEntry e, SweepMode mode, Diagnostics d)
    {
        string path = e.Key;
        string kp = "sweep.parameters." + path;
        string where = $"{e.KeyNode.Origin.File}:{e.KeyNode.Origin.Line}:{e.KeyNode.Origin.Column}";
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

    private static string? Text(YNode n, string kp, Diagnostics d)
    {
        if (n is YScalar { IsNull: false } s) return s.Value.Trim();
        d.Add(n, kp, $"expected a single value, found {n.Describe()}");
        return null;
    }

    private static int? PositiveInt(YNode n, string kp, Diagnostics d)
    {
        if (Text(n, kp, d) is not { } t) return null;
        if (int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out int v) && v > 0) return v;
        d.Add(n, kp, $"expected a whole number of at least 1, found '{t}'");
        return null;
    }

    [GeneratedRegex(@"^(?<num>[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)\s*(?<unit>\S.*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex QuantityRegex();

    [GeneratedRegex(@"^[A-Za-z0-9_-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex NameRegex();
}
