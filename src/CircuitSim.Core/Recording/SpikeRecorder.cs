using CircuitSim.Engine;

namespace CircuitSim.Recording;

/// <summary>
/// Records the spikes of chosen populations as (step, neuron) pairs in preallocated buffers
/// (sized from an expected rate; they double when exceeded, which is rare and amortised).
/// Spikes within a step are ascending by neuron, so the record is sorted by time then id.
/// </summary>
public sealed class SpikeRecorder : ISimulationObserver
{
    private readonly Population[] _pops;
    private int[][] _steps;
    private int[][] _ids;
    private readonly int[] _n;

    public SpikeRecorder(Network network, IReadOnlyList<string>? populations)
    {
        _pops = populations is null ? network.Populations.ToArray() : populations.Select(network.Population).ToArray();
        double seconds = network.Steps * (double)network.DtMs / 1000.0;
        _steps = new int[_pops.Length][];
        _ids = new int[_pops.Length][];
        _n = new int[_pops.Length];
        for (int k = 0; k < _pops.Length; k++)
        {
            int cap = (int)Math.Clamp(_pops[k].Count * seconds * 10 + 1024, 1024, 1 << 26);
            _steps[k] = new int[cap];
            _ids[k] = new int[cap];
        }
    }

    public void OnStep(Network network, long step)
    {
        for (int k = 0; k < _pops.Length; k++)
        {
            var sp = _pops[k].Spikes;
            for (int s = 0; s < sp.Segments.Length; s++)
            {
                int c = sp.Counts[s];
                if (c == 0) continue;
                int n = _n[k];
                if (n + c > _ids[k].Length) Grow(k, n + c);
                int[] ids = _ids[k], steps = _steps[k], seg = sp.Segments[s];
                for (int j = 0; j < c; j++) { ids[n + j] = seg[j]; steps[n + j] = (int)step; }
                _n[k] = n + c;
            }
        }
    }

    private void Grow(int k, int needed)
    {
        int cap = Math.Max(needed, _ids[k].Length * 2);
        Array.Resize(ref _ids[k], cap);
        Array.Resize(ref _steps[k], cap);
    }

    public List<PopulationSpikes> Result(double dtMs)
    {
        var list = new List<PopulationSpikes>();
        for (int k = 0; k < _pops.Length; k++)
        {
            int n = _n[k];
            var times = new double[n];
            for (int i = 0; i < n; i++) times[i] = _steps[k][i] * dtMs;
            list.Add(new PopulationSpikes
            {
                Population = _pops[k].Name, Size = _pops[k].Count, NodeIds = _ids[k][..n], TimesMs = times,
                Lamina = (_pops[k] as NeuronPopulation)?.Lamina,
            });
        }
        return list;
    }
}
