namespace CircuitSim.Engine;

/// <summary>
/// Reads the simulation as it runs: recorders, metrics, the progress bar, the live view. Called
/// on one thread after every step, when all neurons have been updated and the step's spikes
/// are known; observers must not change the network.
/// </summary>
public interface ISimulationObserver
{
    void OnStart(Network network) { }
    void OnStep(Network network, long step) { }
    void OnFinish(Network network, long stepsDone) { }
}
