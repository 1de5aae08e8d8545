using CircuitSim.Engine;

namespace CircuitSim.Viz.Live;

/// <summary>
/// Slow signals sampled every <see cref="SampleMs"/> of simulated time into rings of <see cref="Samples"/>
/// (a minute): substance levels (µM), the mean anion reversal of each population with chloride (mV), and the
/// mean weight scale of each plastic projection.
/// </summary>
internal sealed class LiveSignals
{
    public const double SampleMs = 50;
    public const int Samples = 1200;

    public sealed class Series(string label, string unit, string group)
    {
        public readonly string Label = label, Unit = unit, Group = group;
        public readonly float[] Values = new float[Samples];
        internal Func<float> Read = () => 0;
    }

    public Series[] All { get; private set; } = Array.Empty<Series>();
    public long Written { get; private set; }
    private int _every = 1;

    public void Start(Network network)
    {
        _every = Math.Max(1, (int)Math.Round(SampleMs / network.DtMs));
        Written = 0;
        var list = new List<Series>();
        if (network.Neuromodulators is { } nm)
        {
            var pools = nm.Pools;
            for (int s = 0; s < pools.Names.Length; s++)
            {
                int k = s;
                list.Add(new Series(pools.Names[s], "µM", "substances") { Read = () => (float)pools.Level[k] });
            }
            if (nm.Chloride is { } cl)
                foreach (var p in cl.Populations)
                {
                    var pop = p;
                    list.Add(new Series("E_anion " + pop.Neurons.Name, "mV", "chloride") { Read = () => (float)pop.MeanEAnion });
                }
        }
        foreach (var pr in network.Projections)
            if (pr.Plasticity is { } pl)
            {
                var plasticity = pl;
                list.Add(new Series(pr.Name, "×", "weights")
                {
                    Read = () =>
                    {
                        var scale = plasticity.Scale;
                        double sum = 0;
                        for (int k = 0; k < scale.Length; k++) sum += scale[k];
                        return scale.Length > 0 ? (float)(sum / scale.Length) : 1f;
                    },
                });
            }
        All = list.ToArray();
    }

    public void Step(long step)
    {
        if ((step + 1) % _every != 0 || All.Length == 0) return;
        int slot = (int)(Written % Samples);
        foreach (var s in All) s.Values[slot] = s.Read();
        Written++;
    }
}
