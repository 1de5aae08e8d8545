namespace CircuitSim.Synapses;

/// <summary>
/// Short-term depression and facilitation of one projection (Tsodyks, Pawelzik &amp; Markram 1998,
/// Neural Comput 10:821; the form of NEST's tsodyks2_synapse and Brian2's examples): each source
/// has a utilisation u and a fraction of available resources x. At a spike Δt after the last,
///   x ← 1 + (x − u·x − 1)·exp(−Δt/τ_rec),   u ← U + u·(1 − U)·exp(−Δt/τ_fac)  (u = U when τ_fac = 0),
/// and the spike releases u·x. The weights of the scenario are the response of a rested synapse
/// (u·x = U), so the spike's weights are scaled by u·x / U: 1 for an isolated spike, below 1 in a
/// depressing train, above 1 in a facilitating one. State is per source (all synapses of a source
/// in one projection share its release), updated once per arriving spike by one worker.
/// </summary>
public sealed class ShortTermDynamics
{
    public float U { get; }
    public double TauRecMs { get; }
    public double TauFacMs { get; }
    /// <summary>Per source: the weight scale of its spike this step (read by delivery).</summary>
    public float[] Release { get; }
    private readonly float[] _u, _x;
    private readonly long[] _last;
    private readonly double _dtMs;

    public ShortTermDynamics(int sources, double u, double tauRecMs, double tauFacMs, double dtMs)
    {
        if (!(u > 0 && u <= 1)) throw new ArgumentOutOfRangeException(nameof(u), "U must be in (0, 1]");
        U = (float)u;
        TauRecMs = tauRecMs;
        TauFacMs = tauFacMs;
        _dtMs = dtMs;
        Release = new float[sources];
        _u = new float[sources];
        _x = new float[sources];
        _last = new long[sources];
        Array.Fill(_u, U);
        Array.Fill(_x, 1f);
        Array.Fill(_last, long.MinValue / 4);
        Array.Fill(Release, 1f);
    }

    /// <summary>Updates source <paramref name="i"/> for a spike arriving at <paramref name="step"/> and sets its release scale.</summary>
    public void Spike(int i, long step)
    {
        double gap = (step - _last[i]) * _dtMs;
        _last[i] = step;
        double xDecay = TauRecMs > 0 ? Math.Exp(-gap / TauRecMs) : 0;
        double uDecay = TauFacMs > 0 ? Math.Exp(-gap / TauFacMs) : 0;
        double x = 1 + (_x[i] - _u[i] * _x[i] - 1) * xDecay;
        double u = U + _u[i] * (1 - U) * uDecay;
        _x[i] = (float)x;
        _u[i] = (float)u;
        Release[i] = (float)(u * x / U);
    }
}
