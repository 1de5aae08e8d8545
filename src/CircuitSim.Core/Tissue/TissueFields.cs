using CircuitSim.Engine;
using CircuitSim.Model;
using CircuitSim.Neuromodulation;

namespace CircuitSim.Tissue;

/// <summary>Agents' recorded states: per snapshot their positions (µm) and activation (0-1).</summary>
public sealed record AgentSnapshots(string Kind, IReadOnlyList<double> TimesMs, IReadOnlyList<float[]> X, IReadOnlyList<float[]> Y, IReadOnlyList<float[]> Activation);

/// <summary>A field's recorded states: the time of each snapshot (ms) and the concentration per cell (µM), row by row.</summary>
public sealed record FieldSnapshots(string Name, int Nx, int Ny, double DxUm, IReadOnlyList<double> TimesMs, IReadOnlyList<float[]> Values);

/// <summary>
/// The fields of the tissue slab in a running network: releases from the spikes of neuron populations into
/// the grid cell of each spiking neuron (its lamina position), counted every step by one worker, and the
/// fields' diffusion and decay on their own clock (<see cref="DiffusionField"/>); snapshots for the outputs.
/// Microglia (when the scenario has them) step after the fields, sensing and secreting; a field may set the KCC2
/// of the neurons where they sit (BDNF → TrkB → KCC2), which the chloride dynamics read on their clock.
/// </summary>
public sealed class TissueFields
{
    private readonly TissueSpec _spec;
    private readonly (DiffusionField Field, Population Pop, double Amount, int[] Cells)[] _sources;
    /// <summary>Leaks from injured terminals: field, population, µM per ms, the injured fibres' cells.</summary>
    private readonly (DiffusionField Field, SpikeSourcePopulation Pop, double UmPerMs, int[] Cells)[] _injured;
    private readonly List<double> _times = new();
    private readonly List<float[]>[] _snapshots;
    private readonly int _snapshotEverySteps;
    private readonly double _dtMs;

    public TissueFields(TissueSpec spec, IReadOnlyList<Population> pops, double dtMs, ulong seed = 1)
    {
        _spec = spec;
        _dtMs = dtMs;
        int nx = (int)Math.Ceiling(LaminaGeometry.WidthUm / spec.GridUm);
        int ny = (int)Math.Ceiling(LaminaGeometry.DepthBand(null).Bottom / spec.GridUm);
        Fields = spec.Fields.Select(f => new DiffusionField(f.Name, nx, ny, spec.GridUm, f.DiffusionUm2PerS, f.DecayMs)).ToArray();
        Every = Math.Max(1, (int)Math.Round(spec.ClockMs / dtMs));
        _snapshotEverySteps = spec.SnapshotEveryMs > 0 ? Math.Max(Every, (int)Math.Round(spec.SnapshotEveryMs / dtMs / Every) * Every) : 0;
        var sources = new List<(DiffusionField, Population, double, int[])>();
        var injured = new List<(DiffusionField, SpikeSourcePopulation, double, int[])>();
        for (int k = 0; k < spec.Fields.Count; k++)
        {
            var f = Fields[k];
            foreach (var (name, amount) in spec.Fields[k].Releases)
            {
                var pop = pops.FirstOrDefault(p => p.Name == name)
                    ?? throw new BuildException($"tissue field {spec.Fields[k].Name}: no population '{name}'", $"tissue.fields.{spec.Fields[k].Name}.release.{name}");
                sources.Add((f, pop, amount, CellsOf(f, pop)));
            }
            foreach (var (name, rate) in spec.Fields[k].InjuredRelease)
            {
                if (pops.FirstOrDefault(p => p.Name == name) is not SpikeSourcePopulation { Kind: PopulationKind.Afferent } sp)
                    throw new BuildException($"tissue field {spec.Fields[k].Name}: '{name}' is not an afferent population", $"tissue.fields.{spec.Fields[k].Name}.injured_release.{name}");
                var cells = CellsOf(f, sp);
                // the injured fibres are those the nerve injury makes fire ectopically (all, without an ectopic fraction)
                injured.Add((f, sp, rate, Enumerable.Range(0, sp.Count).Where(i => sp.EctopicFibres?[i] ?? true).Select(i => cells[i]).ToArray()));
            }
        }
        _sources = sources.ToArray();
        _injured = injured.ToArray();
        _snapshots = Fields.Select(_ => new List<float[]>()).ToArray();
        if (spec.Glia is { } glia)
        {
            if (glia.Microglia is { } mg) Microglia = new GliaAgents(mg, glia.TimeCompression, Fields, seed, nx * spec.GridUm, ny * spec.GridUm, "microglia");
            if (glia.Astrocytes is { } ac) Astrocytes = new GliaAgents(ac, glia.TimeCompression, Fields, seed, nx * spec.GridUm, ny * spec.GridUm, "astrocytes");
        }
        Glia = new[] { Microglia, Astrocytes }.OfType<GliaAgents>().ToArray();
        _agentSnapshots = Glia.Select(_ => new List<(float[], float[], float[])>()).ToArray();
    }

