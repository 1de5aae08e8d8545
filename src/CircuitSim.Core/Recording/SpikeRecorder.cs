using CircuitSim.Engine;

namespace CircuitSim.Recording;

/// <summary>
/// Records the spikes of chosen populations: neuron ids in chunks of 64 Ki, and one
/// (step, cumulative count) pair per step that had spikes. A full chunk is never copied
/// (growing one array would touch ~3× the memory), and the step is stored once per step
/// with spikes instead of once per spike, which halves the memory a recording holds. Spikes within a step are ascending by
/// neuron, so the record is sorted by time, then id.
/// </summary>
public sealed class SpikeRecorder : ISimulationObserver
{
    private const int ChunkSize = 1 << 16;
    private readonly Population[] _pops;
    private readonly PopulationRecord[] _records;

    private sealed class PopulationRecord
    {
        public readonly List<int[]> Chunks = new() { new int[ChunkSize] };
        public int Fill;            // ids used in the last chunk
        public long Total;          // ids recorded
        public readonly List<int> StepOfRun = new();
        public readonly List<long> EndOfRun = new(); // Total after that step's spikes
    }

    public SpikeRecorder(Network network, IReadOnlyList<string>? populations)
    {
        _pops = populations is null ? network.Populations.ToArray() : populations.Select(network.Population).ToArray();
        _records = _pops.Select(_ => new PopulationRecord()).ToArray();
    }

    public void OnStep(Network network, long step)
    {
        for (int k = 0; k < _pops.Length; k++)
        {
            var sp = _pops[k].Spikes;
            var rec = _records[k];
            long before = rec.Total;
            for (int s = 0; s < sp.Segments.Length; s++)
            {
                int c = sp.Counts[s], from = 0;
                while (from < c)
                {
                    if (rec.Fill == ChunkSize) { rec.Chunks.Add(new int[ChunkSize]); rec.Fill = 0; }
                    int n = Math.Min(c - from, ChunkSize - rec.Fill);
                    Array.Copy(sp.Segments[s], from, rec.Chunks[^1], rec.Fill, n);
                    rec.Fill += n;
                    rec.Total += n;
                    from += n;
                }
            }
            if (rec.Total > before) { rec.StepOfRun.Add((int)step); rec.EndOfRun.Add(rec.Total); }
        }
    }

    public List<PopulationSpikes> Result(double dtMs)
    {
        var list = new List<PopulationSpikes>();
        for (int k = 0; k < _pops.Length; k++)
        {
            var rec = _records[k];
            int n = checked((int)rec.Total);
            var times = new double[n];
            var ids = new int[n];
            for (int c = 0, at = 0; c < rec.Chunks.Count; c++)
            {
                int len = Math.Min(ChunkSize, n - at);
                Array.Copy(rec.Chunks[c], 0, ids, at, len);
                at += len;
            }
            long start = 0;
            for (int r = 0; r < rec.StepOfRun.Count; r++)
            {
                double tMs = rec.StepOfRun[r] * dtMs;
                long end = rec.EndOfRun[r];
                for (long j = start; j < end; j++) times[j] = tMs;
                start = end;
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
