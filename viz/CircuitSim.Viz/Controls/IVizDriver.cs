namespace CircuitSim.Viz.Controls;

/// <summary>What the keys ask of whoever runs the simulation: the window's thread pair or the headless loop.</summary>
internal interface IVizDriver
{
    bool Paused { get; }
    /// <summary>Simulated time per wall-clock time now: measured in a window; headless, over all the stepping so far.</summary>
    double MeasuredSpeed { get; }
    /// <summary>Frames drawn without a display (no pacing: the simulation runs as fast as it goes between frames).</summary>
    bool Headless { get; }
    /// <summary>Simulated time per wall-clock time wanted (0: as fast as it goes).</summary>
    double TargetSpeed { get; set; }
    void TogglePause();
    /// <summary>While paused: advance by <paramref name="ms"/> of simulated time.</summary>
    void Advance(double ms);
    void Reset();
    void Screenshot();
    void Quit();
}
