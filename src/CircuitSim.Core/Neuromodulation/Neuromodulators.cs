using CircuitSim.Engine;
using CircuitSim.Model;
using CircuitSim.Synapses;

namespace CircuitSim.Neuromodulation;

/// <summary>
/// Volume transmission in the circuit: who releases which substance per spike, the pools, the receptor
/// types and what their activation does to projections, channels and pools. Spikes are counted every
/// step (<see cref="CountStep"/>); everything else moves on the schedule's slow clock (<see cref="Tick"/>),
/// on one worker, between barriers, so every reader sees values fixed for the tick, and the result does
/// not depend on the thread count.
/// </summary>
public sealed class Neuromodulators
{
    public SubstancePools Pools { get; }
    public ReceptorOccupancy Receptors { get; }
    /// <summary>Steps between ticks.</summary>
    public int Every { get; }

    // releases, structure of arrays: population, substance, µM per spike, peptidergic fibres only
    private readonly Population[] _relPop;
    private readonly int[] _relSub;
    private readonly double[] _relAmount;
    private readonly bool[] _relPeptidergic;
    private readonly int[] _relFibres;
    /// <summary>Spikes counted since the last tick, per release.</summary>
    private readonly long[] _relCount;
    /// <summary>Firing-rate estimate per releasing fibre, Hz, per release (for rate-dependent release).</summary>
    public double[] ReleaseRateHz { get; }
    private readonly double[] _halfRate, _rateHill, _rateWindow;
    /// <summary>Per peptide release: the projections from its population, whose presynaptic modulation scales it too.</summary>
    private readonly Projection[][] _relTerminals;

    // effects
    private readonly ModulationEffect[] _effect;
    private readonly int[] _receptor;
    private readonly double[] _max;
    private readonly Projection[][] _projections;
    private readonly ReceptorChannel[][] _channels;
    private readonly int[] _clearedSubstance;
    private readonly Projection[] _scaledProjections;
    private readonly ReceptorChannel[] _gainChannels;
    private readonly (ReceptorChannel Channel, int Count)[] _tonicChannels;
    /// <summary>Per conductance effect and target population: the index of its tonic channel in <see cref="_tonicChannels"/>.</summary>
    private readonly int[][] _tonicIndex;
    private readonly double[] _tonicSum;
    private readonly double _dtMs;

    /// <summary>The drugs given during the run and their effects, or null when the scenario gives none.</summary>
    public DrugExposure? Drugs { get; }
    /// <summary>Chloride and KCC2 of the populations that have chloride dynamics, or null.</summary>
    public ChlorideDynamics? Chloride { get; }
    private readonly int[][] _kcc2Targets;
    private double _timeMs;

