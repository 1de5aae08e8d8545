using System.Text;

namespace CircuitSim.Scenarios.Yaml;

/// <summary>
/// A node written back as one line of flow YAML (<c>{rule: all}</c>, <c>[0.1 Hz, 1 Hz]</c>, <c>'a: b'</c>),
/// which <see cref="YamlReader"/> reads back to the same tree: how a sweep's value becomes a
/// <c>--set PATH=VALUE</c> override, and how a scenario is fingerprinted.
/// </summary>
internal static class YamlFlow
{
    public static string Write(YNode node)
    {
        var sb = new StringBuilder();
        Write(node, sb);
        return sb.ToString();
    }

    private static void Write(YNode node, StringBuilder sb)
    {
        switch (node)
        {
            case YScalar s:
                Scalar(s, sb);
                break;
            case YSeq q:
                sb.Append('[');
                for (int i = 0; i < q.Items.Count; i++)
                {
                    if (i > 0) sb.Append(", ");
                    Write(q.Items[i], sb);
                }
                sb.Append(']');
                break;
            case YMap m:
                sb.Append('{');
                for (int i = 0; i < m.Entries.Count; i++)
                {
                    if (i > 0) sb.Append(", ");
                    Scalar(m.Entries[i].KeyNode, sb);
                    sb.Append(": ");
                    Write(m.Entries[i].Value, sb);
                }
                sb.Append('}');
                break;
        }
    }

    private static void Scalar(YScalar s, StringBuilder sb)
    {
        if (s.IsNull) sb.Append("null");
        else if (s.IsPlain && Safe(s.Value)) sb.Append(s.Value);
        else sb.Append('\'').Append(s.Value.Replace("'", "''")).Append('\'');
    }

    /// <summary>Plain text that reads the same inside a flow collection: no flow indicators, no ': ' or ' #', no leading indicator.</summary>
    private static bool Safe(string v)
    {
        if (v.Length == 0 || v.Trim() != v) return false;
        if (v.IndexOfAny(['[', ']', '{', '}', ',', '\n', '"', '\'', '#']) >= 0 || v.Contains(": ") || v.EndsWith(':')) return false;
        bool negativeNumber = v[0] == '-' && v.Length > 1 && (char.IsDigit(v[1]) || v[1] == '.');
        return negativeNumber || "&*!|>%@`-?:".IndexOf(v[0]) < 0;
    }
}
