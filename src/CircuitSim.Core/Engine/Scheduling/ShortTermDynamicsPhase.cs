namespace CircuitSim.Engine.Scheduling;

/// <summary>
/// Worker 0 updates the short-term dynamics of every projection that has them, once per arriving
/// spike, before delivery reads the release scales (present in the schedule only when some projection
/// has <c>stp</c>, so other circuits pay no barrier for it).
/// </summary>
internal sealed class ShortTermDynamicsPhase() : Phase("short_term_dynamics", PhaseOwner.OneWorker)
{
    private Projection[] _dynamic = Array.Empty<Projection>();

    public override void Prepare(Simulation simulation) =>
        _dynamic = simulation.Network.Projections.Where(p => p.Dynamics is not null).ToArray();

    public override long Run(int worker, long step)
    {
        foreach (var pr in _dynamic)
        {
            var d = pr.Dynamics!;
            var spikes = pr.Source.Arriving;
            for (int s = 0; s < spikes.Segments.Length; s++)
            {
                var seg = spikes.Segments[s];
                int n = spikes.Counts[s];
                for (int j = 0; j < n; j++) d.Spike(seg[j], step);
            }
        }
        return 0;
    }
}

/// <summary>
/// Worker 0 steps the long-term plasticity of every plastic projection (calcium, efficacy, weight scales) after
/// the sources' barrier, when the step's spikes and the targets' voltages are fixed, and before delivery reads
/// the scales (present only when some projection is plastic).
/// </summary>
internal sealed class PlasticityPhase() : Phase("plasticity", PhaseOwner.OneWorker)
{
    private Synapses.LongTermPlasticity[] _plastic = Array.Empty<Synapses.LongTermPlasticity>();

    public override void Prepare(Simulation simulation) =>
        _plastic = simulation.Network.Projections.Where(p => p.Plasticity is not null).Select(p => p.Plasticity!).ToArray();

    public override long Run(int worker, long step)
    {
        foreach (var p in _plastic) p.Step();
        return 0;
    }
}
