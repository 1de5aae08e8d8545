namespace CircuitSim.Synapses;

/// <summary>
/// Released synaptic events of one projection onto its targets, in time bins, for postsynaptic-current metrics
/// (sEPSC and sIPSC frequency and amplitude): per worker and bin, the number of released events and the sum of
/// their peak conductances at one receptor (weight × release scale × the target's local gain), as fixed-point
/// integers (10⁻⁶ nS), so the totals do not depend on how targets are split between workers.
/// </summary>
public sealed class SynapticEventCounts
{
    public const double NanoSiemensPerUnit = 1e-6;

    public SynapticEventCounts(int workers, long steps, int binSteps, int receptor)
    {
        BinSteps = Math.Max(1, binSteps);
        int bins = (int)(steps / BinSteps) + 1;
        Counts = new long[workers][];
        Conductance = new long[workers][];
        for (int w = 0; w < workers; w++) { Counts[w] = new long[bins]; Conductance[w] = new long[bins]; }
        Receptor = receptor;
    }

    public int BinSteps { get; }
    /// <summary>The projection's receptor (its index among the projection's receptors) whose conductance is summed.</summary>
    public int Receptor { get; }
    public long[][] Counts { get; }
    public long[][] Conductance { get; }
    public int Bins => Counts[0].Length;

    /// <summary>
    /// Events and summed conductance (nS) over the whole bins that lie in steps [from, to), all workers, and the steps
    /// those bins span (the window rounded inwards to bin edges, so a frequency over it is exact).
    /// </summary>
    public (long Events, double ConductanceNs, long Steps) Total(long fromStep, long toStep)
    {
        long n = 0, g = 0;
        int b0 = (int)Math.Clamp((fromStep + BinSteps - 1) / BinSteps, 0, Bins), b1 = (int)Math.Clamp(toStep / BinSteps, 0, Bins);
        if (b1 <= b0) return (0, 0, 0);
        foreach (var c in Counts) for (int b = b0; b < b1; b++) n += c[b];
        foreach (var c in Conductance) for (int b = b0; b < b1; b++) g += c[b];
        return (n, g * NanoSiemensPerUnit, (long)(b1 - b0) * BinSteps);
    }
}
