using System.Diagnostics;
using CircuitSim.Engine;
using CircuitSim.Model;
using Spectre.Console;

namespace CircuitSim.Cli;

/// <summary>Feeds the Spectre progress bar: simulated time, speed (× real time) and, from Spectre, the ETA.</summary>
public sealed class ProgressBarObserver(ProgressTask task) : ISimulationObserver
{
    private readonly Stopwatch _clock = new();
    private string _name = "";

    public void OnStart(Network network) { _clock.Start(); _name = network.Spec.Name; }

    public void OnStep(Network network, long step)
    {
        if ((step & 1023) != 1023) return;
        double simMs = (step + 1) * (double)network.DtMs;
        double speed = simMs / 1000.0 / Math.Max(_clock.Elapsed.TotalSeconds, 1e-9);
        task.Value = simMs;
        task.Description = $"{Markup.Escape(_name)}  {simMs / 1000:0.00} s  {speed:0.0}× real time";
    }
}

/// <summary>When output is not a terminal: one line on stderr every ~2 s with simulated time, speed and ETA.</summary>
public sealed class ProgressLine(ScenarioSpec spec) : ISimulationObserver
{
    private readonly Stopwatch _clock = new();
    private double _lastReport;

    public void OnStart(Network network) => _clock.Start();

    public void OnStep(Network network, long step)
    {
        if ((step & 4095) != 4095) return;
        double wall = _clock.Elapsed.TotalSeconds;
        if (wall - _lastReport < 2) return;
        _lastReport = wall;
        double simMs = (step + 1) * (double)network.DtMs;
        double speed = simMs / 1000.0 / wall;
        double eta = (spec.DurationMs - simMs) / 1000.0 / Math.Max(speed, 1e-9);
        Console.Error.WriteLine($"{spec.Name}: {simMs / 1000:0.00} / {spec.DurationMs / 1000:0.00} s simulated, {speed:0.0}× real time, ETA {eta:0} s");
    }
}