    /// <summary>Where a population acts in the slab: a neuron's soma, a fibre's central terminal.</summary>
    public static (float[] X, float[] Y) PlacesOf(Population pop) => pop switch
    {
        NeuronPopulation np => (np.X, np.Y),
        SpikeSourcePopulation sp => (sp.TerminalX, sp.TerminalY),
        _ => throw new ArgumentException($"population {pop.Name} has no place in the slab"),
    };

    private static int[] CellsOf(DiffusionField f, Population pop)
    {
        var (x, y) = PlacesOf(pop);
        return Enumerable.Range(0, pop.Count).Select(i => f.CellOf(x[i], y[i])).ToArray();
    }

    /// <summary>The microglia on the slab, or null.</summary>
    public GliaAgents? Microglia { get; }
    /// <summary>The astrocytes on the slab, or null.</summary>
    public GliaAgents? Astrocytes { get; }
    /// <summary>Every kind of glial agent present, microglia first.</summary>
    public GliaAgents[] Glia { get; }

    private (DiffusionField Field, FieldKcc2Spec Spec, Neuromodulation.ChlorideDynamics.Population Target, int[] Cells, int Receptor)[] _kcc2 = [];
    private (DiffusionField Field, FieldEffectSpec Spec, float[] Factor, int[] Cells)[] _effects = [];
    private float[][] _effectArrays = [];
    private Neuromodulation.Neuromodulators? _modulators;

    /// <summary>
    /// Connects the fields to what they act on, once the network's populations and neuromodulators are built: KCC2 of
    /// neurons with chloride (through a receptor type when one is named, so its antagonists act), channel gains of
    /// neurons and release of terminals (<see cref="FieldEffectSpec"/>).
    /// </summary>
    public void Bind(IReadOnlyList<Population> pops, Neuromodulation.Neuromodulators? modulators)
    {
        _modulators = modulators;
        var chloride = modulators?.Chloride;
        var list = new List<(DiffusionField, FieldKcc2Spec, Neuromodulation.ChlorideDynamics.Population, int[], int)>();
        for (int k = 0; k < _spec.Fields.Count; k++)
        {
            if (_spec.Fields[k].Kcc2 is not { } ks) continue;
            int receptor = -1;
            if (ks.Receptor is { } rn && (receptor = modulators?.Receptors.IndexOf(rn) ?? -1) < 0)
                throw new BuildException($"tissue field {_spec.Fields[k].Name} acts on KCC2 through '{rn}', which is not a receptor type of this network",
                    $"tissue.fields.{_spec.Fields[k].Name}.kcc2.receptor");
            foreach (var name in ks.Populations)
            {
                int q = chloride?.IndexOf(name) ?? -1;
                if (q < 0)
                    throw new BuildException($"tissue field {_spec.Fields[k].Name} acts on KCC2 of '{name}', which has no chloride dynamics (give populations.{name}.chloride)",
                        $"tissue.fields.{_spec.Fields[k].Name}.kcc2.populations");
                var target = chloride!.Populations[q];
                var f = Fields[k];
                target.LocalFactor = Enumerable.Repeat(1.0, target.Neurons.Count).ToArray();
                list.Add((f, ks, target, CellsOf(f, target.Neurons), receptor));
            }
        }
        _kcc2 = list.ToArray();

        var effects = new List<(DiffusionField, FieldEffectSpec, float[], int[])>();
        for (int k = 0; k < _spec.Fields.Count; k++)
            foreach (var fe in _spec.Fields[k].Effects)
                foreach (var name in fe.Populations)
                {
                    string at = $"tissue.fields.{_spec.Fields[k].Name}.acts_on";
                    var pop = pops.FirstOrDefault(p => p.Name == name) ?? throw new BuildException($"tissue field {_spec.Fields[k].Name}: no population '{name}'", at);
                    float[] factor;
                    if (fe.IsRelease) factor = pop.TerminalRelease ??= Enumerable.Repeat(1f, pop.Count).ToArray();
                    else
                    {
                        var ch = (pop as NeuronPopulation)?.Channel(fe.On)
                                 ?? throw new BuildException($"tissue field {_spec.Fields[k].Name} acts on channel {fe.On} of '{name}', which has none", at);
                        factor = ch.LocalGain ??= Enumerable.Repeat(1f, ((NeuronPopulation)pop).PaddedCount).ToArray();
                    }
                    effects.Add((Fields[k], fe, factor, CellsOf(Fields[k], pop)));
                }
        _effects = effects.ToArray();
        _effectArrays = _effects.Select(e => e.Factor).Distinct().ToArray();

        ApplyLocalEffects();
    }

