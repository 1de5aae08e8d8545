using CircuitSim.Engine;

namespace CircuitSim.Recording;

/// <summary>Substance levels (µM) and receptor activations (0–1) sampled every <see cref="EveryMs"/>.</summary>
public sealed class SubstanceTrace
{
    public required double EveryMs { get; init; }
    public required string[] Substances { get; init; }
    public required string[] Receptors { get; init; }
    /// <summary>Levels[sample, substance], µM.</summary>
    public required float[,] Levels { get; init; }
    /// <summary>Activation[sample, receptor], 0–1.</summary>
    public required float[,] Activation { get; init; }
    /// <summary>Chloride dynamics: per population with chloride, its mean anion reversal (mV) and KCC2 expression.</summary>
    public string[] ChlorideColumns { get; init; } = Array.Empty<string>();
    public float[,] Chloride { get; init; } = new float[0, 0];
    /// <summary>The anion reversal per lamina (mV): the mean over every neuron with chloride in that lamina, one column per lamina.</summary>
    public string[] LaminaColumns { get; init; } = Array.Empty<string>();
    public float[,] LaminaEAnion { get; init; } = new float[0, 0];
    public int Samples => Levels.GetLength(0);
}

/// <summary>
/// Samples the neuromodulators at step boundaries, into arrays sized for the whole run when it starts
/// (nothing allocated per step). Present whenever the network has substances.
/// </summary>
public sealed class SubstanceRecorder : ISimulationObserver
{
    private readonly int _every;
    private readonly double _dtMs;
    private float[,] _levels = new float[0, 0], _activation = new float[0, 0], _chloride = new float[0, 0], _laminae = new float[0, 0];
    private string[] _laminaNames = Array.Empty<string>();
    private int[] _laminaOf = Array.Empty<int>();
    private int _n;
    private Neuromodulation.Neuromodulators? _nm;

    /// <param name="everyMs">Sampling interval, ms (rounded to whole steps, at least one).</param>
    public SubstanceRecorder(Network network, double everyMs = 10)
    {
        _dtMs = network.Spec.DtMs; // the spec's double: network.DtMs is float32, whose 0.1 shows as 0.100000001
        _every = Math.Max(1, (int)Math.Round(everyMs / network.DtMs));
    }

    public void OnStart(Network network)
    {
        _nm = network.Neuromodulators;
        _n = 0;
        if (_nm is null) return;
        long samples = network.Steps / _every + 1;
        _levels = new float[samples, _nm.Pools.Names.Length];
        _activation = new float[samples, _nm.Receptors.Names.Length];
        _chloride = new float[samples, 2 * (_nm.Chloride?.Populations.Length ?? 0)];
        var pops = _nm.Chloride?.Populations ?? Array.Empty<Neuromodulation.ChlorideDynamics.Population>();
        _laminaNames = pops.Select(p => p.Neurons.Lamina ?? "none").Distinct().ToArray();
        _laminaOf = pops.Select(p => Array.IndexOf(_laminaNames, p.Neurons.Lamina ?? "none")).ToArray();
        _laminae = new float[samples, _laminaNames.Length];
    }

    public void OnStep(Network network, long step)
    {
        // the state after step `step`: sample k is at time k·every·dt
        if (_nm is null || (step + 1) % _every != 0 || _n >= _levels.GetLength(0)) return;
        var lv = _nm.Pools.Level;
        for (int s = 0; s < lv.Length; s++) _levels[_n, s] = (float)lv[s];
        var act = _nm.Receptors.Activation;
        for (int r = 0; r < act.Length; r++) _activation[_n, r] = (float)act[r];
        if (_nm.Chloride is { } cl)
            for (int q = 0; q < cl.Populations.Length; q++)
            {
                _chloride[_n, 2 * q] = (float)cl.Populations[q].MeanEAnion;
                _chloride[_n, 2 * q + 1] = (float)cl.Populations[q].Kcc2;
            }
        if (_nm.Chloride is { } cl2 && _laminaNames.Length > 0)
            for (int l = 0; l < _laminaNames.Length; l++)
            {
                double sum = 0;
                int count = 0;
                for (int q = 0; q < cl2.Populations.Length; q++)
                    if (_laminaOf[q] == l) { sum += cl2.Populations[q].MeanEAnion * cl2.Populations[q].Neurons.Count; count += cl2.Populations[q].Neurons.Count; }
                _laminae[_n, l] = count > 0 ? (float)(sum / count) : float.NaN;
            }
        _n++;
    }

    public SubstanceTrace? Result()
    {
        if (_nm is null) return null;
        var levels = new float[_n, _levels.GetLength(1)];
        var act = new float[_n, _activation.GetLength(1)];
        Array.Copy(_levels, levels, _n * _levels.GetLength(1));
        Array.Copy(_activation, act, _n * _activation.GetLength(1));
        var chl = new float[_n, _chloride.GetLength(1)];
        Array.Copy(_chloride, chl, _n * _chloride.GetLength(1));
        var lam = new float[_n, _laminae.GetLength(1)];
        Array.Copy(_laminae, lam, _n * _laminae.GetLength(1));
        return new SubstanceTrace
        {
            EveryMs = _every * _dtMs, Substances = (string[])_nm.Pools.Names.Clone(), Receptors = (string[])_nm.Receptors.Names.Clone(),
            Levels = levels, Activation = act, Chloride = chl,
            ChlorideColumns = (_nm.Chloride?.Populations ?? Array.Empty<Neuromodulation.ChlorideDynamics.Population>())
                .SelectMany(p => new[] { $"{p.Neurons.Name}_E_anion_mV", $"{p.Neurons.Name}_KCC2" }).ToArray(),
            LaminaColumns = _laminaNames.Select(l => $"lamina_{l}_E_anion_mV").ToArray(), LaminaEAnion = lam,
        };
    }
}
