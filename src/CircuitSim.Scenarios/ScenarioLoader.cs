using CircuitSim.Model;
using CircuitSim.Scenarios.Yaml;

namespace CircuitSim.Scenarios;

/// <summary>
/// Reads a scenario file into a <see cref="ScenarioSpec"/>: parses the YAML (keeping line and
/// column of every node), resolves <c>extends</c> (deep merge; <c>null</c> deletes an inherited
/// key), applies <c>--set PATH=VALUE</c> overrides, converts units and validates everything.
/// The format is described in <c>scenarios/README.md</c>.
/// </summary>
public static class ScenarioLoader
{
    /// <summary>
    /// Loads, merges, overrides and validates a scenario. Throws <see cref="ScenarioException"/>
    /// listing every problem found (file:line:column: key.path: message, one per line).
    /// </summary>
    /// <param name="path">The scenario file.</param>
    /// <param name="sets">Overrides <c>PATH=VALUE</c>, applied in order after <c>extends</c>.</param>
    public static ScenarioSpec Load(string path, IReadOnlyList<string>? sets = null) => LoadWithOrigins(path, sets).Spec;

    /// <summary>As <see cref="Load"/>, keeping where each value was written, to report errors found when the network is built.</summary>
    public static LoadedScenario LoadWithOrigins(string path, IReadOnlyList<string>? sets = null)
    {
        var diag = new Diagnostics();
        var root = LoadTree(path, Path.GetFullPath(path), Path.IsPathRooted(path), new List<(string Full, string Display)>(), diag, null);
        if (root is null || diag.Count > 0) throw new ScenarioException(diag.Sorted());
        root = Libraries.Under(root, diag);
        if (diag.Count > 0) throw new ScenarioException(diag.Sorted());

        if (sets is { Count: > 0 }) Overrides.Apply(root, sets, diag);
        // an arm written in a file as 'base:' (nothing changed) is null, and would be stripped with the nulls that
        // delete inherited keys; '--set sweep.arms.X=null' still deletes the arm
        if (root["sweep"] is YMap { } sm && sm["arms"] is YMap arms)
            foreach (var e in arms.Entries)
                if (e.Value is YScalar { IsNull: true } n && n.Origin.File != Overrides.File) e.Value = new YMap(n.Origin);
        TreeOps.StripNulls(root);
        // the study design is not part of one run: read apart, so the spec and a run's fingerprint never hold it
        SweepSpec? sweep = null;
        if (root["sweep"] is { } sweepNode)
        {
            root.Remove("sweep");
            sweep = SweepReader.Read(sweepNode, diag, Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".");
        }
        // the live view's section is not part of a run either; it is checked against the built spec
        var vizNode = root["viz"];
        if (vizNode is not null) root.Remove("viz");
        var spec = SpecBuilder.Build(root, diag);
        VizSpec? viz = vizNode is not null && diag.Count == 0 ? VizReader.Read(vizNode, spec, diag) : null;
        if (diag.Count > 0) throw new ScenarioException(diag.Sorted());
        spec.SourceFile = path;
        spec.Warnings.AddRange(diag.Warnings);
        return new LoadedScenario(spec, root, sweep, viz);
    }

    /// <summary>Reads one file and, recursively, the files it extends; returns the merged tree.</summary>
    private static YMap? LoadTree(string display, string full, bool rooted, List<(string Full, string Display)> chain,
        Diagnostics diag, (YNode Node, string KeyPath)? referencedFrom)
    {
        var text = ScenarioFile.Read(full, out var why);
        if (text is null)
        {
            if (referencedFrom is { } r) diag.Add(r.Node, r.KeyPath, $"{why}: '{display}'");
            else diag.Add(new Origin(display, 1, 1), "(file)", why!);
            return null;
        }

        var node = YamlReader.Parse(text, display, diag);
        if (node is null) return null;
        if (node is not YMap map)
        {
            diag.Add(node, "(file)", $"a scenario must be a map of keys (name, duration, populations, ...), found {(node is YScalar { IsNull: true } ? "an empty file" : node.Describe())}");
            return null;
        }

        var ext = map.Entry("extends");
        if (ext is null) return map;
        map.Remove("extends");
        if (ext.Value is YScalar { IsNull: true }) return map;
        if (ext.Value is not YScalar { } rel || rel.Value.Trim().Length == 0)
        {
            diag.Add(ext.Value, "extends", $"expected the relative path of another scenario file, found {ext.Value.Describe()}");
            return null;
        }

        string baseFull = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(full) ?? ".", rel.Value.Trim()));
        string baseDisplay = rooted ? baseFull : Path.GetRelativePath(Environment.CurrentDirectory, baseFull);
        var here = new List<(string Full, string Display)>(chain) { (full, display) };
        int loop = here.FindIndex(c => PathEquals(c.Full, baseFull));
        if (loop >= 0)
        {
            var names = here.Skip(loop).Select(c => c.Display).Append(baseDisplay);
            diag.Add(ext.Value, "extends", $"circular extends: {string.Join(" → ", names)}");
            return null;
        }

        var baseTree = LoadTree(baseDisplay, baseFull, rooted, here, diag, (ext.Value, "extends"));
        if (baseTree is null) return null;
        return (YMap)TreeOps.Merge(baseTree, map);
    }

    private static bool PathEquals(string a, string b) =>
        string.Equals(a, b, OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
}
