using CircuitSim.Engine;

namespace CircuitSim.Recording;

/// <summary>Weights of one plastic projection over time, sample k at time k·EveryMs (sample 0 at the start): the mean weight scale and the fraction of synapses potentiated
/// (UP, ρ &gt; 0.5, for the calcium rule; above the starting weight for STDP).</summary>
public sealed class WeightTrace
{
    public required string Projection { get; init; }
    public required double EveryMs { get; init; }
    public required float[] MeanScale { get; init; }
    public required float[] FractionUp { get; init; }
    /// <summary>Each synapse's scale at the end of the run.</summary>
    public required float[] FinalScale { get; init; }
}

/// <summary>Samples the weights of plastic projections at step boundaries (arrays sized when the run starts).</summary>
public sealed class WeightRecorder : ISimulationObserver
{
    private readonly string[] _names;
    private readonly int _every;
    private readonly double _everyMs;
    private Projection[] _projections = Array.Empty<Projection>();
    private float[][] _mean = Array.Empty<float[]>(), _up = Array.Empty<float[]>();
    private int _n;

    public WeightRecorder(Network network, IEnumerable<string> projections, double everyMs)
    {
        _names = projections.ToArray();
        _every = Math.Max(1, (int)Math.Round(everyMs / network.Spec.DtMs));
        _everyMs = _every * network.Spec.DtMs;
    }

    public void OnStart(Network network)
    {
        _projections = _names.Select(n => network.Projections.First(p => p.Name == n)).ToArray();
        long samples = network.Steps / _every + 1;
        _up = _projections.Select(_ => new float[samples + 1]).ToArray();
        _mean = _projections.Select(_ => new float[samples + 1]).ToArray();
        _n = 0;
        Sample(); // the weights at time 0
    }

    public void OnStep(Network network, long step)
    {
        // the state after step `step`: sample k is at time k·every
        if ((step + 1) % _every == 0) Sample();
    }

    private void Sample()
    {
        if (_projections.Length == 0 || _n >= _mean[0].Length) return;
        for (int q = 0; q < _projections.Length; q++)
        {
            var pl = _projections[q].Plasticity!;
            double sum = 0;
            var scale = pl.Scale;
            for (int k = 0; k < scale.Length; k++) sum += scale[k];
            _mean[q][_n] = scale.Length > 0 ? (float)(sum / scale.Length) : 1f;
            _up[q][_n] = pl.FractionPotentiated();
        }
        _n++;
    }

    public IReadOnlyList<WeightTrace> Result() => _projections.Select((p, q) => new WeightTrace
    {
        Projection = p.Name, EveryMs = _everyMs, MeanScale = _mean[q][.._n], FractionUp = _up[q][.._n],
        FinalScale = (float[])p.Plasticity!.Scale.Clone(),
    }).ToList();
}
