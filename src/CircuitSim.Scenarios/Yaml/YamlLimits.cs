namespace CircuitSim.Scenarios.Yaml;

/// <summary>
/// Bounds on what a scenario file may make the loader do. A scenario is a few kilobytes and a few
/// levels deep; these catch the wrong file (<c>/dev/zero</c>, a data dump) and hostile YAML
/// (a "billion laughs" of nested aliases) before they take the memory or the stack.
/// </summary>
internal static class YamlLimits
{
    /// <summary>Bytes read from one file at most.</summary>
    public const int MaxFileBytes = 16 << 20;

    /// <summary>Maps and lists nested in one another at most (YamlDotNet's tree and ours are built recursively).</summary>
    public const int MaxDepth = 64;

    /// <summary>Nodes of one document once aliases are expanded, at most.</summary>
    public const int MaxNodes = 1_000_000;

    public static string FileSize => $"{MaxFileBytes >> 20} MiB";
}
