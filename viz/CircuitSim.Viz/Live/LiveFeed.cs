using CircuitSim.Engine;
using CircuitSim.Scenarios;

namespace CircuitSim.Viz.Live;

/// <summary>
/// The live view's observer of the one <see cref="Simulation"/>: at each step boundary (on worker 0, while
/// no other worker runs) it copies what the panels show into arrays allocated at the start: spikes into a
/// ring by raster row, traces, the wind-up bars, slow signals and the tissue. The drawing thread reads them
/// under <see cref="Gate"/>, which the observer holds for a few microseconds per step.
/// </summary>
internal sealed class LiveFeed : ISimulationObserver
{
    public object Gate { get; } = new();
    public RasterRows Rows { get; private set; } = null!;
    public SpikeRing Spikes { get; } = new(1 << 20);
    public LiveTraces Traces { get; }
    public LiveWindup? Windup { get; }
    public LiveSignals Signals { get; } = new();
    public LiveTissue Tissue { get; }
    /// <summary>The step the feed has seen last (the simulation is at <see cref="Step"/> + 1).</summary>
    public long Step { get; private set; } = -1;
    public double DtMs { get; private set; } = 0.1;
    /// <summary>Wall-clock seconds and steps at the last speed reading, for the header's speed ratio.</summary>
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
    private double _speedAt;
    private long _speedStep;
    public double SpeedRatio { get; private set; }

    private Population[] _pops = Array.Empty<Population>();
    private int[] _firstRow = Array.Empty<int>();

    public LiveFeed(VizSpec viz)
    {
        Traces = new LiveTraces(viz.Traces, viz.WindowMs);
        if (viz.WindupPopulation is { } wp && viz.WindupStimuli.Count > 0) Windup = new LiveWindup(wp, viz.WindupStimuli, viz.WindupBaseline);
        Tissue = new LiveTissue(viz.Field);
    }

    public void OnStart(Network network)
    {
        lock (Gate)
        {
            DtMs = network.DtMs;
            Rows = new RasterRows(network);
            _pops = network.Populations.ToArray();
            _firstRow = Rows.FirstRowOf;
            Spikes.Clear();
            Traces.Start(network);
            Windup?.Start(network);
            Signals.Start(network);
            Tissue.Start(network);
            Step = -1;
            _speedAt = _clock.Elapsed.TotalSeconds;
            _speedStep = 0;
            SpeedRatio = 0;
        }
    }

    public void OnStep(Network network, long step)
    {
        lock (Gate)
        {
            Step = step;
            for (int p = 0; p < _pops.Length; p++)
            {
                int first = _firstRow[p];
                if (first < 0) continue;
                var sp = _pops[p].Spikes;
                for (int s = 0; s < sp.Segments.Length; s++)
                {
                    var seg = sp.Segments[s];
                    for (int k = 0; k < sp.Counts[s]; k++) Spikes.Add(first + seg[k], step);
                }
            }
            Traces.Step(step);
            Windup?.Step(network, step);
            Signals.Step(step);
            Tissue.Step(network, step);
        }
    }

    /// <summary>Simulated time per wall-clock time over the last half second or more (call from the drawing thread).</summary>
    public double MeasureSpeed(bool paused)
    {
        double now = _clock.Elapsed.TotalSeconds;
        if (now - _speedAt < 0.5) return SpeedRatio;
        long step = Step + 1;
        SpeedRatio = paused ? 0 : (step - _speedStep) * DtMs / 1000 / (now - _speedAt);
        _speedAt = now;
        _speedStep = step;
        return SpeedRatio;
    }
}