    /// <summary>
    /// Refuses a drug aimed at glia that the tissue does not have (no tissue, no such kind, no such sensing receptor):
    /// it would act on nothing.
    /// </summary>
    public static void CheckGliaDrugs(TissueFields? tissue, DrugExposure? drugs)
    {
        if (drugs is null) return;
        var glia = tissue?.Glia ?? [];
        foreach (var (drug, target) in drugs.GliaTargets)
            if (!glia.Any(g => g.Kind == target || g.SensingReceptors.Contains(target)))
                throw new BuildException($"drug {drug} acts on glia target '{target}', which is neither a kind of glia of this tissue nor a receptor by which they sense a field"
                    + (glia.Length == 0 ? " (the scenario has no glia: add tissue: and glia:, docs/tissue.md)"
                        : $" (here: {string.Join(", ", glia.Select(g => g.Kind).Concat(glia.SelectMany(g => g.SensingReceptors).OfType<string>()).Distinct())})"),
                    $"drugs.{drug}.targets");
    }

    /// <summary>Each coupled neuron's KCC2 factor, channel gain and terminal release from the level in its cell.</summary>
    private void ApplyLocalEffects()
    {
        var receptors = _modulators?.Receptors;
        foreach (var (field, ks, target, cells, receptor) in _kcc2)
        {
            var factor = target.LocalFactor!;
            for (int i = 0; i < cells.Length; i++)
            {
                double c = Math.Max(0, field.Values[cells[i]]);
                // activation of TrkB by the local BDNF, competing with any drug at the receptor
                double act = receptor >= 0 ? receptors!.ActivationAt(receptor, c, ks.Ec50Um, ks.Hill) : ReceptorOccupancy.Hill1(c, ks.Ec50Um, ks.Hill);
                factor[i] = 1 + ks.Max * act;
            }
        }
        foreach (var a in _effectArrays) Array.Fill(a, 1f);
        foreach (var (field, fe, factor, cells) in _effects)
        {
            double kn = Math.Pow(fe.Ec50Um, fe.Hill);
            for (int i = 0; i < cells.Length; i++)
            {
                double c = Math.Max(0, field.Values[cells[i]]);
                double cn = Math.Pow(c, fe.Hill);
                factor[i] *= (float)Math.Max(0, 1 + fe.Max * cn / (cn + kn));
            }
        }
        if (_modulators?.Drugs is { } drugs)
            foreach (var m in Glia)
            {
                m.Inhibition = drugs.GliaBlock.TryGetValue(m.Kind, out var b) ? b : 0;
                for (int q = 0; q < m.SensingReceptors.Length; q++)
                    m.SenseAvailability[q] = m.SensingReceptors[q] is { } r && drugs.GliaBlock.TryGetValue(r, out var rb) ? 1 - rb : 1;
            }
    }

    private readonly List<(float[] X, float[] Y, float[] Activation)>[] _agentSnapshots;

