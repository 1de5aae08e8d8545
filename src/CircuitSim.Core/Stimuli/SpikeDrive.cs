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
/// suprathreshold pulse). Recruitment is drawn once per fibre from the counter-based stream. A
/// command at a step boundary (the live view) may retime the pulses still to come or change the
/// intensity; both act on the next pulse, not the one in flight.
/// </summary>
public sealed class PulseTrainDrive : SpikeDrive
{
    public required long[] PulseSteps { get; set; }
    public required bool[] Recruited { get; init; }
    /// <summary>Each fibre's threshold as a multiple of the Aβ threshold (0: reached by any pulse).</summary>
    public double[] ThresholdT { get; init; } = Array.Empty<double>();
    /// <summary>Whether each fibre is among the fraction of the nerve the electrode reaches.</summary>
    public bool[] InFraction { get; init; } = Array.Empty<bool>();
    /// <summary>The pulse intensity, a multiple of the Aβ threshold (null: every fibre in the fraction).</summary>
    public double? IntensityT { get; private set; }
    /// <summary>The step of the last pulse delivered (-1: none yet).</summary>
    public long LastPulseStep { get; private set; } = -1;
    /// <summary>Pulses delivered so far.</summary>
    public int PulsesDelivered { get; private set; }
    private int _next;

    public override void Apply(long step, bool[] fires)
    {
        while (_next < PulseSteps.Length && PulseSteps[_next] < step) _next++;
        if (_next >= PulseSteps.Length || PulseSteps[_next] != step) return;
        LastPulseStep = step;
        PulsesDelivered++;
        var rec = Recruited;
        for (int i = 0; i < rec.Length; i++) if (rec[i]) fires[i] = true;
    }

    /// <summary>Sets the intensity and recruits again by each fibre's fixed threshold (no new draws).</summary>
    public void SetIntensity(double? intensityT)
    {
        IntensityT = intensityT;
        for (int i = 0; i < Recruited.Length; i++)
            Recruited[i] = InFraction.Length == 0 || (InFraction[i] && (intensityT is not { } t || ThresholdT.Length == 0 || t >= ThresholdT[i]));
    }

    /// <summary>
    /// Replaces the pulses after <paramref name="fromStep"/> by <paramref name="count"/> pulses every
    /// <paramref name="periodSteps"/>, the first one period after the last delivered pulse (or at
    /// <paramref name="fromStep"/> when that has passed).
    /// </summary>
    public void Retime(long fromStep, double periodSteps, int count)
    {
        long first = LastPulseStep >= 0 ? Math.Max(fromStep, LastPulseStep + (long)Math.Round(periodSteps)) : fromStep;
        var pulses = new long[Math.Max(0, count)];
        for (int i = 0; i < pulses.Length; i++) pulses[i] = first + (long)Math.Round(i * periodSteps);
        PulseSteps = pulses;
        _next = 0;
    }

    /// <summary>The interval between the next two pulses still to come, in steps (0 when fewer than two remain).</summary>
    public long PeriodSteps
    {
        get
        {
            int k = Math.Max(_next, 1);
            return k < PulseSteps.Length ? PulseSteps[k] - PulseSteps[k - 1] : PulseSteps.Length >= 2 ? PulseSteps[^1] - PulseSteps[^2] : 0;
        }
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
