using CircuitSim.Engine;

namespace CircuitSim.Viz.Live;

/// <summary>
/// Membrane traces of chosen neurons: one sample per millisecond of simulated time (the largest value in
/// that millisecond, so a spike's peak is not missed), and whether the neuron fired in it, in rings that
/// cover the view's time window.
/// </summary>
internal sealed class LiveTraces
{
    public const double SampleMs = 1;
    public sealed class Trace(string label, string unit, int samples)
    {
        public readonly string Label = label;
        public readonly string Unit = unit;
        public readonly float[] Value = new float[samples];
        public readonly bool[] Fired = new bool[samples];
        internal Func<int, float> Read = _ => 0;
        internal NeuronPopulation? Population;
        internal int Neuron;
        internal float Max = float.NegativeInfinity;
        internal bool Spiked;
    }

    public Trace[] Traces { get; }
    public int Samples { get; }
    /// <summary>Samples written since the start.</summary>
    public long Written { get; private set; }
    private readonly Scenarios.VizTrace[] _specs;
    private int _stepsPerSample = 1, _inSample;

    public LiveTraces(IReadOnlyList<Scenarios.VizTrace> traces, double windowMs)
    {
        _specs = traces.ToArray();
        Samples = Math.Max(2, (int)Math.Ceiling(windowMs / SampleMs));
        Traces = _specs.Select(t => new Trace($"{t.Population}[{t.Neuron}] {t.Variable}", "", Samples)).ToArray();
    }

    public void Start(Network network)
    {
        _stepsPerSample = Math.Max(1, (int)Math.Round(SampleMs / network.DtMs));
        _inSample = 0;
        Written = 0;
        for (int k = 0; k < _specs.Length; k++)
        {
            var pop = network.NeuronPopulations.First(p => p.Name == _specs[k].Population);
            var t = Traces[k];
            t.Population = pop;
            t.Neuron = _specs[k].Neuron;
            try { t.Read = pop.Reader(_specs[k].Variable); }
            catch (Exception e) when (e is ArgumentException or KeyNotFoundException or BuildException)
            {
                throw new VizException($"viz.traces: {pop.Name} has no variable '{_specs[k].Variable}' ({e.Message})");
            }
            t.Max = float.NegativeInfinity;
            t.Spiked = false;
        }
        _units = _specs.Select((s, k) => NeuronPopulation.UnitOf(Traces[k].Population!.Model, s.Variable)).ToArray();
    }

    private string[] _units = Array.Empty<string>();

    /// <summary>The unit of a trace, from its population's model (looked up once at the start).</summary>
    public string UnitOf(int k) => k < _units.Length ? _units[k] : "";

    public void Step(long step)
    {
        foreach (var t in Traces)
        {
            float v = t.Read(t.Neuron);
            if (v > t.Max) t.Max = v;
            var sp = t.Population!.Spikes;
            for (int s = 0; s < sp.Segments.Length && !t.Spiked; s++)
                for (int k = 0; k < sp.Counts[s]; k++)
                    if (sp.Segments[s][k] == t.Neuron) { t.Spiked = true; break; }
        }
        if (++_inSample < _stepsPerSample) return;
        _inSample = 0;
        int slot = (int)(Written % Samples);
        foreach (var t in Traces)
        {
            t.Value[slot] = t.Max;
            t.Fired[slot] = t.Spiked;
            t.Max = float.NegativeInfinity;
            t.Spiked = false;
        }
        Written++;
    }
}