    public DiffusionField[] Fields { get; }

    /// <summary>Steps between two steps of the fields.</summary>
    public int Every { get; }

    /// <summary>The step's spikes of the releasing populations, into their cells (worker 0, while the others deliver).</summary>
    public void DepositStep()
    {
        foreach (var (field, pop, amount, cells) in _sources)
        {
            var spikes = pop.Arriving;
            for (int s = 0; s < spikes.Segments.Length; s++)
            {
                var seg = spikes.Segments[s];
                for (int j = 0; j < spikes.Counts[s]; j++) field.Add(cells[seg[j]], amount);
            }
        }
    }

    /// <summary>One step of every field's clock, at step <paramref name="step"/>; a snapshot when one is due.</summary>
    public void Tick(long step)
    {
        // puffs due since the last tick go in before the fields step
        double now = step * _dtMs, previous = (step - Every) * _dtMs;
        for (int k = 0; k < _spec.Fields.Count; k++)
            foreach (var (at, x, y, amount, every, until) in _spec.Fields[k].Puffs)
            {
                // the applications in (previous, now]: one, or those of a repeated puff up to its end
                long count = every <= 0
                    ? (at > previous && at <= now ? 1 : 0)
                    : Math.Max(0, Applications(Math.Min(now, until), at, every) - Applications(Math.Min(previous, until), at, every));
                if (count > 0) Fields[k].Add(Fields[k].CellOf(x, y), amount * count);
            }
        // injured terminals leak while their nerve's injury is on
        foreach (var (field, pop, rate, cells) in _injured)
            if (pop.EctopicRateHz > 0)
                foreach (int c in cells) field.Add(c, rate * Every * _dtMs);
        double glial = _spec.Glia?.TimeCompression ?? 1;
        for (int k = 0; k < Fields.Length; k++) Fields[k].Step(Every * _dtMs * (_spec.Fields[k].GlialTime ? glial : 1));
        // a bath holds the whole field at its level while it lasts (what the fields did meanwhile is washed out)
        for (int k = 0; k < _spec.Fields.Count; k++)
            foreach (var (from, until, level) in _spec.Fields[k].Baths)
                if (now >= from && now < until) Array.Fill(Fields[k].Values, level);
        foreach (var g in Glia) g.Step(Every * _dtMs); // after the fields: they sense this step's levels and secrete into the next
        ApplyLocalEffects();
        if (_snapshotEverySteps > 0 && step % _snapshotEverySteps == 0) Snapshot(step * _dtMs);
    }
    /// <summary>How many applications at, at + every, ... fall at or before t.</summary>
    private static long Applications(double t, double at, double every) => t < at ? 0 : (long)Math.Floor((t - at) / every + 1e-9) + 1;

    public void Snapshot(double timeMs)
    {
        if (_times.Count > 0 && _times[^1] == timeMs) return;
        _times.Add(timeMs);
        for (int k = 0; k < Fields.Length; k++) _snapshots[k].Add(Fields[k].Values.Select(v => (float)v).ToArray());
        for (int g = 0; g < Glia.Length; g++)
        {
            var m = Glia[g];
            // every snapshot has room for the most cells there can be; cells not yet born are NaN
            float[] Snap(double[] a) => a.Select((v, i) => i < m.Count ? (float)v : float.NaN).ToArray();
            _agentSnapshots[g].Add((Snap(m.X), Snap(m.Y), Snap(m.Activation)));
        }
    }

    /// <summary>The glia of a kind at each snapshot (the same times as the fields), or null without them.</summary>
    public AgentSnapshots? AgentResult(string kind = "microglia")
    {
        int g = Array.FindIndex(Glia, x => x.Kind == kind);
        if (g < 0) return null;
        var list = _agentSnapshots[g];
        return new AgentSnapshots(kind, _times.ToList(), list.Select(a => a.X).ToList(), list.Select(a => a.Y).ToList(), list.Select(a => a.Activation).ToList());
    }

    public IReadOnlyList<FieldSnapshots> Result() =>
        Fields.Select((f, k) => new FieldSnapshots(f.Name, f.Nx, f.Ny, f.DxUm, _times.ToList(), _snapshots[k].ToList())).ToList();
}
