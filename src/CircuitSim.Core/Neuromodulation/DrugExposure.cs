using CircuitSim.Engine;
using CircuitSim.Model;
using CircuitSim.Synapses;

namespace CircuitSim.Neuromodulation;

/// <summary>
/// The drugs given so far and what they do now. Each administration has a free effect-site concentration
/// (µM) that follows its pharmacokinetics (<see cref="PharmacokineticsSpec"/>), or is fixed (a bath
/// concentration, or a fraction of the targets occupied); the concentrations of one drug add. Targets:
/// channels are blocked by Ce^n/(Ce^n + IC50^n) (times the largest block), transporters inhibited alike, and
/// receptor types get the drug's competition terms (<see cref="ReceptorOccupancy"/>). Updated on the slow clock
/// and at the boundary where a drug is given, on one worker.
/// </summary>
public sealed class DrugExposure
{
    private sealed record Administration(DrugSpec Drug, DoseKind Kind, double Dose, double AtMs, DrugRoute Route)
    {
        public double EffectSite;
    }

    private readonly List<Administration> _given = new();
    private readonly DrugSpec[] _drugs;
    private readonly ReceptorChannel[][] _channelsByTarget;
    private readonly ReceptorChannel[] _blockable;
    private readonly SubstancePools _pools;
    private readonly ReceptorOccupancy _receptors;

    public DrugExposure(ScenarioSpec spec, IReadOnlyList<Population> pops, SubstancePools pools, ReceptorOccupancy receptors)
    {
        _pools = pools;
        _receptors = receptors;
        _drugs = spec.Interventions.Where(i => i.Drug is not null).Select(i => spec.Drugs[i.Drug!]).Distinct().ToArray();
        var neurons = pops.OfType<NeuronPopulation>().ToList();
        _channelsByTarget = _drugs.SelectMany(d => d.Targets).Where(t => t.Kind == DrugTargetKind.Channel)
            .Select(t => neurons.SelectMany(p => p.Channels).Where(c => c.Name == t.Name).ToArray()).ToArray();
        _blockable = _channelsByTarget.SelectMany(c => c).Distinct().ToArray();
    }

    /// <summary>Free effect-site concentration of each drug given, µM, by name (for recording and tests).</summary>
    public IReadOnlyDictionary<string, double> EffectSite =>
        _given.GroupBy(a => a.Drug.Name).ToDictionary(g => g.Key, g => g.Sum(a => a.EffectSite));

    public void Give(DrugSpec drug, DoseKind kind, double dose, double atMs, DrugRoute route = DrugRoute.Intravenous)
    {
        var a = new Administration(drug, kind, dose, atMs, route);
        a.EffectSite = Plasma(a, atMs, out _);
        _given.Add(a);
    }

    /// <summary>Moves every effect site to time <paramref name="nowMs"/> (a step of <paramref name="tickMs"/>) and applies the drugs' effects.</summary>
    public void Advance(double nowMs, double tickMs)
    {
        foreach (var a in _given)
        {
            double cp = Plasma(a, nowMs, out bool fixedSite);
            if (fixedSite || a.Drug.Pk?.EffectSiteHalfLifeMs is not { } half) a.EffectSite = cp;
            else a.EffectSite += (cp - a.EffectSite) * (1 - Math.Exp(-Math.Log(2) * tickMs / half));
        }
        Apply();
    }

    /// <summary>Free plasma concentration of an administration at time t, µM (fixed for fractions and bath concentrations).</summary>
    private static double Plasma(Administration a, double tMs, out bool fixedSite)
    {
        fixedSite = a.Kind != DoseKind.MassPerKg;
        if (a.Kind == DoseKind.Concentration) return a.Dose;
        if (a.Kind == DoseKind.Fraction) return double.NaN; // resolved per target
        var pk = a.Drug.Pk!;
        double t = tMs - a.AtMs;
        if (t < 0) return 0;
        double k = Math.Log(2) / pk.HalfLifeMs;
        // mg/kg over L/kg is mg/L; mg/L ÷ (g/mol) = mmol/m³ = µM
        // an i.v. bolus is all in plasma at once; i.p. and oral doses are absorbed first-order, and an oral dose
        // loses what first-pass metabolism takes (bioavailability)
        double f = a.Route == DrugRoute.Oral ? pk.Bioavailability : 1;
        double c0 = a.Dose * f / pk.VdLPerKg / pk.MolarMassGPerMol * 1000;
        double c = a.Route != DrugRoute.Intravenous && pk.AbsorptionHalfLifeMs is { } ta
            ? Bateman(c0, Math.Log(2) / ta, k, t)
            : c0 * Math.Exp(-k * t);
        return c * pk.FreeFraction;
    }

    private static double Bateman(double c0, double ka, double k, double t) =>
        Math.Abs(ka - k) < 1e-12 * ka ? c0 * k * t * Math.Exp(-k * t) : c0 * ka / (ka - k) * (Math.Exp(-k * t) - Math.Exp(-ka * t));

    /// <summary>Occupancy-like fraction of a target at concentration c: cⁿ/(cⁿ + IC50ⁿ), or the fraction given.</summary>
    private static double Bound(Administration a, DrugTargetSpec t, out double term)
    {
        if (a.Kind == DoseKind.Fraction)
        {
            double f = Math.Clamp(a.Dose, 0, 1);
            term = f >= 1 ? 1e12 : f / (1 - f);
            return f;
        }
        double c = Math.Max(0, a.EffectSite);
        term = Math.Pow(c / t.Ic50Um, t.Hill);
        return term / (1 + term);
    }

    private void Apply()
    {
        foreach (var ch in _blockable) ch.Availability = 1f;
        Array.Fill(_pools.TransporterAvailability, 1.0);
        Array.Clear(_receptors.DrugTerm);
        Array.Clear(_receptors.DrugAgonism);
        foreach (var a in _given)
        {
            int k = 0;
            foreach (var d in _drugs)
                foreach (var t in d.Targets)
                {
                    if (t.Kind != DrugTargetKind.Channel) continue;
                    if (d == a.Drug)
                    {
                        double block = t.MaxBlock * Bound(a, t, out _);
                        foreach (var ch in _channelsByTarget[k]) ch.Availability *= (float)(1 - block);
                    }
                    k++;
                }
            foreach (var t in a.Drug.Targets)
            {
                switch (t.Kind)
                {
                    case DrugTargetKind.Transporter:
                        double inhibition = Bound(a, t, out _);
                        for (int s = 0; s < _pools.Transporter.Length; s++)
                            if (string.Equals(_pools.Transporter[s], t.Name, StringComparison.OrdinalIgnoreCase))
                                _pools.TransporterAvailability[s] *= 1 - inhibition;
                        break;
                    case DrugTargetKind.Receptor:
                        int r = _receptors.IndexOf(t.Name);
                        if (r < 0) break;
                        Bound(a, t, out double term);
                        _receptors.DrugTerm[r] += term;
                        _receptors.DrugAgonism[r] += t.Efficacy * term;
                        break;
                }
            }
        }
    }
}
