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
