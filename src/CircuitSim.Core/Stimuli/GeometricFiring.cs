using CircuitSim.Random;

namespace CircuitSim.Stimuli;

/// <summary>
/// Independent Bernoulli firing of every fibre with one probability p per step, drawn as waiting
/// times instead of step by step: the steps between two firings of a Bernoulli process are
/// geometric, k = ⌊ln u / ln(1 − p)⌋, so each fibre costs one draw per spike rather than one per
/// step (ectopic firing at 2 Hz over 160 C fibres: ~0.03 draws a step instead of 40 Philox blocks).
/// Draws come from the counter-based stream (seed, stream, fibre, the fibre's draw number), so the
/// spikes do not depend on threads. When p changes (an intervention sets a rate), every fibre is
/// rescheduled from that step on, which is exact because the process is memoryless; so is a
/// fibre set that was not asked for some steps (a rate set to 0 and back).
/// </summary>
public sealed class GeometricFiring
{
    private readonly long[] _next;
    private readonly ulong[] _draws;
    private float _p = float.NaN;
    private long _earliest = long.MaxValue;
    private long _lastStep = long.MinValue;

    private readonly bool[]? _eligible;

    /// <param name="eligible">Fibres that may fire (null: all); the others never do.</param>
    public GeometricFiring(int fibres, bool[]? eligible = null)
    {
        _next = new long[fibres];
        _draws = new ulong[fibres];
        _eligible = eligible;
    }

    /// <summary>Marks in <paramref name="fires"/> the fibres that fire at <paramref name="step"/>; steps must come in order.</summary>
    public void Fire(ulong seed, uint stream, long step, float p, bool[] fires)
    {
        // a new probability, or a gap (the firing was off for a while): schedule afresh from this step
        bool fresh = p != _p || step != _lastStep + 1;
        _lastStep = step;
        if (fresh)
        {
            _p = p;
            _earliest = long.MaxValue;
            for (int i = 0; i < _next.Length; i++)
            {
                _next[i] = _eligible is null || _eligible[i] ? step + Wait(seed, stream, i) : long.MaxValue;
                if (_next[i] < _earliest) _earliest = _next[i];
            }
        }
        if (step < _earliest) return;
        _earliest = long.MaxValue;
        for (int i = 0; i < _next.Length; i++)
        {
            if (_next[i] == step)
            {
                fires[i] = true;
                _next[i] = step + 1 + Wait(seed, stream, i);
            }
            if (_next[i] < _earliest) _earliest = _next[i];
        }
    }

    /// <summary>Steps until the fibre's next firing, counting from the current one (0: fires now).</summary>
    private long Wait(ulong seed, uint stream, int fibre)
    {
        if (_p >= 1f) return 0;
        if (!(_p > 0f)) return long.MaxValue / 4;
        double u = Philox.Uniform(seed, stream, (uint)fibre, _draws[fibre]++);
        double k = Math.Floor(Math.Log(u) / Math.Log(1.0 - _p));
        // p below ~1e-16 makes 1 − p round to 1 and k infinite: such a fibre never fires
        return k >= 0 && k < long.MaxValue / 4 ? (long)k : long.MaxValue / 4;
    }
}
