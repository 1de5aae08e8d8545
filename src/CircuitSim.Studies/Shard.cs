using System.Globalization;

namespace CircuitSim.Studies;

/// <summary>
/// <c>--shard i/N</c>: the deterministic slice of a study that one job runs, runs whose index is i
/// modulo N (0 ≤ i &lt; N), so shards have near-equal sizes and mix cheap and costly points. Each shard
/// writes its own journal; <c>circuitsim merge</c> joins them.
/// </summary>
public readonly record struct Shard(int Index, int Count)
{
    public static readonly Shard Whole = new(0, 1);

    public bool IsWhole => Count == 1;

    public bool Holds(int runIndex) => runIndex % Count == Index;

    /// <summary>The journal of this shard inside the study folder's journal/.</summary>
    public string JournalName => IsWhole ? "study.jsonl" : $"shard-{Index:D4}-of-{Count:D4}.jsonl";

    public static bool TryParse(string text, out Shard shard, out string? why)
    {
        shard = Whole;
        why = null;
        var parts = text.Split('/');
        if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int i)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int n))
        {
            why = $"expected i/N with whole numbers (e.g. 0/4: the first of four shards), found '{text}'";
            return false;
        }
        if (n < 1 || i >= n)
        {
            why = $"shard {text}: N must be at least 1 and i from 0 to N-1";
            return false;
        }
        shard = new Shard(i, n);
        return true;
    }

    public override string ToString() => $"{Index}/{Count}";
}
