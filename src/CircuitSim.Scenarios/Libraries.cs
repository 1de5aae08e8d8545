using CircuitSim.Scenarios.Yaml;

namespace CircuitSim.Scenarios;

/// <summary>
/// The libraries that every scenario stands on: the receptor types (scenarios/library/receptors.yaml)
/// and the drugs (scenarios/library/drugs.yaml), built into the program. They are merged under the
/// scenario as if it extended them, so a scenario uses `drug: ketamine` or `receptor: alpha2A`
/// without naming a file, overrides one value with a key path, and adds its own entries inline.
/// </summary>
internal static class Libraries
{
    private static readonly string[] Files = { "receptors.yaml", "drugs.yaml" };

    public static YMap Under(YMap scenario, Diagnostics diag)
    {
        YNode merged = scenario;
        foreach (var file in Files.Reverse())
        {
            var text = Read(file);
            if (text is null) continue;
            if (YamlReader.Parse(text, "scenarios/library/" + file, diag) is not YMap lib) continue;
            merged = TreeOps.Merge(lib, merged);
        }
        return (YMap)merged;
    }

    /// <summary>The text of a library file, or null when the program was built without it.</summary>
    public static string? Read(string file)
    {
        using var stream = typeof(Libraries).Assembly.GetManifestResourceStream("library/" + file);
        if (stream is null) return null;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
