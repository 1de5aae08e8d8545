namespace CircuitSim.Viz;

/// <summary>Frame times: count, mean, the slowest and the last, without keeping each one (nothing allocated per frame).</summary>
public sealed class FrameTimes
{
    private double _sum, _sumAfterFirst;
    public int Count { get; private set; }
    public double LastMs { get; private set; }
    public double MaxMs { get; private set; }
    public double MeanMs => Count > 0 ? _sum / Count : 0;
    /// <summary>The mean without the first frame (which pays for compiling shaders and the JIT).</summary>
    public double MeanAfterFirstMs => Count > 1 ? _sumAfterFirst / (Count - 1) : MeanMs;

    public void Add(double ms)
    {
        if (Count > 0) _sumAfterFirst += ms;
        _sum += ms;
        Count++;
        LastMs = ms;
        if (ms > MaxMs) MaxMs = ms;
    }
}
