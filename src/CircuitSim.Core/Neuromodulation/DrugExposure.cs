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
    private sealed record Administration(DrugSpec Drug, int DrugIndex, DoseKind Kind, double Dose, double AtMs, DrugRoute Route)
    {
        public double EffectSite;
    }

    private readonly List<Administration> _given = new();
    private readonly DrugSpec[] _drugs;
    private readonly ReceptorChannel[] _blockable;
    private readonly SubstancePools _pools;
    private readonly ReceptorOccupancy _receptors;

    public DrugExposure(ScenarioSpec spec, IReadOnlyList<Population> pops, SubstancePools pools, ReceptorOccupancy receptors)
        : this(spec.DrugsGiven().ToArray(), pops, pools, receptors)
    {
    }

    /// <param name="drugs">Every drug that may be given during the run.</param>
    public DrugExposure(IReadOnlyList<DrugSpec> drugs, IReadOnlyList<Population> pops, SubstancePools pools, ReceptorOccupancy receptors)
    {
        _pools = pools;
        _receptors = receptors;
        _drugs = drugs.ToArray();
        var neurons = pops.OfType<NeuronPopulation>().ToList();
        _targets = _drugs.Select(d => d.Targets.Select(t => new ResolvedTarget(t,
            t.Kind == DrugTargetKind.Channel ? neurons.SelectMany(p => p.Channels).Where(c => c.Name == t.Name).ToArray() : Array.Empty<ReceptorChannel>(),
            t.Kind == DrugTargetKind.Transporter ? Enumerable.Range(0, pools.Transporter.Length).Where(s => string.Equals(pools.Transporter[s], t.Name, StringComparison.OrdinalIgnoreCase)).ToArray() : Array.Empty<int>(),
            t.Kind == DrugTargetKind.Receptor ? receptors.IndexOf(t.Name) : -1)).ToArray()).ToArray();
        _blockable = _targets.SelectMany(ts => ts.SelectMany(t => t.Channels)).Distinct().ToArray();
        _sum = new double[_drugs.Length];
        // a drug whose targets all miss the network (a misspelt channel or transporter) would act on nothing
        for (int d = 0; d < _drugs.Length; d++)
            if (_targets[d].All(t => t.Channels.Length == 0 && t.Pools.Length == 0 && t.Receptor < 0 && t.Spec.Kind != DrugTargetKind.Glia))
                throw new BuildException($"drug {_drugs[d].Name} acts on nothing in this network: none of its targets ({string.Join(", ", _drugs[d].Targets.Select(t => t.Name))}) is a channel, transporter or receptor type here",
                    $"drugs.{_drugs[d].Name}.targets");
    }

    /// <summary>
    /// What drugs do to glia now, by target name (<c>microglia</c>: the fraction of their activation prevented; a sensing
    /// receptor such as P2X4: the fraction blocked); absent names are untouched. Read by the tissue on its clock.
    /// </summary>
    public Dictionary<string, double> GliaBlock { get; } = new();

    /// <summary>The glia target names of the drugs that may be given (checked against the tissue when it is built).</summary>
    public IEnumerable<(string Drug, string Target)> GliaTargets =>
        _drugs.SelectMany(d => d.Targets.Where(t => t.Kind == DrugTargetKind.Glia).Select(t => (d.Name, t.Name)));

    private sealed record ResolvedTarget(DrugTargetSpec Spec, ReceptorChannel[] Channels, int[] Pools, int Receptor);
    private readonly ResolvedTarget[][] _targets;
    private readonly double[] _sum;

    /// <summary>Free effect-site concentration of each drug given, µM, by name (for recording and tests).</summary>
    public IReadOnlyDictionary<string, double> EffectSite =>
        _given.GroupBy(a => a.Drug.Name).ToDictionary(g => g.Key, g => g.Sum(a => a.EffectSite));

    public void Give(DrugSpec drug, DoseKind kind, double dose, double atMs, DrugRoute route = DrugRoute.Intravenous)
    {
        int index = Array.IndexOf(_drugs, drug);
        if (index < 0)
            throw new InvalidOperationException($"drug {drug.Name} was not declared for this run (give it in the scenario's interventions)");
        var a = new Administration(drug, index, kind, dose, atMs, route);
        // a systemic dose reaches the effect site with its equilibration half-life, starting from nothing; a bath
        // concentration is there at once; a fraction dose has no concentration
        a.EffectSite = kind == DoseKind.Fraction ? 0
            : kind == DoseKind.MassPerKg && drug.Pk?.EffectSiteHalfLifeMs is not null ? 0
            : Plasma(a, atMs, out _);
        _given.Add(a);
    }

    /// <summary>Moves every effect site to time <paramref name="nowMs"/> (a step of <paramref name="tickMs"/>) and applies the drugs' effects.</summary>
    public void Advance(double nowMs, double tickMs)
    {
        foreach (var a in _given)
        {
            if (a.Kind == DoseKind.Fraction) continue;
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
        if (a.Kind == DoseKind.Fraction) return 0; // no concentration: the fraction acts directly (Apply)
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

    /// <summary>
    /// The drugs' effects now. Concentrations of one drug add (several doses of it), so each target sees
    /// c = Σ Ce and binds cⁿ/(cⁿ + IC50ⁿ); a fraction dose occupies its fraction f of every target of the drug
    /// on top of that (block 1 − (1 − b)(1 − f); a receptor term d + f/(1 − f)). Channel blocks of different drugs
    /// multiply; receptor terms add (competition at one site); transporter inhibitions multiply.
    /// </summary>
    private void Apply()
    {
        foreach (var ch in _blockable) ch.Availability = 1f;
        Array.Fill(_pools.TransporterAvailability, 1.0);
        Array.Clear(_receptors.DrugTerm);
        Array.Clear(_receptors.DrugAgonism);
        Array.Clear(_sum);
        GliaBlock.Clear();
        foreach (var a in _given)
            if (a.Kind != DoseKind.Fraction) _sum[a.DrugIndex] += Math.Max(0, a.EffectSite);
        for (int d = 0; d < _drugs.Length; d++)
        {
            // the fraction doses of this drug, combined as independent occupancies
            double fractionFree = 1;
            bool given = _sum[d] > 0;
            foreach (var a in _given)
                if (a.DrugIndex == d && a.Kind == DoseKind.Fraction) { fractionFree *= 1 - Math.Clamp(a.Dose, 0, 1); given = true; }
            if (!given) continue;
            foreach (var t in _targets[d])
            {
                double term = _sum[d] > 0 ? Math.Pow(_sum[d] / t.Spec.Ic50Um, t.Spec.Hill) : 0;
                double bound = 1 - (1 - term / (1 + term)) * fractionFree;
                switch (t.Spec.Kind)
                {
                    case DrugTargetKind.Channel:
                        foreach (var ch in t.Channels) ch.Availability *= (float)(1 - t.Spec.MaxBlock * bound);
                        break;
                    case DrugTargetKind.Transporter:
                        foreach (int s in t.Pools) _pools.TransporterAvailability[s] *= 1 - bound;
                        break;
                    case DrugTargetKind.Glia:
                        // independent blocks of one target by several drugs: what each leaves multiplies
                        double left = 1 - (GliaBlock.TryGetValue(t.Spec.Name, out var b0) ? b0 : 0);
                        GliaBlock[t.Spec.Name] = 1 - left * (1 - t.Spec.MaxBlock * bound);
                        break;
                    case DrugTargetKind.Receptor when t.Receptor >= 0:
                        // the competition term whose occupancy is `bound` alone: d/(1 + d) = bound
                        double dTerm = bound >= 1 ? 1e12 : bound / (1 - bound);
                        _receptors.DrugTerm[t.Receptor] += dTerm;
                        _receptors.DrugAgonism[t.Receptor] += t.Spec.Efficacy * dTerm;
                        break;
                }
            }
        }
    }
}
