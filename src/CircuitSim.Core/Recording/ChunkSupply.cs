namespace CircuitSim.Recording;

/// <summary>
/// Hands out fixed-size chunks for a growing record, keeping one spare whose pages a background task has
/// already touched: a record's new memory is paid for in page faults, which cost ~13 µs each on the
/// virtual machine this was measured on (4 KiB pages, PVM), and a 256 KiB chunk faulted in by the time loop
/// stalled it for ~1 ms. The chunks are not zeroed; every element is written before it is read.
/// </summary>
internal sealed class ChunkSupply<T>(int chunkSize)
{
    private T[]? _spare;
    private Task? _filling;

    /// <summary>A chunk: the prepared spare when it is ready, else a new one; starts preparing the next.</summary>
    public T[] Take()
    {
        var chunk = Interlocked.Exchange(ref _spare, null) ?? Touched(chunkSize);
        Prepare();
        return chunk;
    }

    /// <summary>Starts preparing a spare, unless one is ready or being prepared.</summary>
    public void Prepare()
    {
        if (Volatile.Read(ref _spare) is not null || _filling is { IsCompleted: false }) return;
        _filling = Task.Run(() => Volatile.Write(ref _spare, Touched(chunkSize)));
    }

    private static T[] Touched(int size)
    {
        var a = GC.AllocateUninitializedArray<T>(size);
        int perPage = Math.Max(1, 4096 / System.Runtime.CompilerServices.Unsafe.SizeOf<T>());
        for (int i = 0; i < a.Length; i += perPage) a[i] = default!;
        return a;
    }
}
