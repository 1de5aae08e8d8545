using System.Globalization;
using CircuitSim.Model;
using CircuitSim.Scenarios.Yaml;

namespace CircuitSim.Scenarios;

/// <summary>
/// Turns the merged YAML tree into a <see cref="ScenarioSpec"/>: checks every key, converts every
/// quantity to internal units and checks every reference, adding each problem to the diagnostics
/// and going on, so that one pass finds them all.
/// </summary>
internal sealed partial class SpecBuilder
{
    private static readonly string[] TopKeys =
    {
        "name", "description", "extends", "seed", "duration", "dt", "backend",
        "populations", "projections", "stimuli", "interventions", "record",
        "substances", "receptor_types", "modulation", "slow_clock", "drugs", "tissue", "glia",
    };

    /// <summary>Top-level keys of the format (shared/SCENARIO.md) that nothing acts on yet: refused, never ignored.</summary>
    private static string? NotYetSupported(string key) => null; // every top-level key of SCENARIO.md acts now

    private readonly Diagnostics _d;
    private readonly ScenarioSpec _spec = new() { Name = "" };

    private SpecBuilder(Diagnostics diagnostics) => _d = diagnostics;
    private SpecBuilder(Diagnostics diagnostics, ScenarioSpec spec) { _d = diagnostics; _spec = spec; }

    /// <summary>
    /// A key path and value written outside the scenario's own sections (the live view's actions), checked as an
    /// intervention's <c>set</c> is: the path must name a settable key, the value carries its unit and limits.
    /// </summary>
    internal static double? SettableValue(ScenarioSpec spec, Diagnostics d, YEntry entry, string path)
    {
        var b = new SpecBuilder(d, spec);
        var key = b.ResolveSettable(entry.Key, out string? why);
        if (key is null)
        {
            d.Add(entry.KeyNode, path, $"cannot set '{entry.Key}': {why}");
            return null;
        }
        return b.Qty(entry.Value, path, key);
    }

    public static ScenarioSpec Build(YMap root, Diagnostics diagnostics)
    {
        var b = new SpecBuilder(diagnostics);
        b.BuildTop(root);
        return b._spec;
    }

    private void BuildTop(YMap root)
    {
        CheckKeys(root, "", TopKeys, NotYetSupported);

        if (Required(root, "", "name", "a short title of the scenario") is { } nameNode)
            _spec.Name = Str(nameNode, "name") ?? "";
        if (root["description"] is { } desc) _spec.Description = Str(desc, "description") ?? "";
        if (root["seed"] is { } seed && ULong(seed, "seed") is { } s) _spec.Seed = s;

        double? duration = null;
        if (Required(root, "", "duration", "a Time such as '20 s'") is { } dur)
            duration = Qty(dur, "duration", NumKey.Of(Dimension.Time, Limits.Positive));
        if (duration is { } d) _spec.DurationMs = d;
        if (root["dt"] is { } dtNode && Qty(dtNode, "dt", NumKey.Of(Dimension.Time, Limits.Positive)) is { } dt)
        {
            _spec.DtMs = dt;
            if (duration is { } dd && dt > dd)
                Error(dtNode, "dt", $"dt ({Ms(dt)}) must not be longer than duration ({Ms(dd)})");
        }
        if (root["backend"] is { } be && Choice(be, "backend", BackendChoices) is { } backend) _spec.Backend = backend;

        BuildPopulations(root);
        BuildProjections(root);
        BuildNeuromodulation(root);
        BuildDrugs(root);
        BuildStimuli(root);
        BuildInterventions(root);
        CheckSlowClockUse(root);
        BuildRecord(root);
        BuildTissue(root);
        BuildGlia(root);
        WarnAboutRounding(root);
    }

    private static readonly (string, BackendKind)[] BackendChoices =
    {
        ("auto", BackendKind.Auto), ("simd", BackendKind.Simd), ("reference", BackendKind.Reference), ("gpu", BackendKind.Gpu),
    };

    // ------------------------------------------------------------------ helpers

    private static string Join(string path, string key) => path.Length == 0 ? key : path + "." + key;

