using CircuitSim.Scenarios.Yaml;

namespace CircuitSim.Scenarios;

/// <summary>Collects every problem found while loading a scenario, so they are reported together.</summary>
internal sealed class Diagnostics
{
    private readonly List<ScenarioError> _errors = new();
    private readonly List<ScenarioError> _warnings = new();

    public int Count => _errors.Count;

    /// <summary>Something the scenario asks for that will be rounded or clipped: reported, not refused.</summary>
    public void Warn(YNode at, string keyPath, string message) =>
        _warnings.Add(new ScenarioError(at.Origin.File, at.Origin.Line, at.Origin.Column, keyPath, message));

    public IReadOnlyList<string> Warnings => _warnings.Distinct().Select(w => w.ToString()).ToList();

    public void Add(Origin at, string keyPath, string message) =>
        _errors.Add(new ScenarioError(at.File, at.Line, at.Column, keyPath, message));

    public void Add(YNode at, string keyPath, string message) => Add(at.Origin, keyPath, message);

    /// <summary>The errors, by file (in the order the files were first met), line and column.</summary>
    public IReadOnlyList<ScenarioError> Sorted()
    {
        var fileOrder = new Dictionary<string, int>();
        foreach (var e in _errors) fileOrder.TryAdd(e.File, fileOrder.Count);
        return _errors
            .Select((e, i) => (e, i))
            .OrderBy(x => fileOrder[x.e.File]).ThenBy(x => x.e.Line).ThenBy(x => x.e.Column).ThenBy(x => x.i)
            .Select(x => x.e)
            .Distinct()
            .ToList();
    }
}

/// <summary>"Did you mean ...?" for misspelt keys and names.</summary>
internal static class Suggest
{
    /// <summary>
    /// The candidate nearest to <paramref name="word"/>: a case-insensitive match first, else the
    /// one at the smallest Levenshtein distance if that is at most 3 (and less than the word's length).
    /// </summary>
    public static string? Nearest(string word, IEnumerable<string> candidates)
    {
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (var c in candidates)
        {
            if (string.Equals(c, word, StringComparison.OrdinalIgnoreCase)) return c;
            int d = Levenshtein(word, c);
            if (d < bestDistance)
            {
                bestDistance = d;
                best = c;
            }
        }
        return bestDistance <= 3 && bestDistance < Math.Max(word.Length, 2) ? best : null;
    }

    /// <summary>"; did you mean 'X'?" or "; expected one of: a, b, c" (what to append to a message).</summary>
    public static string Hint(string word, IReadOnlyCollection<string> candidates, string listIntro = "expected one of")
    {
        var near = Nearest(word, candidates);
        if (near is not null) return $"; did you mean '{near}'?";
        return candidates.Count == 0 ? "" : $"; {listIntro}: {string.Join(", ", candidates)}";
    }

    public static int Levenshtein(string a, string b)
    {
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) prev[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            (prev, cur) = (cur, prev);
        }
        return prev[b.Length];
    }
}
