using CircuitSim.Random;

namespace CircuitSim.Neurons;

/// <summary>
/// Background synaptic bombardment as a noise current per neuron: an Ornstein–Uhlenbeck process
/// (Destexhe et al. 2001 Neuroscience 107:13 model in vivo synaptic background this way; Aguiar et al. 2010
/// drive their WDR neuron with 100 Hz of Poisson AMPA and GABA_A background for the same reason), which
/// gives neurons a little spontaneous firing and trial-to-trial variability. Updated exactly,
/// ξ ← ξ·e^(−dt/τ) + σ·√(1 − e^(−2dt/τ))·N(0, 1), with the normal draws a pure function of (seed, population,
/// neuron, step), so the noise does not depend on threads.
/// </summary>
public sealed class MembraneNoise
{
    public double SigmaPa { get; }
    public double TauMs { get; }
    private readonly float[] _x;
    private readonly float _decay, _kick;
    private readonly ulong _seed;
    private readonly uint _stream;

    public MembraneNoise(int count, double sigmaPa, double tauMs, double dtMs, ulong seed, uint stream)
    {
        SigmaPa = sigmaPa;
        TauMs = tauMs;
        _x = new float[count];
        _decay = (float)Math.Exp(-dtMs / tauMs);
        _kick = (float)(sigmaPa * Math.Sqrt(1 - Math.Exp(-2 * dtMs / tauMs)));
        _seed = seed;
        _stream = stream;
        // start in the stationary distribution, so there is no transient
        for (int i = 0; i < count; i++) _x[i] = (float)(sigmaPa * Philox.Normal(seed, stream, (uint)i, ulong.MaxValue));
    }

    /// <summary>Advances neurons [lo, hi) to <paramref name="step"/> and writes I_ext = I_stim + ξ.</summary>
    public void Advance(int lo, int hi, long step, float[] stimulus, float[] total)
    {
        for (int i = lo; i < hi; i++)
        {
            float x = _x[i] * _decay + _kick * (float)Philox.Normal(_seed, _stream, (uint)i, (ulong)step);
            _x[i] = x;
            total[i] = stimulus[i] + x;
        }
    }
}
