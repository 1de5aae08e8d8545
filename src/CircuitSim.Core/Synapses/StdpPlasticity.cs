using CircuitSim.Engine;
using CircuitSim.Model;

namespace CircuitSim.Synapses;

/// <summary>
/// Spike-timing-dependent plasticity with traces (all-to-all interactions), structure of arrays:
/// - pair rule (Song, Miller &amp; Abbott 2000 Nat Neurosci 3:919; NEST's stdp_synapse): a presynaptic trace x
///   (τ+) and a postsynaptic trace y (τ−); a presynaptic spike depresses each of its synapses by A−·y of its
///   target, a postsynaptic spike potentiates each synapse onto it by A+·x of its source;
/// - triplet rule (Pfister &amp; Gerstner 2006 J Neurosci 26:9673): slower traces r (τx, pre) and o (τy, post)
///   add A3+·o (before the spike's own increment) to potentiation and A3−·r to depression.
/// Changes are additive on the weight scale, bounded to [0, w_max] (1 = the scenario's weight), and multiplied
/// by the third factor when one is named.
/// </summary>
public sealed class StdpPlasticity : LongTermPlasticity
{
    private readonly StdpSpec _s;
    private readonly float[] _x, _r, _y, _o;
    private readonly float _dx, _dr, _dy, _do;

    public StdpPlasticity(Projection pr, StdpSpec s, double dtMs) : base(pr)
    {
        _s = s;
        _x = new float[pr.Source.Count];
        _r = new float[pr.Source.Count];
        _y = new float[pr.Target.Count];
        _o = new float[pr.Target.Count];
        _dx = (float)Math.Exp(-dtMs / s.TauPlusMs);
        _dy = (float)Math.Exp(-dtMs / s.TauMinusMs);
        _dr = (float)Math.Exp(-dtMs / s.TauXMs);
        _do = (float)Math.Exp(-dtMs / s.TauYMs);
    }

    public override void Step()
    {
        Decay(_x, _dx); Decay(_r, _dr); Decay(_y, _dy); Decay(_o, _do);
        float f = ThirdFactor, wmax = (float)_s.WMax;
        float aPlus = (float)_s.APlus * f, aMinus = (float)_s.AMinus * f, a3Plus = (float)_s.A3Plus * f, a3Minus = (float)_s.A3Minus * f;
        var scale = Scale;
        // presynaptic spikes: depression by the target's post trace, then the pre traces step up
        var arriving = Pr.Source.Arriving;
        for (int seg = 0; seg < arriving.Segments.Length; seg++)
        {
            var ids = arriving.Segments[seg];
            for (int j = 0; j < arriving.Counts[seg]; j++)
            {
                int src = ids[j];
                float rBefore = _r[src];
                for (int k = Pr.RowStart[src]; k < Pr.RowStart[src + 1]; k++)
                {
                    int t = Pr.Targets[k];
                    scale[k] = Math.Max(0f, scale[k] - _y[t] * (aMinus + a3Minus * rBefore));
                }
                _x[src] += 1f;
                _r[src] += 1f;
            }
        }
        // postsynaptic spikes: potentiation by the source's pre trace, then the post traces step up
        var spikes = Pr.Target.Spikes;
        for (int seg = 0; seg < spikes.Segments.Length; seg++)
        {
            var ids = spikes.Segments[seg];
            for (int j = 0; j < spikes.Counts[seg]; j++)
            {
                int t = ids[j];
                float oBefore = _o[t];
                for (int q = ByTargetStart[t]; q < ByTargetStart[t + 1]; q++)
                {
                    int k = BySynapse[q];
                    scale[k] = Math.Min(wmax, scale[k] + _x[SourceOf[k]] * (aPlus + a3Plus * oBefore));
                }
                _y[t] += 1f;
                _o[t] += 1f;
            }
        }
    }

    private static void Decay(float[] a, float d)
    {
        for (int i = 0; i < a.Length; i++)
        {
            float v = a[i];
            if (v == 0f) continue;
            v *= d;
            a[i] = v < 1e-7f ? 0f : v;
        }
    }

    public override float FractionPotentiated()
    {
        int up = 0;
        foreach (float w in Scale) if (w > 1f) up++;
        return Scale.Length > 0 ? up / (float)Scale.Length : 0f;
    }
}
