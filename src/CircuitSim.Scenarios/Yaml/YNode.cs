namespace CircuitSim.Scenarios.Yaml;

/// <summary>
/// A YAML node that remembers where it came from: the file (or <c>--set</c>) and its 1-based
/// line and column. Merging files by <c>extends</c> keeps each node's own origin, so an error
/// points to the file that holds the offending text.
/// </summary>
internal abstract class YNode
{
    protected YNode(Origin origin) => Origin = origin;

    public Origin Origin { get; }

    /// <summary>How the node reads in a message: "'5 ms'", "a map", "a list".</summary>
    public abstract string Describe();
}

internal readonly record struct Origin(string File, int Line, int Column);

internal sealed class YScalar : YNode
{
    public YScalar(Origin origin, string value, bool plain) : base(origin)
    {
        Value = value;
        IsPlain = plain;
    }

    public string Value { get; }

    /// <summary>Unquoted: only an unquoted scalar can be null or a boolean.</summary>
    public bool IsPlain { get; }

    /// <summary>An unquoted <c>~</c>, <c>null</c> or empty value.</summary>
    public bool IsNull => IsPlain && Value is "" or "~" or "null" or "Null" or "NULL";

    public override string Describe() => IsNull ? "null" : $"'{Value}'";
}

internal sealed class YSeq : YNode
{
    public YSeq(Origin origin) : base(origin) { }

    public List<YNode> Items { get; } = new();

    public override string Describe() => "a list";
}

internal sealed class YEntry
{
    public YEntry(YScalar key, YNode value)
    {
        KeyNode = key;
        Value = value;
    }

    public YScalar KeyNode { get; set; }
    public string Key => KeyNode.Value;
    public YNode Value { get; set; }
}

/// <summary>A mapping with string keys, in file order.</summary>
internal sealed class YMap : YNode
{
    public YMap(Origin origin) : base(origin) { }

    public List<YEntry> Entries { get; } = new();

    public YEntry? Entry(string key)
    {
        foreach (var e in Entries) if (e.Key == key) return e;
        return null;
    }

    public YNode? this[string key] => Entry(key)?.Value;

    public bool Remove(string key) => Entries.RemoveAll(e => e.Key == key) > 0;

    public void Set(YScalar key, YNode value)
    {
        var e = Entry(key.Value);
        if (e is null) Entries.Add(new YEntry(key, value));
        else
        {
            e.KeyNode = key;
            e.Value = value;
        }
    }

    public override string Describe() => "a map";
}
