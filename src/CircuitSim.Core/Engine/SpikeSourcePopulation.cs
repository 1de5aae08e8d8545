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
    /// <summary>Fibres flagged as peptidergic (release substance P / CGRP).</summary>
    public required bool[] Peptidergic { get; init; }

    /// <summary>Scratch per step: fibre fires now.</summary>
    internal bool[] FiresNow { get; init; } = Array.Empty<bool>();
}
