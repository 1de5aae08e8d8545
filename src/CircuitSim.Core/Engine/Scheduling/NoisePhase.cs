namespace CircuitSim.Engine.Scheduling;

/// <summary>Every worker advances the background noise current of its slice of each noisy population, before its neurons step.</summary>
internal sealed class NoisePhase(Simulation sim) : Phase("noise", PhaseOwner.AllWorkers, barrierAfter: false)
{
    private NeuronPopulation[] _pops = Array.Empty<NeuronPopulation>();

    public override void Prepare(Simulation simulation) =>
        _pops = simulation.Network.NeuronPopulations.Where(p => p.Noise is not null).ToArray();

    public override long Run(int worker, long step)
    {
        foreach (var pop in _pops)
        {
            var b = sim.Bounds[pop.Index];
            int lo = b[worker], hi = Math.Min(b[worker + 1], pop.Count);
            if (hi > lo) pop.Noise!.Advance(lo, hi, step, pop.IStim, pop.IExt);
        }
        return 0;
    }
}