    private static string Last(string path)
    {
        int i = path.LastIndexOf('.');
        return i < 0 ? path : path[(i + 1)..];
    }

    private static string Ms(double ms) => ms.ToString("G6", CultureInfo.InvariantCulture) + " ms";

    private void Error(YNode at, string path, string message) => _d.Add(at, path, message);

    /// <summary>Reports every key of <paramref name="map"/> not in <paramref name="allowed"/>.</summary>
    private void CheckKeys(YMap map, string path, IReadOnlyCollection<string> allowed, Func<string, string?>? explain = null)
    {
        foreach (var e in map.Entries)
        {
            if (allowed.Contains(e.Key)) continue;
            string msg = explain?.Invoke(e.Key)
                ?? $"unknown key '{e.Key}'{Suggest.Hint(e.Key, allowed, "valid keys here are")}";
            Error(e.KeyNode, Join(path, e.Key), msg);
        }
    }

    private YNode? Required(YMap map, string path, string key, string expectation)
    {
        var node = map[key];
        if (node is null)
            Error(map, Join(path, key), $"required key '{key}' is missing (expected {expectation})");
        return node;
    }

    private YMap? Map(YNode node, string path, string expectation)
    {
        if (node is YMap m) return m;
        Error(node, path, $"expected {expectation}, found {node.Describe()}");
        return null;
    }

    private YSeq? Seq(YNode node, string path, string expectation)
    {
        if (node is YSeq s) return s;
        Error(node, path, $"expected {expectation}, found {node.Describe()}");
        return null;
    }

    private YScalar? Scalar(YNode node, string path, string expectation)
    {
        if (node is YScalar { IsNull: false } s) return s;
        Error(node, path, $"expected {expectation}, found {node.Describe()}");
        return null;
    }

    private string? Str(YNode node, string path) => Scalar(node, path, "a text value")?.Value;

    /// <summary>A quantity in the key's dimension, converted to internal units and range-checked.</summary>
    private double? Qty(YNode node, string path, NumKey key)
    {
        var s = Scalar(node, path, Units.Describe(key.Dimension));
        if (s is null) return null;
        double v;
        try
        {
            v = Units.Parse(s.Value, key.Dimension);
        }
        catch (FormatException e)
        {
            Error(node, path, e.Message);
            return null;
        }
        if (key.Limits.Violation(v) is { } why)
        {
            Error(node, path, $"{Last(path)} {why}, found '{s.Value}'");
            return null;
        }
        return v;
    }

    private long? Int(YNode node, string path)
    {
        var s = Scalar(node, path, "a whole number");
        if (s is null) return null;
        if (long.TryParse(s.Value.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long v)) return v;
        string found = Units.TryParse(s.Value, out _, out var dim) && dim != Dimension.Dimensionless
            ? $"'{s.Value}', a {dim}"
            : $"'{s.Value}'";
        Error(node, path, $"expected a whole number without a unit, found {found}");
        return null;
    }

    /// <summary>A whole number that must be positive ("count must be positive").</summary>
    private int? PositiveInt(YNode node, string path)
    {
        if (Int(node, path) is not { } v) return null;
        if (v <= 0)
        {
            Error(node, path, $"{Last(path)} must be positive, found '{v}'");
            return null;
        }
        if (v > int.MaxValue)
        {
            Error(node, path, $"{Last(path)} is too large, found '{v}'");
            return null;
        }
        return (int)v;
    }

    private ulong? ULong(YNode node, string path)
    {
        var s = Scalar(node, path, "a non-negative whole number");
        if (s is null) return null;
        if (ulong.TryParse(s.Value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out ulong v)) return v;
        Error(node, path, $"{Last(path)} must be a non-negative whole number, found '{s.Value}'");
        return null;
    }

    private bool? Bool(YNode node, string path)
    {
        var s = Scalar(node, path, "true or false");
        if (s is null) return null;
        if (s.IsPlain && string.Equals(s.Value, "true", StringComparison.OrdinalIgnoreCase)) return true;
        if (s.IsPlain && string.Equals(s.Value, "false", StringComparison.OrdinalIgnoreCase)) return false;
        Error(node, path, $"expected true or false, found '{s.Value}'");
        return null;
    }

