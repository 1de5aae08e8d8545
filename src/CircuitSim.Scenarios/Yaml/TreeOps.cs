namespace CircuitSim.Scenarios.Yaml;

/// <summary>Deep merge for <c>extends</c>, and removal of null values.</summary>
internal static class TreeOps
{
    /// <summary>
    /// <paramref name="overlay"/> over <paramref name="baseNode"/>: maps merge key by key, recursively;
    /// scalars and lists replace; a null value deletes the inherited key. Inherited keys keep
    /// their order, new keys follow; every node keeps the file it came from.
    /// </summary>
    public static YNode Merge(YNode baseNode, YNode overlay)
    {
        if (baseNode is not YMap b || overlay is not YMap o) return overlay;
        var result = new YMap(o.Origin);
        foreach (var e in b.Entries) result.Entries.Add(new YEntry(e.KeyNode, e.Value));
        foreach (var e in o.Entries)
        {
            var inherited = result.Entry(e.Key);
            if (e.Value is YScalar { IsNull: true })
            {
                if (inherited is not null) result.Remove(e.Key);
                else result.Entries.Add(new YEntry(e.KeyNode, e.Value)); // nothing to delete; dropped later
            }
            else if (inherited is not null)
            {
                inherited.Value = Merge(inherited.Value, e.Value);
                inherited.KeyNode = e.KeyNode;
            }
            else result.Entries.Add(new YEntry(e.KeyNode, e.Value));
        }
        return result;
    }

    /// <summary>Removes every map entry whose value is null (as if the key were absent).</summary>
    public static void StripNulls(YNode node)
    {
        switch (node)
        {
            case YMap m:
                m.Entries.RemoveAll(e => e.Value is YScalar { IsNull: true });
                foreach (var e in m.Entries) StripNulls(e.Value);
                break;
            case YSeq s:
                foreach (var i in s.Items) StripNulls(i);
                break;
        }
    }
}
