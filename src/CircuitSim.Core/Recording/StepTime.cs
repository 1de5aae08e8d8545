namespace CircuitSim.Recording;

/// <summary>
/// The time of a step as users write it: step × dt in decimal, rounded once to the nearest double
/// (3 steps of 0.1 ms are 0.3 ms, not the 0.30000000000000004 that 3 · 0.1 gives in binary).
/// </summary>
public static class StepTime
{
    public static double Ms(long step, double dtMs)
    {
        // 1/dt a whole number (0.1, 0.05, 0.025 ms): one correctly rounded division
        double perMs = 1.0 / dtMs, whole = Math.Round(perMs);
        if (whole >= 1 && Math.Abs(perMs - whole) < 1e-9 * whole) return step / whole;
        return (double)((decimal)step * (decimal)dtMs);
    }
}