    /// <summary>One of a fixed set of words (case-insensitive).</summary>
    private T? Choice<T>(YNode node, string path, IReadOnlyList<(string Word, T Value)> options) where T : struct
    {
        int i = WordIndex(node, path, options.Select(o => o.Word).ToList());
        return i < 0 ? null : options[i].Value;
    }

    /// <summary>One of a fixed set of words (case-insensitive), returned as spelt in <paramref name="words"/>.</summary>
    private string? Word(YNode node, string path, IReadOnlyList<string> words, bool caseSensitive = false)
    {
        int i = WordIndex(node, path, words, caseSensitive);
        return i < 0 ? null : words[i];
    }

    private int WordIndex(YNode node, string path, IReadOnlyList<string> words, bool caseSensitive = false)
    {
        var distinct = words.Distinct().ToList();
        var s = Scalar(node, path, "one of: " + string.Join(", ", distinct));
        if (s is null) return -1;
        for (int i = 0; i < words.Count; i++)
            if (string.Equals(words[i], s.Value.Trim(), StringComparison.Ordinal)) return i;
        for (int i = 0; i < words.Count && !caseSensitive; i++)
            if (string.Equals(words[i], s.Value.Trim(), StringComparison.OrdinalIgnoreCase)) return i;
        var near = Suggest.Nearest(s.Value, distinct);
        Error(node, path, $"expected one of: {string.Join(", ", distinct)}; found '{s.Value}'{(near is null ? "" : $" (did you mean '{near}'?)")}");
        return -1;
    }

    /// <summary>Names of populations, projections, ... are parts of key paths (no dots or blanks) and of file and HDF5 paths (no / \ : * ? " &lt; &gt; |).</summary>
    private void CheckName(YEntry entry, string path, string what)
    {
        if (entry.Key.Length == 0 || entry.Key.Any(c => c == '.' || char.IsWhiteSpace(c)))
            Error(entry.KeyNode, path, $"{what} name '{entry.Key}' may not be empty or contain '.' or spaces (names are parts of key paths)");
        else if (entry.Key.IndexOfAny(FileNameForbidden) >= 0 || entry.Key.Any(char.IsControl))
            Error(entry.KeyNode, path, $"{what} name '{entry.Key}' may not contain any of / \\ : * ? \" < > | (names are parts of result file names)");
    }

    private static readonly char[] FileNameForbidden = ['/', '\\', ':', '*', '?', '"', '<', '>', '|'];

    /// <summary>A list of whole numbers in [0, count) (neuron indices).</summary>
    private int[]? Indices(YNode node, string path, int count, string popName)
    {
        var seq = Seq(node, path, "a list of neuron indices such as [0, 1, 2]");
        if (seq is null) return null;
        var list = new List<int>();
        bool ok = true;
        for (int i = 0; i < seq.Items.Count; i++)
        {
            string ip = $"{path}[{i}]";
            if (Int(seq.Items[i], ip) is not { } v) { ok = false; continue; }
            if (v < 0 || (count > 0 && v >= count))
            {
                Error(seq.Items[i], ip, $"neuron index must be in 0..{count - 1} (population '{popName}' has {count}), found '{v}'");
                ok = false;
                continue;
            }
            list.Add((int)v);
        }
        return ok ? list.ToArray() : null;
    }

    /// <summary>The population named by a scalar, with "did you mean" when there is none.</summary>
    private PopulationSpec? PopulationRef(YNode node, string path)
    {
        var name = Str(node, path);
        if (name is null) return null;
        var pop = _spec.Population(name);
        if (pop is null)
            Error(node, path, $"unknown population '{name}'{Suggest.Hint(name, _spec.Populations.Select(p => p.Name).ToList(), "populations are")}");
        return pop;
    }

    private static string KindWord(PopulationKind k) => k switch
    {
        PopulationKind.Afferent => "afferent",
        PopulationKind.Descending => "descending",
        _ => "neuron",
    };
}
