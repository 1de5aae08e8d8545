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

/// <summary>Worker 0 puts the step's spikes of releasing neurons into the tissue fields (read by nothing else in the step: no barrier).</summary>
internal sealed class FieldReleasePhase(Tissue.TissueFields tissue) : Phase("field_release", PhaseOwner.OneWorker, barrierAfter: false)
{
    public override long Run(int worker, long step) { tissue.DepositStep(); return 0; }
}

/// <summary>The fields' own clock: every <see cref="Tissue.TissueFields.Every"/> steps worker 0 diffuses and decays them (and records a snapshot when due).</summary>
internal sealed class FieldPhase(Tissue.TissueFields tissue) : Phase("fields", PhaseOwner.OneWorker, tissue.Every)
{
    public override long Run(int worker, long step)
    {
        if (step > 0) tissue.Tick(step);
        return 0;
    }
}
