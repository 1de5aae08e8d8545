using CircuitSim.Recording;

namespace CircuitSim.Output;

/// <summary>One panel of the rates figure: a title and the indices of the populations drawn in it.</summary>
public sealed record RatePanel(string Title, int[] Populations);

/// <summary>
/// Splits the populations of the rates figure into panels of at most <see cref="MaxSeries"/> lines, so
/// that each line can be told from the others and its legend stays short: by lamina group, dorsal first
/// as in the raster (lamina I; II–III; IV–V; other laminae; afferents and other populations without a
/// lamina), a group with more lines split into equal parts. Without laminae the populations are split
/// in file order. Populations of size 0 are left out (they have no rate).
/// </summary>
public static class RatePanels
{
    public const int MaxSeries = 6;

    static readonly (string Title, string[] Laminae)[] Groups =
    [
        ("lamina I", ["I"]),
        ("laminae II–III", ["IIo", "II", "IIi", "III"]),
        ("laminae IV–V", ["IV", "V"]),
    ];
    const string OtherLaminae = "other laminae", NoLamina = "afferents and other inputs", All = "populations";

    public static List<RatePanel> Split(IReadOnlyList<PopulationSpikes> spikes)
    {
        ArgumentNullException.ThrowIfNull(spikes);
        var shown = Enumerable.Range(0, spikes.Count).Where(i => spikes[i].Size > 0).ToList();
        if (spikes.All(p => p.Lamina is null))
            return Chunks(All, shown).ToList();

        string GroupOf(PopulationSpikes p) => p.Lamina is null ? NoLamina
            : Groups.FirstOrDefault(g => g.Laminae.Contains(p.Lamina)).Title ?? OtherLaminae;
        var order = Groups.Select(g => g.Title).Append(OtherLaminae).Append(NoLamina).ToList();
        var panels = shown.GroupBy(i => GroupOf(spikes[i]))
            .OrderBy(g => order.IndexOf(g.Key))
            .SelectMany(g => Chunks(g.Key, g.ToList()))
            .ToList();
        return panels.Count > 0 ? panels : [new RatePanel(All, [])];
    }

    /// <summary>The group in as few equal parts of at most <see cref="MaxSeries"/> as will do, titled "(1 of n)" when split.</summary>
    static IEnumerable<RatePanel> Chunks(string title, List<int> members)
    {
        int parts = Math.Max(1, (members.Count + MaxSeries - 1) / MaxSeries);
        int taken = 0;
        for (int k = 0; k < parts; k++)
        {
            int size = (members.Count - taken + parts - k - 1) / (parts - k);
            yield return new RatePanel(parts == 1 ? title : $"{title} ({k + 1} of {parts})", members.GetRange(taken, size).ToArray());
            taken += size;
        }
    }
}
