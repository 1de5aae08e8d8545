using CircuitSim.Engine;

namespace CircuitSim.Recording;

/// <summary>
/// Records the spikes of chosen populations as (step, neuron) pairs in chunks of 64 Ki spikes:
/// a full chunk is never copied (growing one array would touch ~3× the memory, and fresh pages
/// cost ~10 µs each on a virtual machine). Spikes within a step are ascending by neuron, so the
/// record is sorted by time, then id.
/// </summary>
public sealed class SpikeRecorder : ISimulationObserver
{
    private const int ChunkSize = 1 << 16;
    private readonly Population[] _pops;
    private readonly List<(int[] Steps, int[] Ids)>[] _chunks;
    private readonly int[] _fill; // entries used in each population's last chunk

    public SpikeRecorder(Network network, IReadOnlyList<string>? populations)
    {
        _pops = populations is null ? network.Populations.ToArray() : populations.Select(network.Population).ToArray();
        _chunks = new List<(int[], int[])>[_pops.Length];
        _fill = new int[_pops.Length];
        for (int k = 0; k < _pops.Length; k++) _chunks[k] = new() { (new int[ChunkSize], new int[ChunkSize]) };
    }

    public void OnStep(Network network, long step)
    {
        for (int k = 0; k < _pops.Length; k++)
        {
            var sp = _pops[k].Spikes;
            for (int s = 0; s < sp.Segments.Length; s++)
            {
                int c = sp.Counts[s];
                var seg = sp.Segments[s];
                for (int j = 0; j < c; j++)
                {
                    if (_fill[k] == ChunkSize) { _chunks[k].Add((new int[ChunkSize], new int[ChunkSize])); _fill[k] = 0; }
                    var (steps, ids) = _chunks[k][^1];
                    steps[_fill[k]] = (int)step;
                    ids[_fill[k]++] = seg[j];
                }
            }
        }
    }

    public List<PopulationSpikes> Result(double dtMs)
    {
        var list = new List<PopulationSpikes>();
        for (int k = 0; k < _pops.Length; k++)
        {
            var chunks = _chunks[k];
            int n = (chunks.Count - 1) * ChunkSize + _fill[k];
            var times = new double[n];
            var ids = new int[n];
            int at = 0;
            for (int c = 0; c < chunks.Count; c++)
            {
                int len = c == chunks.Count - 1 ? _fill[k] : ChunkSize;
                for (int j = 0; j < len; j++) { times[at] = chunks[c].Steps[j] * dtMs; ids[at++] = chunks[c].Ids[j]; }
            }
            list.Add(new PopulationSpikes
            {
                Population = _pops[k].Name, Size = _pops[k].Count, NodeIds = ids, TimesMs = times,
                Lamina = (_pops[k] as NeuronPopulation)?.Lamina,
            });
        }
        return list;
    }
}
