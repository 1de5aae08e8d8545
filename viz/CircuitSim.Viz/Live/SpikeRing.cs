namespace CircuitSim.Viz.Live;

/// <summary>
/// The latest spikes as (raster row, step) pairs in a ring allocated once; the oldest are overwritten.
/// Written by the simulation's observer and read by the drawing, both under the feed's lock.
/// </summary>
internal sealed class SpikeRing(int capacity)
{
    public readonly int[] Row = new int[capacity];
    public readonly long[] Step = new long[capacity];
    public int Capacity => Row.Length;
    /// <summary>Spikes written since the start; the ring holds the last min(Written, Capacity).</summary>
    public long Written { get; private set; }

    public void Add(int row, long step)
    {
        int k = (int)(Written % Row.Length);
        Row[k] = row;
        Step[k] = step;
        Written++;
    }

    public void Clear() => Written = 0;
}
