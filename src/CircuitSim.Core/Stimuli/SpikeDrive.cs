using CircuitSim.Engine;
using CircuitSim.Random;

namespace CircuitSim.Stimuli;

/// <summary>Something that makes fibres of a spike-source population fire at a step.</summary>
public abstract class SpikeDrive
{
    public required string Name { get; init; }
    public required SpikeSourcePopulation Target { get; init; }
    /// <summary>Marks in <paramref name="fires"/> the fibres this drive fires at <paramref name="step"/>.</summary>
    public abstract void Apply(long step, bool[] fires);
}

/// <summary>
/// A drive that fires fibres at random within [StartStep, EndStep), its draws from the counter-based
/// stream keyed by (seed, stream), so spikes do not depend on threads.
/// </summary>
public abstract class StochasticDrive : SpikeDrive
{
    public required long StartStep { get; init; }
    /// <summary>Step at which the stimulus ends (exclusive).</summary>
    public required long EndStep { get; init; }
    public required double DtMs { get; init; }
    public required ulong Seed { get; init; }
    public required uint Stream { get; init; }
}

/// <summary>
/// Electrical pulses: each pulse makes every recruited fibre fire once (one action potential per
/// suprathreshold pulse). Recruitment is drawn once per fibre from the counter-based stream.
/// </summary>
public sealed class PulseTrainDrive : SpikeDrive
{
    public required long[] PulseSteps { get; init; }
    public required bool[] Recruited { get; init; }
    private int _next;

    public override void Apply(long step, bool[] fires)
    {
        while (_next < PulseSteps.Length && PulseSteps[_next] < step) _next++;
        if (_next >= PulseSteps.Length || PulseSteps[_next] != step) return;
        var rec = Recruited;
        for (int i = 0; i < rec.Length; i++) if (rec[i]) fires[i] = true;
    }
}

/// <summary>
/// Independent Poisson firing of every fibre at <see cref="RateHz"/> in [StartStep, EndStep):
/// a fibre fires in a step with probability rate·dt, drawn as geometric waiting times from
/// (seed, stream, fibre, draw number) (<see cref="GeometricFiring"/>).
/// </summary>
public sealed class PoissonDrive : StochasticDrive
{
    public required double RateHz { get; set; }
    /// <summary>The fibres' waiting times, one per fibre of the target.</summary>
    public required GeometricFiring Firing { get; init; }

    public override void Apply(long step, bool[] fires)
    {
        if (step < StartStep || step >= EndStep || RateHz <= 0) return;
        Firing.Fire(Seed, Stream, step, (float)(RateHz * DtMs * 1e-3), fires);
    }
}
