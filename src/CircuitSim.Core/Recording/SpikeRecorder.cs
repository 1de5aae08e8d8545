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
    private readonly string[] _names;
    private Population[] _pops;
    private PopulationRecord[] _records;

    private sealed class PopulationRecord(StepSpikes spikes)
    {
        public readonly StepSpikes Spikes = spikes;
        // chunks whose pages are touched off the time loop (see ChunkSupply); the first ones before it starts
        public readonly ChunkSupply<int> IdSupply = new(ChunkSize);
        public readonly ChunkSupply<long> StepSupply = new(ChunkSize), EndSupply = new(ChunkSize);
        public readonly List<int[]> Chunks = new();
        public int[] Current = null!; // last chunk
        public int Fill;              // ids used in the last chunk
        public long Total;            // ids recorded
        // per step with spikes: the step and Total after its spikes, in chunks like the ids
        public readonly List<long[]> StepChunks = new(), EndChunks = new();
        public long[] StepOfRun = null!, EndOfRun = null!; // last run chunks
        public int RunFill;
        public long Runs;
    }

    public SpikeRecorder(Network network, IReadOnlyList<string>? populations)
    {
        _pops = populations is null ? network.Populations.ToArray() : populations.Select(network.Population).ToArray();
        _names = _pops.Select(p => p.Name).ToArray();
        _records = new PopulationRecord[_pops.Length];
    }

    // spike buffers are assigned by the simulation, so the records take them at the start (and after a reset,
    // from the rebuilt network, starting an empty record)
    public void OnStart(Network network)
    {
        _pops = _names.Select(network.Population).ToArray();
        _records = new PopulationRecord[_pops.Length];
        for (int k = 0; k < _pops.Length; k++)
        {
            _records[k] = new PopulationRecord(_pops[k].Spikes);
            var rec = _records[k];
            rec.Chunks.Add(rec.Current = rec.IdSupply.Take());
            rec.StepChunks.Add(rec.StepOfRun = rec.StepSupply.Take());
            rec.EndChunks.Add(rec.EndOfRun = rec.EndSupply.Take());
        }
    }

    public void OnStep(Network network, long step)
    {
        foreach (var rec in _records)
        {
            var sp = rec.Spikes;
            long before = rec.Total;
            for (int s = 0; s < sp.Segments.Length; s++)
            {
                int c = sp.Counts[s], from = 0;
                while (from < c)
                {
                    if (rec.Fill == ChunkSize) { rec.Current = rec.IdSupply.Take(); rec.Chunks.Add(rec.Current); rec.Fill = 0; }
                    int n = Math.Min(c - from, ChunkSize - rec.Fill);
                    // a step has a few spikes: a span copy, not Array.Copy's type checks
                    sp.Segments[s].AsSpan(from, n).CopyTo(rec.Current.AsSpan(rec.Fill));
                    rec.Fill += n;
                    rec.Total += n;
                    from += n;
                }
            }
            if (rec.Total == before) continue;
            if (rec.RunFill == ChunkSize)
            {
                rec.StepOfRun = rec.StepSupply.Take(); rec.StepChunks.Add(rec.StepOfRun);
                rec.EndOfRun = rec.EndSupply.Take(); rec.EndChunks.Add(rec.EndOfRun);
                rec.RunFill = 0;
            }
            rec.StepOfRun[rec.RunFill] = step;
            rec.EndOfRun[rec.RunFill++] = rec.Total;
            rec.Runs++;
        }
    }

    public List<PopulationSpikes> Result(double dtMs)
    {
        var list = new List<PopulationSpikes>();
        for (int k = 0; k < _pops.Length; k++)
        {
            var rec = _records[k] ?? new PopulationRecord(StepSpikes.Empty); // never started: no spikes
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
            for (long r = 0; r < rec.Runs; r++)
            {
                double tMs = StepTime.Ms(rec.StepChunks[(int)(r / ChunkSize)][r % ChunkSize], dtMs);
                long end = rec.EndChunks[(int)(r / ChunkSize)][r % ChunkSize];
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
