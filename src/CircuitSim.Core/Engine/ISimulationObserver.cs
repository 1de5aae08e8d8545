namespace CircuitSim.Engine;

/// <summary>
/// Reads the simulation as it runs: recorders, metrics, the progress bar, the live view. Called
/// on worker 0 at every step boundary, after the step's neurons, sources and delivery and before
/// the boundary's commands, while no other worker runs; observers must not change the network
/// (post a command to <see cref="Simulation.Commands"/> instead).
/// </summary>
public interface ISimulationObserver
{
    void OnStart(Network network) { }
    void OnStep(Network network, long step) { }
    void OnFinish(Network network, long stepsDone) { }
    /// <summary>The simulation was reset to time 0 on a rebuilt network; by default the same as a start.</summary>
    void OnReset(Network network) => OnStart(network);
}
