using CircuitSim.Neuromodulation;

namespace CircuitSim.Engine.Scheduling;

/// <summary>
/// Worker 0 counts the step's spikes of the populations that release substances, after the sources fired
/// and while the other workers deliver (it only reads the step's spikes, which nothing writes until the
/// next step), so it needs no barrier of its own.
/// </summary>
internal sealed class ReleaseCountPhase(Neuromodulators modulators) : Phase("release_count", PhaseOwner.OneWorker, barrierAfter: false)
{
    public override long Run(int worker, long step) { modulators.CountStep(); return 0; }
}

/// <summary>
/// The slow clock of substances and receptors: every <see cref="Neuromodulators.Every"/> steps, at the start
/// of the step, worker 0 advances the pools and sets what the receptors do (release scales, channel gains,
/// GIRK conductances); the barrier after it keeps the neurons and delivery of the step from reading them
/// half written.
/// </summary>
internal sealed class NeuromodulationPhase(Neuromodulators modulators)
    : Phase("neuromodulation", PhaseOwner.OneWorker, modulators.Every)
{
    public override long Run(int worker, long step)
    {
        // step 0 is the initial state (already applied when the network was built)
        if (step > 0) modulators.Tick();
        return 0;
    }
}
