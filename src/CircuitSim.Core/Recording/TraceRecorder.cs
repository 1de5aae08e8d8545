using CircuitSim.Engine;
using CircuitSim.Model;

namespace CircuitSim.Recording;

/// <summary>
/// Samples state variables of chosen neurons every k steps into preallocated arrays. Sample j is
/// the state at time j·every (the initial state is sample 0), as Brian2's StateMonitor.
/// </summary>
public sealed class TraceRecorder : ISimulationObserver
{
    private sealed record Channel(NeuronPopulation Pop, string Variable, Func<int, float> Read, int[] Neurons, int Every, float[,] Values);
    private readonly List<Channel> _channels = new();
    private readonly double _dt;
    private readonly List<TraceSpec> _traces;
    private Network _network;

    public TraceRecorder(Network network, IEnumerable<TraceSpec> traces)
    {
        _dt = network.Spec.DtMs;
        _traces = traces.ToList();
        _network = network;
        Bind(network);
    }

    /// <summary>Resolves the traced variables on a network (again after a reset, with empty records).</summary>
    private void Bind(Network network)
    {
        _channels.Clear();
        var traces = _traces;
        foreach (var t in traces)
        {
            if (network.Population(t.Population) is not NeuronPopulation pop)
                throw new BuildException($"record.traces: {t.Population} is not a neuron population", "record.traces");
            int every = Math.Max(1, (int)Math.Round(t.EveryMs / network.DtMs));
            int samples = (int)((network.Steps + every - 1) / every);
            var neurons = t.Neurons ?? new[] { 0 };
            foreach (var n in neurons)
                if (n < 0 || n >= pop.Count) throw new BuildException($"record.traces: {t.Population} has no neuron {n}", "record.traces");
            foreach (var v in t.Variables)
            {
                Func<int, float> read;
                try { read = pop.Reader(v); }
                catch (ArgumentException e) { throw new BuildException("record.traces: " + e.Message, "record.traces"); }
                _channels.Add(new Channel(pop, v, read, neurons, every, new float[samples, neurons.Length]));
            }
        }
    }

    public void OnStart(Network network)
    {
        if (!ReferenceEquals(network, _network)) { _network = network; Bind(network); }
        _untilSample = -1;
        foreach (var c in _channels) Sample(c, 0);
    }

    private int _untilSample = -1; // steps to the next step at which any channel samples (a division per channel per step cost ~4 % of COBA's observers)

    public void OnStep(Network network, long step)
    {
        if (--_untilSample > 0) return;
        long next = step + 1;
        int until = int.MaxValue;
        foreach (var c in _channels)
        {
            if (next % c.Every == 0 && next / c.Every < c.Values.GetLength(0)) Sample(c, (int)(next / c.Every));
            until = Math.Min(until, (int)(c.Every - next % c.Every));
        }
        _untilSample = until;
    }

    private static void Sample(Channel c, int row)
    {
        for (int k = 0; k < c.Neurons.Length; k++) c.Values[row, k] = c.Read(c.Neurons[k]);
    }

    public List<TraceData> Result() => _channels.Select(c => new TraceData
    {
        Population = c.Pop.Name, Variable = c.Variable, Unit = NeuronPopulation.UnitOf(c.Pop.Model, c.Variable),
        Neurons = c.Neurons, EveryMs = StepTime.Ms(c.Every, _dt), Values = c.Values,
    }).ToList();
}
