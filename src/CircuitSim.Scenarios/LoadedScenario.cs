using CircuitSim.Engine;
using CircuitSim.Model;
using CircuitSim.Scenarios.Yaml;

namespace CircuitSim.Scenarios;

/// <summary>
/// A scenario as loaded, with the merged tree its values came from: a problem found later, when the
/// network is built (a parameter a model refuses, a run too large for memory), can then point at the
/// value in its file, as the loader's own errors do.
/// </summary>
public sealed class LoadedScenario
{
    private readonly YMap _tree;

    internal LoadedScenario(ScenarioSpec spec, YMap tree, SweepSpec? sweep = null, VizSpec? viz = null)
    {
        Spec = spec;
        _tree = tree;
        Sweep = sweep;
        Viz = viz;
    }

    /// <summary>The scenario's <c>viz:</c> section, read by <c>circuitsim viz</c>; null when it has none.</summary>
    public VizSpec? Viz { get; }

    public ScenarioSpec Spec { get; }

    /// <summary>The scenario's <c>sweep:</c> section, read by <c>circuitsim sweep</c>; null when it has none.</summary>
    public SweepSpec? Sweep { get; }

    /// <summary>
    /// The merged scenario (libraries, extends and overrides applied; the sweep section left out) as one
    /// line of YAML: equal for two loads exactly when they describe the same run. A study keeps it
    /// to refuse resuming over results of a scenario that has since changed.
    /// </summary>
    public string Fingerprint() => YamlFlow.Write(_tree);

    /// <summary>
    /// The error as one line: <c>file:line:col: key.path: message</c> at the first of its key paths
    /// that the scenario (or a <c>--set</c>) writes, else <c>file: message</c>.
    /// </summary>
    public string Describe(BuildException e)
    {
        foreach (var path in e.KeyPaths)
            if (Find(_tree, path) is { } node)
                return new ScenarioError(node.Origin.File, node.Origin.Line, node.Origin.Column, path, e.Message).ToString();
        return $"{Spec.SourceFile}: {e.Message}";
    }

    /// <summary>The text of the single value at a dotted key path of the merged scenario (e.g. "0.15 nS"), or null when there is none.</summary>
    public string? ValueAt(string path) => Find(_tree, path) is YScalar { IsNull: false } s ? s.Value : null;

    /// <summary>The value at a dotted key path; a key may itself hold dots (an intervention's <c>set</c> keys do).</summary>
    private static YNode? Find(YNode node, string path)
    {
        if (node is not YMap map) return null;
        foreach (var e in map.Entries)
        {
            if (e.Key == path) return e.Value;
            if (path.StartsWith(e.Key + ".", StringComparison.Ordinal) && Find(e.Value, path[(e.Key.Length + 1)..]) is { } found)
                return found;
        }
        return null;
    }
}
