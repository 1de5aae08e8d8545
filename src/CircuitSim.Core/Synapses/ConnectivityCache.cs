using System.Collections.Concurrent;
using CircuitSim.Model;

namespace CircuitSim.Synapses;

/// <summary>
/// Connectivity built once and shared by the runs of a study that differ only in values (weights,
/// rates, parameters): a projection's synapses depend on its rule, the two population sizes, the
/// seed and the projection's random stream, nothing else, and nothing changes them after the build
/// (plasticity changes weights, not targets), so runs may share the arrays, also at the same time.
/// Bounded by a number of synapses kept; past it, new entries are built but not kept.
/// </summary>
public sealed class ConnectivityCache(long maxSynapses = 50_000_000)
{
    private readonly record struct Key(ConnectRule Rule, double P, int N, bool AllowSelf, int Ns, int Nt, bool Same, ulong Seed, uint Purpose);

    private readonly ConcurrentDictionary<Key, Lazy<(int[] RowStart, int[] Targets)>> _entries = new();
    private long _kept;
    private long _builds, _hits;

    /// <summary>Connectivities built (cache misses) and reused (hits) so far.</summary>
    public long Builds => Interlocked.Read(ref _builds);
    public long Hits => Interlocked.Read(ref _hits);

    public (int[] RowStart, int[] Targets) Get(ConnectSpec c, int ns, int nt, bool samePopulation, ulong seed, uint purpose)
    {
        var key = new Key(c.Rule, c.P, c.N, c.AllowSelf, ns, nt, samePopulation, seed, purpose);
        if (_entries.TryGetValue(key, out var found))
        {
            Interlocked.Increment(ref _hits);
            return found.Value;
        }
        var built = Connectivity.Build(c, ns, nt, samePopulation, seed, purpose);
        Interlocked.Increment(ref _builds);
        if (Interlocked.Add(ref _kept, built.Targets.Length) <= maxSynapses)
            _entries.TryAdd(key, new Lazy<(int[], int[])>(built));
        else Interlocked.Add(ref _kept, -built.Targets.Length);
        return built;
    }
}
