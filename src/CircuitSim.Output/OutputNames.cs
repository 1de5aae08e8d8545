namespace CircuitSim.Output;

/// <summary>Checks names that become HDF5 group names or parts of file names.</summary>
internal static class OutputNames
{
    static readonly char[] Forbidden = ['/', '\\', ':', '*', '?', '"', '<', '>', '|', '\0'];

    /// <summary>Throws unless <paramref name="name"/> can be an HDF5 link name and part of a file name.</summary>
    public static void Check(string name, string what)
    {
        if (string.IsNullOrWhiteSpace(name) || name == "." || name == ".." ||
            name.IndexOfAny(Forbidden) >= 0 || name.Any(char.IsControl))
            throw new ArgumentException($"{what} name '{name}' cannot be used in a file or HDF5 path.");
    }

    /// <summary>Throws if two entries share a name.</summary>
    public static void CheckUnique(IEnumerable<string> names, string what)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var n in names)
            if (!seen.Add(n))
                throw new ArgumentException($"{what} '{n}' appears more than once.");
    }
}
