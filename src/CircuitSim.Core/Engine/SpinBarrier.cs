namespace CircuitSim.Engine;

/// <summary>
/// A sense-reversing barrier for persistent workers: COBA takes 100 000 steps of a few
/// microseconds each, so a kernel-blocking barrier would cost more than the work. Spins
/// briefly, then yields, so an oversubscribed machine still makes progress.
/// </summary>
public sealed class SpinBarrier
{
    private readonly int _participants;
    private int _remaining;

    public SpinBarrier(int participants) { _participants = participants; _remaining = participants; }

    private volatile int _sense;

    public void SignalAndWait(ref int localSense)
    {
        if (_participants == 1) return;
        localSense ^= 1;
        if (Interlocked.Decrement(ref _remaining) == 0)
        {
            _remaining = _participants;
            _sense = localSense;
            return;
        }
        var spin = new SpinWait();
        while (_sense != localSense) spin.SpinOnce(sleep1Threshold: -1);
    }
}
