using CircuitSim.Engine;
using CircuitSim.Model;
using CircuitSim.Random;

namespace CircuitSim.Synapses;

/// <summary>
/// The calcium-based rule of one projection (see <see cref="PlasticitySpec"/>), structure of arrays over its
/// synapses: calcium c, efficacy ρ and the weight scale read by delivery. Updated every step by one worker,
/// between the sources' barrier and delivery, when the targets' voltages and the step's spikes are fixed.
/// Deterministic for any thread count.
/// </summary>
public sealed class CalciumPlasticity : LongTermPlasticity
{
    private readonly PlasticitySpec _p;
    private readonly float[] _c, _rho, _gate;
    private readonly float _decayCa, _dtOverTau, _bRef, _decayGate, _influx;
    // the weight scale (1 + (b−1)ρ)/(1 + (b−1)β) as a0 + slope·ρ
    private readonly float _scale0, _scaleSlope;
    private readonly ReceptorChannel? _nmda;
    private readonly float[] _unblock;
    private long _steps;
    /// <summary>Steps between updates of the drift of synapses without calcium (the drift's time constant is τ, minutes).</summary>
    private const int DriftEvery = 10;

    public CalciumPlasticity(Projection pr, PlasticitySpec p, double dtMs, ulong seed) : base(pr)
    {
        _p = p;
        int n = pr.Targets.Length;
        _c = new float[n];
        _rho = new float[n];
        _gate = new float[n];
        _decayCa = (float)Math.Exp(-dtMs / p.TauCaMs);
        _dtOverTau = (float)(dtMs / p.TauMs);
        double norm = 1 + (p.UpDownRatio - 1) * p.InitialUp;
        _scale0 = (float)(1 / norm);
        _scaleSlope = (float)((p.UpDownRatio - 1) / norm);
        _bRef = (float)MagnesiumBlock.Exact(p.ReferenceMv);
        _nmda = p.NmdaGated ? pr.Target.Channels.FirstOrDefault(ch => ch.Name == "NMDA") : null;
        _decayGate = (float)Math.Exp(-dtMs / p.NmdaDecayMs);
        _unblock = new float[pr.Target.Count];
        // influx per step per unit gate, so that one spike at V_ref peaks at Cpre: c(t) = A·τN·τCa/(τN − τCa)·(e^(−t/τN) − e^(−t/τCa))
        double tn = p.NmdaDecayMs, tc = p.TauCaMs;
        double peak;
        if (Math.Abs(tn - tc) < 1e-9) peak = tc / Math.E;
        else
        {
            double tPeak = Math.Log(tn / tc) * tn * tc / (tn - tc);
            peak = tn * tc / (tn - tc) * (Math.Exp(-tPeak / tn) - Math.Exp(-tPeak / tc));
        }
        _influx = (float)(p.CPre / peak * dtMs);
        uint purpose = RngPurpose.ForProjection(RngPurpose.Plasticity, pr.Index);
        for (int k = 0; k < n; k++)
        {
            _rho[k] = Philox.Uniform(seed, purpose, (uint)k, 0) < p.InitialUp ? 1f : 0f;
            Scale[k] = _scale0 + _scaleSlope * _rho[k];
        }
    }

    /// <summary>
    /// One step: ρ moves with the calcium it sees, calcium decays and flows in through the open NMDA gates at the
    /// target's voltage, the gates close; then this step's presynaptic arrivals open gates and postsynaptic spikes add calcium.
    /// </summary>
    public override void Step()
    {
        var p = _p;
        // a third factor scales potentiation (a neuromodulator permitting LTP)
        float thetaD = (float)p.ThetaD, thetaP = (float)p.ThetaP, gd = (float)p.GammaD, gp = (float)p.GammaP * ThirdFactor, rs = (float)p.RhoStar;
        var v = Pr.Target.State[0];
        var targets = Pr.Targets;
        var nmda = _nmda;
        float a0 = _scale0, slope = _scaleSlope;
        // without calcium only the slow bistable drift (τ ~ minutes) moves ρ: it is stepped every DriftEvery steps
        bool driftDue = ++_steps % DriftEvery == 0;
        float driftStep = _dtOverTau * DriftEvery;
        bool unblockReady = false;
        for (int k = 0; k < _c.Length; k++)
        {
            float c = _c[k], r = _rho[k];
            // a resting synapse (no calcium, gate closed, at UP or DOWN where the drift is zero) does not change
            if (c == 0f && _gate[k] == 0f)
            {
                if (r == 0f || r == 1f || !driftDue) continue;
                r = Math.Clamp(r + driftStep * (-r * (1 - r) * (rs - r)), 0f, 1f);
                _rho[k] = r;
                Scale[k] = a0 + slope * r;
                continue;
            }
            float drift = -r * (1 - r) * (rs - r);
            if (c > thetaP) drift += gp * (1 - r);
            if (c > thetaD) drift -= gd * r;
            r = Math.Clamp(r + _dtOverTau * drift, 0f, 1f);
            _rho[k] = r;
            Scale[k] = a0 + slope * r;
            c *= _decayCa;
            if (c < 1e-6f) c = 0f;
            float gate = _gate[k];
            if (gate > 0f)
            {
                // calcium through the synapse's NMDA receptors, as far as the Mg²⁺ block at the target's voltage lets it
                float inflow = _influx * gate;
                if (nmda is not null)
                {
                    if (!unblockReady)
                    {
                        // the Mg²⁺ unblock once per target and step, and only in steps where some gate is open
                        for (int j = 0; j < _unblock.Length; j++)
                            _unblock[j] = (float)MagnesiumBlock.Exact(v[j]) / _bRef * nmda.ScaleAt(j);
                        unblockReady = true;
                    }
                    inflow *= _unblock[targets[k]];
                }
                c += inflow;
                gate *= _decayGate;
                _gate[k] = gate < 1e-6f ? 0f : gate;
            }
            _c[k] = c;
        }
        // presynaptic spikes open the synapses' NMDA gates
        var arriving = Pr.Source.Arriving;
        for (int s = 0; s < arriving.Segments.Length; s++)
        {
            var seg = arriving.Segments[s];
            for (int j = 0; j < arriving.Counts[s]; j++)
            {
                int src = seg[j];
                for (int k = Pr.RowStart[src]; k < Pr.RowStart[src + 1]; k++) _gate[k] += 1f;
            }
        }
        // postsynaptic spikes: the back-propagating spike relieves the Mg²⁺ block of the synapse's glutamate-bound NMDA
        // receptors (Shouval et al. 2002), so with NMDA gating the calcium it brings scales with the open gate (at most
        // one spike's worth) and the NMDA channel's availability; without gating it is Cpost at every synapse
        var spikes = Pr.Target.Spikes;
        float cPost = (float)p.CPost;
        for (int s = 0; s < spikes.Segments.Length; s++)
        {
            var seg = spikes.Segments[s];
            for (int j = 0; j < spikes.Counts[s]; j++)
            {
                int t = seg[j];
                for (int q = ByTargetStart[t]; q < ByTargetStart[t + 1]; q++)
                {
                    int k = BySynapse[q];
                    _c[k] += nmda is null ? cPost : cPost * Math.Min(_gate[k], 1f) * nmda.ScaleAt(t);
                }
            }
        }
    }

    public override float FractionPotentiated()
    {
        int up = 0;
        foreach (float r in _rho) if (r > 0.5f) up++;
        return _rho.Length > 0 ? up / (float)_rho.Length : 0f;
    }
}
