using CircuitSim.Scenarios.Yaml;

namespace CircuitSim.Scenarios;

/// <summary>
/// The command line's <c>--set PATH=VALUE</c>: after <c>extends</c> is merged, set the value at a
/// dotted key path, creating missing map keys on the way. VALUE is read as YAML
/// (<c>2s</c>, <c>10</c>, <c>[WDR, C]</c>, <c>{rule: all}</c>; empty or <c>null</c> deletes the key).
/// A name that is not in a map of named entries (<see cref="NamedEntries"/>) is refused with a
/// suggestion, since a misspelt <c>populations.WRD.count=5</c> would otherwise add a population;
/// a new entry is given whole (<c>populations.IN={kind: neuron, count: 5}</c>) and validated as
/// any other. Deleting a key that is not set is refused for the same reason.
/// Errors name the file <c>--set</c>, line = the number of the override, column = within its argument.
/// </summary>
internal static class Overrides
{
    public const string File = "--set";

    public static void Apply(YMap root, IReadOnlyList<string> sets, Diagnostics diag)
    {
        for (int i = 0; i < sets.Count; i++) ApplyOne(root, sets[i], i + 1, diag);
    }

    private static void ApplyOne(YMap root, string arg, int line, Diagnostics diag)
    {
        int eq = arg.IndexOf('=');
        if (eq < 0)
        {
            diag.Add(new Origin(File, line, 1), arg, $"expected PATH=VALUE (e.g. 'duration=2s'), found '{arg}' without '='");
            return;
        }
        string path = arg[..eq];
        var segments = new List<(string Key, int Column)>();
        int start = 0;
        bool bad = false;
        for (int k = 0; k <= path.Length; k++)
        {
            if (k < path.Length && path[k] != '.') continue;
            string seg = path[start..k];
            if (seg.Trim().Length == 0 || seg != seg.Trim())
            {
                diag.Add(new Origin(File, line, start + 1), path.Length == 0 ? "(empty)" : path,
                    path.Length == 0 ? "expected a key path before '=' (e.g. 'stimuli.train.frequency=2 Hz')"
                                     : $"the key path '{path}' has an empty or blank key at column {start + 1}");
                bad = true;
                break;
            }
            segments.Add((seg, start + 1));
            start = k + 1;
        }
        if (bad) return;
        if (segments[0].Key == "extends")
        {
            diag.Add(new Origin(File, line, 1), path, "'extends' cannot be changed with --set; it is read before overrides apply");
            return;
        }

        var value = YamlReader.Parse(arg[(eq + 1)..], File, diag, columnOffset: eq + 1, fixedLine: line);
        if (value is null) return;

        YMap cur = root;
        bool deletes = value is YScalar { IsNull: true };
        for (int k = 0; k < segments.Count; k++)
        {
            var (key, col) = segments[k];
            var entry = cur.Entry(key);
            bool missing = entry is null || entry.Value is YScalar { IsNull: true };
            bool last = k == segments.Count - 1;
            if (missing && (!last || deletes) && Misspelt(cur, segments, k, deletes) is { } why)
            {
                diag.Add(new Origin(File, line, col), string.Join('.', segments.Take(k + 1).Select(s => s.Key)), why);
                return;
            }
            if (last) break;
            if (missing)
            {
                var created = new YMap(new Origin(File, line, col));
                cur.Set(new YScalar(new Origin(File, line, col), key, plain: true), created);
                cur = created;
            }
            else if (entry!.Value is YMap m) cur = m;
            else
            {
                string prefix = string.Join('.', segments.Take(k + 1).Select(s => s.Key));
                var at = entry.Value.Origin;
                diag.Add(new Origin(File, line, col), path,
                    $"cannot set '{path}': '{prefix}' is {entry.Value.Describe()} (from {at.File}:{at.Line}:{at.Column}), not a map");
                return;
            }
        }
        var (leaf, leafCol) = segments[^1];
        cur.Set(new YScalar(new Origin(File, line, leafCol), leaf, plain: true), value);
    }

    /// <summary>
    /// Why the missing key <c>segments[k]</c> of <paramref name="map"/> may not be created (or deleted),
    /// or null: a named entry must exist unless given whole, and only a key that is set can be deleted.
    /// </summary>
    private static string? Misspelt(YMap map, List<(string Key, int Column)> segments, int k, bool deletes)
    {
        string key = segments[k].Key;
        var present = map.Entries.Where(e => e.Value is not YScalar { IsNull: true }).Select(e => e.Key).ToList();
        if (NamedEntries.Of(segments.Take(k).Select(s => s.Key).ToList()) is { } named)
        {
            if (named.Builtin.Contains(key) && !deletes) return null;
            var names = present.Concat(named.Builtin).Distinct().ToList();
            var near = Suggest.Nearest(key, names);
            if (near is not null) return $"no {named.One} '{key}' (did you mean '{near}'?)";
            string prefix = string.Join('.', segments.Take(k + 1).Select(s => s.Key));
            return $"no {named.One} '{key}' ({(names.Count == 0 ? $"there are no {named.Many}" : $"{named.Many} are: {string.Join(", ", names)}")})" +
                   (deletes ? "" : $"; a new {named.One} is given whole, e.g. --set '{prefix}={{...}}'");
        }
        if (!deletes) return null;
        return $"'{key}' is not set, so there is nothing to delete{Suggest.Hint(key, present, "keys here are")}";
    }
}
