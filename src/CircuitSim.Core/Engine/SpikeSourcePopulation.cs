using CircuitSim.Model;

namespace CircuitSim.Engine;

/// <summary>
/// Primary afferent fibres or descending fibres: spike sources without membrane dynamics,
/// driven by stimuli and ectopic firing. Each fibre has its conduction delay
/// (distance / velocity, velocity jittered per fibre), added to every projection's delay.
/// </summary>
public sealed class SpikeSourcePopulation : Population
{
    public required PopulationKind Kind { get; init; }
    public FibreClass Fibre { get; init; }
    /// <summary>Conduction delay per fibre, in steps.</summary>
    public required int[] ConductionSteps { get; init; }
    /// <summary>Step of each fibre's last spike (for its refractory period).</summary>
    public required long[] LastSpike { get; init; }
    /// <summary>Minimum interval between two spikes of one fibre, steps (1 ms: axonal refractoriness).</summary>
    public int RefractorySteps { get; init; } = 10;
    /// <summary>Ongoing ectopic firing rate of each fibre, Hz (nerve injury); 0 for none.</summary>
    public double EctopicRateHz { get; set; }
    /// <summary>Schedule of the ectopic firing, made on its first step.</summary>
    internal Stimuli.GeometricFiring? Ectopic { get; set; }
    /// <summary>Fibres flagged as peptidergic (release substance P / CGRP).</summary>
    public required bool[] Peptidergic { get; init; }

    /// <summary>Scratch per step: fibre fires now.</summary>
    internal bool[] FiresNow { get; init; } = Array.Empty<bool>();

    /// <summary>
    /// The spikes that reach the spinal cord this step, ascending by fibre: emitted
    /// <see cref="ConductionSteps"/> earlier. Projections deliver these, so the target's rings only
    /// span the synaptic delays (C fibres over 150 mm take ~6000 steps to arrive: rings that long on
    /// every channel of every target were megabytes read a slot per step, mostly cache misses).
    /// Equal to <see cref="Population.Spikes"/> when no fibre has a conduction delay.
    /// </summary>
    public StepSpikes Arriving { get; private set; } = StepSpikes.Empty;
    private List<int>[] _inFlight = Array.Empty<List<int>>();

    internal void PrepareConduction()
    {
        int longest = ConductionSteps.Length > 0 ? ConductionSteps.Max() : 0;
        if (longest == 0) { Arriving = Spikes; return; }
        Arriving = new StepSpikes(Count, 1);
        _inFlight = new List<int>[longest + 1];
        for (int k = 0; k < _inFlight.Length; k++) _inFlight[k] = new List<int>();
    }

    /// <summary>Queues this step's spikes by arrival step and moves those arriving now to <see cref="Arriving"/>.</summary>
    internal void Conduct(long step)
    {
        if (_inFlight.Length == 0) return;
        int n = Spikes.Counts[0], slots = _inFlight.Length;
        var emitted = Spikes.Segments[0];
        for (int j = 0; j < n; j++)
        {
            int i = emitted[j];
            _inFlight[(int)((step + ConductionSteps[i]) % slots)].Add(i);
        }
        var now = _inFlight[(int)(step % slots)];
        now.Sort();
        now.CopyTo(Arriving.Segments[0]);
        Arriving.Counts[0] = now.Count;
        now.Clear();
    }
}
