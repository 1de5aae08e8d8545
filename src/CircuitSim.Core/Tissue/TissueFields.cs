using CircuitSim.Engine;
using CircuitSim.Model;

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
    private readonly (DiffusionField Field, NeuronPopulation Pop, double Amount, int[] Cells)[] _sources;
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
        var sources = new List<(DiffusionField, NeuronPopulation, double, int[])>();
        for (int k = 0; k < spec.Fields.Count; k++)
            foreach (var (name, amount) in spec.Fields[k].Releases)
            {
                if (pops.FirstOrDefault(p => p.Name == name) is not NeuronPopulation np)
                    throw new BuildException($"tissue field {spec.Fields[k].Name}: '{name}' is not a neuron population (only neurons have a place in the slab yet)",
                        $"tissue.fields.{spec.Fields[k].Name}.release.{name}");
                var f = Fields[k];
                sources.Add((f, np, amount, Enumerable.Range(0, np.Count).Select(i => f.CellOf(np.X[i], np.Y[i])).ToArray()));
            }
        _sources = sources.ToArray();
        _snapshots = Fields.Select(_ => new List<float[]>()).ToArray();
        if (spec.Glia is { Microglia: { } mg } glia)
            Microglia = new MicrogliaAgents(mg, glia.TimeCompression, Fields, seed, nx * spec.GridUm, ny * spec.GridUm);
    }

    /// <summary>The microglia on the slab, or null.</summary>
    public MicrogliaAgents? Microglia { get; }

    private (DiffusionField Field, FieldKcc2Spec Spec, Neuromodulation.ChlorideDynamics.Population Target, int[] Cells)[] _kcc2 = [];

    /// <summary>Connects the fields that act on KCC2 to the chloride of their populations (after the network's modulators are built).</summary>
    public void BindChloride(Neuromodulation.ChlorideDynamics? chloride)
    {
        var list = new List<(DiffusionField, FieldKcc2Spec, Neuromodulation.ChlorideDynamics.Population, int[])>();
        for (int k = 0; k < _spec.Fields.Count; k++)
        {
            if (_spec.Fields[k].Kcc2 is not { } ks) continue;
            foreach (var name in ks.Populations)
            {
                int q = chloride?.IndexOf(name) ?? -1;
                if (q < 0)
                    throw new BuildException($"tissue field {_spec.Fields[k].Name} acts on KCC2 of '{name}', which has no chloride dynamics (give populations.{name}.chloride)",
                        $"tissue.fields.{_spec.Fields[k].Name}.kcc2.populations");
                var target = chloride!.Populations[q];
                var f = Fields[k];
                target.LocalFactor = Enumerable.Repeat(1.0, target.Neurons.Count).ToArray();
                list.Add((f, ks, target, Enumerable.Range(0, target.Neurons.Count).Select(i => f.CellOf(target.Neurons.X[i], target.Neurons.Y[i])).ToArray()));
            }
        }
        _kcc2 = list.ToArray();
    }

    /// <summary>Each coupled neuron's KCC2 factor from the level in its cell.</summary>
    private void ApplyKcc2()
    {
        foreach (var (field, ks, target, cells) in _kcc2)
        {
            var factor = target.LocalFactor!;
            double kn = Math.Pow(ks.Ec50Um, ks.Hill);
            for (int i = 0; i < cells.Length; i++)
            {
                double c = Math.Max(0, field.Values[cells[i]]);
                double cn = Math.Pow(c, ks.Hill);
                factor[i] = 1 + ks.Max * (cn / (cn + kn));
            }
        }
    }

    private readonly List<(float[] X, float[] Y, float[] Activation)> _agentSnapshots = new();

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
        foreach (var f in Fields) f.Step(Every * _dtMs);
        Microglia?.Step(Every * _dtMs); // after the fields: they sense this step's levels and secrete into the next
        ApplyKcc2();
        if (_snapshotEverySteps > 0 && step % _snapshotEverySteps == 0) Snapshot(step * _dtMs);
    }

    /// <summary>How many applications at, at + every, ... fall at or before t.</summary>
    private static long Applications(double t, double at, double every) => t < at ? 0 : (long)Math.Floor((t - at) / every + 1e-9) + 1;

    public void Snapshot(double timeMs)
    {
        if (_times.Count > 0 && _times[^1] == timeMs) return;
        _times.Add(timeMs);
        for (int k = 0; k < Fields.Length; k++) _snapshots[k].Add(Fields[k].Values.Select(v => (float)v).ToArray());
        if (Microglia is { } m)
            _agentSnapshots.Add((m.X.Select(v => (float)v).ToArray(), m.Y.Select(v => (float)v).ToArray(), m.Activation.Select(v => (float)v).ToArray()));
    }

    /// <summary>The microglia at each snapshot (the same times as the fields), or null without microglia.</summary>
    public AgentSnapshots? AgentResult() => Microglia is null ? null
        : new AgentSnapshots("microglia", _times.ToList(), _agentSnapshots.Select(a => a.X).ToList(), _agentSnapshots.Select(a => a.Y).ToList(),
            _agentSnapshots.Select(a => a.Activation).ToList());

    public IReadOnlyList<FieldSnapshots> Result() =>
        Fields.Select((f, k) => new FieldSnapshots(f.Name, f.Nx, f.Ny, f.DxUm, _times.ToList(), _snapshots[k].ToList())).ToList();
}
