using CircuitSim.Recording;
using PureHDF;

namespace CircuitSim.Output;

/// <summary>Order of the spikes in a SONATA population group; stored as an HDF5 enum, as libsonata reads it.</summary>
public enum SonataSorting : byte { none = 0, by_id = 1, by_time = 2 }

/// <summary>
/// Writes spikes as a SONATA spike file (HDF5), the layout libsonata, bmtk and h5py read:
/// <code>
/// /                      attrs magic = 0x0A7A (uint32), version = [0, 1] (uint32[2])
/// /spikes                attrs magic, version (again, as some readers look there)
/// /spikes/&lt;population&gt;  attr  sorting = by_time (HDF5 enum over uint8: none, by_id, by_time)
///     timestamps         float64[n], attr units = "ms"
///     node_ids           uint64[n]   (index within the population)
/// </code>
/// Spikes are written sorted by time, then node id (sorted here if the input is not), so
/// <c>sorting = by_time</c> is always true. A population without spikes gets zero-length datasets.
/// </summary>
public static class SonataSpikeWriter
{
    public const uint Magic = 0x0A7A;
    static readonly uint[] Version = [0, 1];

    public static void Write(string path, IReadOnlyList<PopulationSpikes> spikes)
    {
        ArgumentNullException.ThrowIfNull(spikes);
        foreach (var p in spikes) OutputNames.Check(p.Population, "Population");
        OutputNames.CheckUnique(spikes.Select(p => p.Population), "Population");

        var root = new H5Group();
        foreach (var p in spikes)
        {
            var (times, ids) = SortedByTime(p);
            root[p.Population] = new H5Group
            {
                ["timestamps"] = new H5Dataset(times) { Attributes = new() { ["units"] = "ms" } },
                ["node_ids"] = ids,
                Attributes = new() { ["sorting"] = SonataSorting.by_time },
            };
        }
        root.Attributes = new() { ["magic"] = Magic, ["version"] = Version };

        var file = new H5File
        {
            ["spikes"] = root,
            Attributes = new() { ["magic"] = Magic, ["version"] = Version },
        };
        AtomicFile.Write(path, stream => file.Write(stream));
    }

    /// <summary>Copies a population's spikes as (float64 times, uint64 ids), sorted by time then id.</summary>
    internal static (double[] Times, ulong[] Ids) SortedByTime(PopulationSpikes p)
    {
        int n = p.TimesMs.Length;
        if (p.NodeIds.Length != n)
            throw new ArgumentException($"Population '{p.Population}': {p.NodeIds.Length} node ids but {n} spike times.");

        var times = new double[n];
        var ids = new ulong[n];
        bool sorted = true;
        for (int i = 0; i < n; i++)
        {
            int id = p.NodeIds[i];
            if (id < 0) throw new ArgumentException($"Population '{p.Population}': negative node id {id}.");
            times[i] = p.TimesMs[i];
            ids[i] = (ulong)id;
            if (i > 0 && (times[i] < times[i - 1] || (times[i] == times[i - 1] && ids[i] < ids[i - 1])))
                sorted = false;
        }
        if (!sorted)
        {
            var order = Enumerable.Range(0, n).ToArray();
            Array.Sort(order, (a, b) => times[a] != times[b] ? times[a].CompareTo(times[b]) : ids[a].CompareTo(ids[b]));
            var sortedTimes = new double[n];
            var sortedIds = new ulong[n];
            for (int k = 0; k < n; k++) { sortedTimes[k] = times[order[k]]; sortedIds[k] = ids[order[k]]; }
            return (sortedTimes, sortedIds);
        }
        return (times, ids);
    }
}
