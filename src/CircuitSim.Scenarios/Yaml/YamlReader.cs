using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace CircuitSim.Scenarios.Yaml;

/// <summary>
/// Reads YAML text with YamlDotNet's representation model and turns it into <see cref="YNode"/>s
/// that carry their file, line and column. A syntax error becomes one <see cref="ScenarioError"/>
/// at the mark where the parser stopped. Nesting and alias expansion are bounded by
/// <see cref="YamlLimits"/>: both trees are built recursively, and aliases are expanded when
/// ours is built, so a "billion laughs" file would otherwise take all memory.
/// </summary>
internal static class YamlReader
{
    /// <summary>Key path reported for errors that precede any key (syntax, file access).</summary>
    public const string SyntaxPath = "(syntax)";

    /// <summary>
    /// Parses one YAML document. Returns null (with an error added) when the text is malformed;
    /// returns a null scalar for an empty document.
    /// </summary>
    public static YNode? Parse(string text, string file, Diagnostics diag, int lineOffset = 0, int columnOffset = 0, int? fixedLine = null)
    {
        var tracker = new TrackingParser(new Parser(new StringReader(text)));
        var stream = new YamlStream();
        Origin At(Mark m) => new(file, fixedLine ?? (int)m.Line + lineOffset, (int)m.Column + columnOffset);
        try
        {
            stream.Load(tracker);
        }
        catch (YamlException e)
        {
            string msg = e.InnerException is YamlException inner && !string.IsNullOrEmpty(inner.Message) ? inner.Message : e.Message;
            if (tracker.OpenFlow is { } open && e.Start.Line > open.Mark.Line)
            {
                // An unclosed [ or { is found only where the parser gives up, often lines later.
                var stop = At(e.Start);
                diag.Add(At(open.Mark), SyntaxPath,
                    $"malformed YAML: the '{open.Bracket}' opened here is never closed ({Tidy(msg)} at line {stop.Line}, column {stop.Column})");
            }
            else diag.Add(At(e.Start), SyntaxPath, "malformed YAML: " + Tidy(msg));
            return null;
        }
        catch (LimitExceeded e)
        {
            diag.Add(At(e.At), SyntaxPath, e.Message);
            return null;
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or IndexOutOfRangeException)
        {
            // YamlDotNet's scanner fails this way on some unterminated flow collections.
            if (tracker.OpenFlow is { } open)
                diag.Add(At(open.Mark), SyntaxPath, $"malformed YAML: the '{open.Bracket}' opened here is never closed");
            else
                diag.Add(At(tracker.LastEnd), SyntaxPath, "malformed YAML after this point");
            return null;
        }

        if (stream.Documents.Count == 0) return new YScalar(new Origin(file, fixedLine ?? 1 + lineOffset, 1 + columnOffset), "", plain: true);
        if (stream.Documents.Count > 1)
        {
            diag.Add(At(stream.Documents[1].RootNode.Start), SyntaxPath, "expected one YAML document, found several (remove the '---' separator)");
            return null;
        }
        try
        {
            int nodes = 0;
            return Convert(stream.Documents[0].RootNode, At, diag, 0, ref nodes);
        }
        catch (LimitExceeded e)
        {
            diag.Add(At(e.At), SyntaxPath, e.Message);
            return null;
        }
    }

    /// <summary>A bound of <see cref="YamlLimits"/> was passed at <see cref="At"/>.</summary>
    private sealed class LimitExceeded(Mark at, string message) : Exception(message)
    {
        public Mark At { get; } = at;
    }

    private static LimitExceeded TooDeep(Mark at) =>
        new(at, $"maps and lists are nested more than {YamlLimits.MaxDepth} deep here; a scenario needs a few levels (is it the right file?)");

    private static string Tidy(string message)
    {
        // Messages may carry a "(Line: 3, Col: 5, Idx: 20) - (Line: ...): " prefix; the error already says where.
        int i = message.IndexOf("): ", StringComparison.Ordinal);
        if (message.StartsWith("(Line:", StringComparison.Ordinal) && i > 0) message = message[(i + 3)..];
        return message.TrimEnd('.');
    }

    private static YNode Convert(YamlNode node, Func<Mark, Origin> at, Diagnostics diag, int depth, ref int nodes)
    {
        // an alias is the anchored node itself, so a node met twice is counted (and copied) twice
        if (++nodes > YamlLimits.MaxNodes)
            throw new LimitExceeded(node.Start,
                $"the document expands to more than {YamlLimits.MaxNodes:N0} values (aliases '*name' repeat what they name); a scenario has a few hundred");
        if (depth > YamlLimits.MaxDepth) throw TooDeep(node.Start);
        switch (node)
        {
            case YamlScalarNode s:
                return new YScalar(at(s.Start), s.Value ?? "", s.Style is ScalarStyle.Plain or ScalarStyle.Any);
            case YamlSequenceNode q:
            {
                var seq = new YSeq(at(q.Start));
                foreach (var c in q.Children) seq.Items.Add(Convert(c, at, diag, depth + 1, ref nodes));
                return seq;
            }
            case YamlMappingNode m:
            {
                var map = new YMap(at(m.Start));
                foreach (var kv in m.Children)
                {
                    if (kv.Key is not YamlScalarNode k)
                    {
                        diag.Add(at(kv.Key.Start), SyntaxPath, "a key must be a plain name, found a map or list used as a key");
                        continue;
                    }
                    var key = new YScalar(at(k.Start), k.Value ?? "", k.Style is ScalarStyle.Plain or ScalarStyle.Any);
                    map.Entries.Add(new YEntry(key, Convert(kv.Value, at, diag, depth + 1, ref nodes)));
                }
                return map;
            }
            default:
                return new YScalar(at(node.Start), "", plain: true);
        }
    }

    /// <summary>Passes events through, remembering the last position and the open flow collections, and stops nesting past the limit.</summary>
    private sealed class TrackingParser : IParser
    {
        private readonly IParser _inner;
        private readonly Stack<(Mark Mark, char Bracket)> _flow = new();
        private int _depth;

        public TrackingParser(IParser inner) => _inner = inner;

        public ParsingEvent? Current => _inner.Current;
        public Mark LastEnd { get; private set; } = new Mark(0, 1, 1);
        public (Mark Mark, char Bracket)? OpenFlow => _flow.Count > 0 ? _flow.Peek() : null;

        public bool MoveNext()
        {
            bool ok = _inner.MoveNext();
            if (ok && _inner.Current is { } ev)
            {
                LastEnd = ev.End;
                // before YamlDotNet's recursive loader sees it: a file of 100 000 '[' would overflow the stack
                if (ev is SequenceStart or MappingStart && ++_depth > YamlLimits.MaxDepth) throw TooDeep(ev.Start);
                if (ev is SequenceEnd or MappingEnd) _depth--;
                switch (ev)
                {
                    case SequenceStart { Style: SequenceStyle.Flow }: _flow.Push((ev.Start, '[')); break;
                    case MappingStart { Style: MappingStyle.Flow }: _flow.Push((ev.Start, '{')); break;
                    case SequenceEnd or MappingEnd when _flow.Count > 0 && IsFlowEnd(ev): _flow.Pop(); break;
                }
            }
            return ok;
        }

        private bool IsFlowEnd(ParsingEvent ev)
        {
            var (_, bracket) = _flow.Peek();
            return (ev is SequenceEnd && bracket == '[') || (ev is MappingEnd && bracket == '{');
        }
    }
}