    public Neuromodulators(ScenarioSpec spec, IReadOnlyList<Population> pops, IReadOnlyList<Projection> projections)
    {
        _dtMs = spec.DtMs;
        Every = Math.Max(1, spec.ModulationEvery);
        Pools = new SubstancePools(spec.Substances);
        Receptors = new ReceptorOccupancy(spec.ReceptorTypes, Pools);
        if (spec.DrugsGiven().Any()) Drugs = new DrugExposure(spec, pops, Pools, Receptors);
        if (spec.Populations.Any(p => p.Chloride is not null)) Chloride = new ChlorideDynamics(spec, pops);

        int nr = spec.Releases.Count;
        _relPop = new Population[nr];
        _relSub = new int[nr];
        _relAmount = new double[nr];
        _relPeptidergic = new bool[nr];
        _relFibres = new int[nr];
        _relCount = new long[nr];
        ReleaseRateHz = new double[nr];
        _halfRate = new double[nr];
        _rateHill = new double[nr];
        _rateWindow = new double[nr];
        _relTerminals = new Projection[nr][];
        for (int k = 0; k < nr; k++)
        {
            var r = spec.Releases[k];
            var pop = pops.FirstOrDefault(p => p.Name == r.Population)
                ?? throw new BuildException($"release of {r.Substance}: no population '{r.Population}'", $"populations.{r.Population}");
            int s = Pools.IndexOf(r.Substance);
            if (s < 0) throw new BuildException($"population {r.Population} releases '{r.Substance}', which is not in substances", $"populations.{r.Population}");
            var ss = spec.Substances[s];
            _relPop[k] = pop;
            _relSub[k] = s;
            _relAmount[k] = r.PerSpikeUm;
            _relPeptidergic[k] = r.PeptidergicOnly;
            _relFibres[k] = r.PeptidergicOnly && pop is SpikeSourcePopulation sp ? Math.Max(1, sp.Peptidergic.Count(x => x)) : Math.Max(1, pop.Count);
            _halfRate[k] = ss.ReleaseHalfRateHz ?? 0;
            _rateHill[k] = ss.ReleaseRateHill;
            _rateWindow[k] = ss.RateWindowMs;
            // peptides leave the same terminals as glutamate: presynaptic α2, μ-opioid and 5-HT1 inhibition cut substance P
            // release too (Kuraishi et al. 1985 Brain Res 359:177; Yaksh et al. 1980 Nature 286:155)
            _relTerminals[k] = r.PeptidergicOnly ? projections.Where(p => p.Source == pop).ToArray() : Array.Empty<Projection>();
        }

        int ne = spec.Modulations.Count;
        _effect = new ModulationEffect[ne];
        _receptor = new int[ne];
        _max = new double[ne];
        _projections = new Projection[ne][];
        _channels = new ReceptorChannel[ne][];
        _clearedSubstance = new int[ne];
        for (int e = 0; e < ne; e++)
        {
            var m = spec.Modulations[e];
            string at = $"modulation.{m.Name}";
            _effect[e] = m.Effect;
            _receptor[e] = Receptors.IndexOf(m.Receptor);
            if (_receptor[e] < 0) throw new BuildException($"modulation {m.Name}: unknown receptor type '{m.Receptor}'", at + ".receptor");
            _max[e] = m.Max;
            _projections[e] = m.Projections.Select(n => projections.FirstOrDefault(p => p.Name == n)
                ?? throw new BuildException($"modulation {m.Name}: no projection '{n}'", at + ".projections")).ToArray();
            _channels[e] = m.Effect is not (ModulationEffect.Gain or ModulationEffect.Conductance) ? Array.Empty<ReceptorChannel>() : m.Populations.Select(n =>
            {
                var np = pops.FirstOrDefault(p => p.Name == n) as NeuronPopulation
                    ?? throw new BuildException($"modulation {m.Name}: no neuron population '{n}'", at + ".populations");
                string ch = m.Channel ?? "GIRK";
                return np.Channels.FirstOrDefault(c => c.Name == ch)
                    ?? throw new BuildException($"modulation {m.Name}: population {n} has no channel '{ch}'", at + ".channel");
            }).ToArray();
            _clearedSubstance[e] = m.Substance is { } sub ? Pools.IndexOf(sub) : -1;
            if (m.Effect == ModulationEffect.Clearance && _clearedSubstance[e] < 0)
                throw new BuildException($"modulation {m.Name}: no substance '{m.Substance}'", at + ".substance");
        }
        _kcc2Targets = spec.Modulations.Select(m => m.Effect == ModulationEffect.Kcc2
            ? m.Populations.Select(n => Chloride?.IndexOf(n) is int i and >= 0 ? i
                : throw new BuildException($"modulation {m.Name}: population {n} has no chloride dynamics (add 'chloride' to it)", $"modulation.{m.Name}.populations")).ToArray()
            : Array.Empty<int>()).ToArray();
        _scaledProjections = _projections.Where((_, e) => _effect[e] == ModulationEffect.Release).SelectMany(x => x).Distinct().ToArray();
        _gainChannels = _channels.Where((_, e) => _effect[e] == ModulationEffect.Gain).SelectMany(x => x).Distinct().ToArray();
        var tonic = new List<(ReceptorChannel Channel, int Count)>();
        _tonicIndex = new int[ne][];
        for (int e = 0; e < ne; e++)
        {
            _tonicIndex[e] = new int[_effect[e] == ModulationEffect.Conductance ? _channels[e].Length : 0];
            for (int j = 0; j < _tonicIndex[e].Length; j++)
            {
                var np = (NeuronPopulation)pops.First(p => p.Name == spec.Modulations[e].Populations[j]);
                int t = tonic.FindIndex(x => x.Channel == _channels[e][j]);
                if (t < 0) { t = tonic.Count; tonic.Add((_channels[e][j], np.Count)); }
                _tonicIndex[e][j] = t;
            }
        }
        _tonicChannels = tonic.ToArray();
        _tonicSum = new double[_tonicChannels.Length];
        // the state at time 0: the initial levels already act
        Apply();
    }

