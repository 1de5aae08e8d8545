using CircuitSim.Engine;
using CircuitSim.Metrics;
using CircuitSim.Stimuli;

namespace CircuitSim.Viz.Live;

/// <summary>
/// The wind-up curve as it builds: for each pulse of the tracked pulse trains, the spikes per neuron of one
/// population in the C-fibre latency window after it (the window <see cref="WindupMetric"/> counts, from the
/// recruited fibres' conduction delays; cut at the next pulse). A pause of more than three intervals starts
/// a new train. The last <see cref="MaxBars"/> bars are kept. With <see cref="Baseline"/>, each bar is what the
/// pulse added: the spikes in the window less those in as long a time just before the pulse (as V5 measures
/// the gated C response on top of the firing that touch input drives by itself).
/// </summary>
internal sealed class LiveWindup
{
    public const int MaxBars = 48;
    public readonly float[] Bars = new float[MaxBars];
    public readonly int[] Train = new int[MaxBars];
    public readonly float[] FrequencyHz = new float[MaxBars];
    /// <summary>The pulse's number within its train, from 1.</summary>
    public readonly int[] PulseInTrain = new int[MaxBars];
    /// <summary>Bars started since the start (the ring holds the last min(Count, MaxBars)).</summary>
    public int Count { get; private set; }
    public string Population { get; }
    public string WindowName { get; private set; } = "C";
    public double WindowStartMs { get; private set; }
    public double WindowEndMs { get; private set; }

    private readonly string[] _stimuli;
    private NeuronPopulation? _pop;
    private PulseTrainDrive[] _drives = Array.Empty<PulseTrainDrive>();
    private long _pulse = -1, _previousGap, _windowFrom, _windowTo;
    private int _train, _inTrain;
    private PulseTrainDrive? _lastDrive;

    /// <summary>Whether bars subtract the spikes of an equal window before the pulse.</summary>
    public bool Baseline { get; }
    // spikes of the population per step over the last BaselineSteps steps (a ring), for the baseline
    private const int BaselineSteps = 1 << 15;
    private readonly int[] _recent = new int[BaselineSteps];

    public LiveWindup(string population, IReadOnlyList<string> stimuli, bool baseline = false)
    {
        Population = population;
        _stimuli = stimuli.ToArray();
        Baseline = baseline;
    }

    public void Start(Network network)
    {
        _pop = network.NeuronPopulations.FirstOrDefault(p => p.Name == Population);
        // one drive per stimulus: the drives of one stimulus on several fibre populations pulse together
        _drives = _stimuli.Select(s => network.Drives.OfType<PulseTrainDrive>().FirstOrDefault(d => d.Name == s)).OfType<PulseTrainDrive>().ToArray();
        Count = 0;
        Array.Clear(_recent);
        _pulse = -1;
        _previousGap = 0;
        _train = 0;
        _inTrain = 0;
        _lastDrive = null;
    }

    public void Step(Network network, long step)
    {
        if (_pop is null) return;
        foreach (var d in _drives)
            if (d.LastPulseStep == step) Begin(network, d, step);
        int spikes = _pop.Spikes.Total;
        _recent[(int)(step % BaselineSteps)] = spikes;
        if (_pulse < 0 || step < _windowFrom || step >= _windowTo) return;
        if (spikes > 0) Bars[(Count - 1) % MaxBars] += spikes / (float)_pop.Count;
    }

    private void Begin(Network network, PulseTrainDrive d, long step)
    {
        long gap = _pulse >= 0 ? step - _pulse : 0;
        // another stimulus, or a pause of more than three intervals, starts a new train
        if (_pulse >= 0 && (d != _lastDrive || (_previousGap > 0 && gap > 3 * _previousGap))) { _train++; _inTrain = 0; gap = 0; }
        _lastDrive = d;
        _previousGap = gap;
        _pulse = step;
        double dt = network.DtMs;
        double periodMs = d.PeriodSteps > 0 ? d.PeriodSteps * dt : gap > 0 ? gap * dt : WindupMetric.SinglePulseSpanMs;
        var windows = WindupMetric.Windows(WindupMetric.Arrivals(network, d.Name, Population), periodMs, WindupMetric.DefaultTailMs);
        var counted = WindupMetric.CountedWindow(windows, periodMs);
        WindowName = counted.Name;
        WindowStartMs = counted.StartMs;
        WindowEndMs = counted.EndMs;
        _windowFrom = step + (long)Math.Round(counted.StartMs / dt);
        _windowTo = step + (long)Math.Round(counted.EndMs / dt);
        int k = Count % MaxBars;
        Bars[k] = 0;
        if (Baseline)
        {
            // the same length of time just before the pulse (this step's spikes are not yet in the ring)
            long len = Math.Min(_windowTo - _windowFrom, BaselineSteps - 1);
            int before = 0;
            for (long s = Math.Max(0, step - len); s < step; s++) before += _recent[(int)(s % BaselineSteps)];
            Bars[k] = -before / (float)_pop!.Count;
        }
        Train[k] = _train;
        FrequencyHz[k] = (float)(1000 / periodMs);
        PulseInTrain[k] = ++_inTrain;
        Count++;
    }
}