    /// <summary>Gives a drug at time <paramref name="atMs"/> (a step boundary); its effects start at once.</summary>
    public void Give(DrugSpec drug, DoseKind kind, double dose, double atMs, DrugRoute route = DrugRoute.Intravenous)
    {
        if (Drugs is null) throw new InvalidOperationException($"no drug was declared for this run, so {drug.Name} cannot be given (give it in the scenario's interventions)");
        Drugs.Give(drug, kind, dose, atMs, route);
        Drugs.Advance(atMs, 0);
        Apply();
    }

    /// <summary>Sets what one spike of <paramref name="population"/> releases of its transmitter, µM (not its peptides).</summary>
    public void SetRelease(string population, double perSpikeUm)
    {
        for (int k = 0; k < _relPop.Length; k++)
            if (_relPop[k].Name == population && !_relPeptidergic[k]) _relAmount[k] = perSpikeUm;
    }

    /// <summary>Counts this step's spikes of the releasing populations (every step, one worker, after sources fired).</summary>
    public void CountStep()
    {
        for (int k = 0; k < _relPop.Length; k++)
        {
            var spikes = _relPop[k].Arriving;
            if (!_relPeptidergic[k] || _relPop[k] is not SpikeSourcePopulation sp) { _relCount[k] += spikes.Total; continue; }
            var pep = sp.Peptidergic;
            for (int s = 0; s < spikes.Segments.Length; s++)
            {
                var seg = spikes.Segments[s];
                for (int j = 0; j < spikes.Counts[s]; j++) if (pep[seg[j]]) _relCount[k]++;
            }
        }
    }

    /// <summary>One tick of the slow clock: release, clearance, receptor activation, effects.</summary>
    public void Tick()
    {
        double tick = Every * _dtMs;
        for (int k = 0; k < _relCount.Length; k++)
        {
            long n = _relCount[k];
            _relCount[k] = 0;
            // the releasing fibres' mean rate, an exponential average over the rate window
            double decay = Math.Exp(-tick / _rateWindow[k]);
            ReleaseRateHz[k] = ReleaseRateHz[k] * decay + n / (double)_relFibres[k] / (tick * 1e-3) * (1 - decay);
            if (n == 0) continue;
            double amount = _relAmount[k];
            if (_halfRate[k] > 0)
            {
                // dense-core vesicles (peptides) are released at high firing rates (see SubstanceSpec)
                double r = Math.Pow(ReleaseRateHz[k], _rateHill[k]);
                amount *= r / (r + Math.Pow(_halfRate[k], _rateHill[k]));
            }
            if (_relTerminals[k].Length > 0)
            {
                double scale = 0;
                foreach (var pr in _relTerminals[k]) scale += pr.ModulationScale;
                amount *= scale / _relTerminals[k].Length;
            }
            Pools.Pending[_relSub[k]] += n * amount;
        }
        Pools.Advance(tick);
        Chloride?.Advance(tick);
        _timeMs += tick;
        Drugs?.Advance(_timeMs, tick);
        Apply();
    }

    /// <summary>Receptor activation from the levels, and what it does.</summary>
    private void Apply()
    {
        Receptors.Update(Pools.Level);
        foreach (var pr in _scaledProjections) pr.ModulationScale = 1f;
        foreach (var ch in _gainChannels) ch.Gain = 1f;
        Array.Fill(Pools.ClearanceScale, 1.0);
        if (Chloride is { } cl) foreach (var p in cl.Populations) p.Kcc2Target = p.Spec.Kcc2; // the population's own expression, times modulation
        var tonic = _tonicSum;
        Array.Clear(tonic);
        for (int e = 0; e < _effect.Length; e++)
        {
            double act = Receptors.Activation[_receptor[e]];
            float factor = (float)Math.Max(0, 1 + _max[e] * act);
            switch (_effect[e])
            {
                case ModulationEffect.Release:
                    foreach (var pr in _projections[e]) pr.ModulationScale *= factor;
                    break;
                case ModulationEffect.Gain:
                    foreach (var ch in _channels[e]) ch.Gain *= factor;
                    break;
                case ModulationEffect.Clearance:
                    Pools.ClearanceScale[_clearedSubstance[e]] *= factor;
                    break;
                case ModulationEffect.Kcc2:
                    foreach (int i in _kcc2Targets[e]) Chloride!.Populations[i].Kcc2Target *= factor;
                    break;
                case ModulationEffect.Conductance:
                    foreach (int t in _tonicIndex[e]) tonic[t] += _max[e] * act;
                    break;
            }
        }
        for (int t = 0; t < _tonicChannels.Length; t++)
        {
            var (ch, n) = _tonicChannels[t];
            Array.Fill(ch.A, (float)tonic[t], 0, n);
        }
    }
}
