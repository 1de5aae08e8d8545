using CircuitSim.Engine;
using CircuitSim.Model;
using CircuitSim.Random;

namespace CircuitSim.Stimuli;

/// <summary>
/// A press with Medlock et al. 2022's input table (<see cref="Medlock2022Input"/>): every fibre of
/// the target fires independently with probability r(t)·dt per step, r(t) being the class's rate
/// curve at this force — a Poisson drive whose rate follows the curve. Draws come from the
/// counter-based stream (seed, stimulus × target, fibre, step).
/// </summary>
public sealed class Medlock2022Drive : StochasticDrive
{
    public required FibreClass Fibre { get; init; }
    public required Adaptation Adaptation { get; init; }
    public required double ForceMn { get; init; }

    public override void Apply(long step, bool[] fires)
    {
        if (step < StartStep || step >= EndStep) return;
        double rateHz = Medlock2022Input.RateHz(Fibre, Adaptation, ForceMn, (step - StartStep) * DtMs);
        if (rateHz > 0) BernoulliFiring.Fire(Seed, Stream, step, (float)(rateHz * DtMs * 1e-3), fires);
    }

    public static Medlock2022Drive Create(ScenarioSpec spec, int k, StimulusSpec st, SpikeSourcePopulation src)
    {
        double durationMs = NaturalDrive.CheckedDuration(st, src);
        if (st.Modality != NaturalModality.Mechanical)
            throw new BuildException($"stimulus {st.Name}: the Medlock 2022 input table is for mechanical stimuli only", $"stimuli.{st.Name}.input");
        return new Medlock2022Drive
        {
            Name = st.Name, Target = src, DtMs = spec.DtMs, Seed = spec.Seed,
            StartStep = (long)Math.Round(st.StartMs / spec.DtMs), EndStep = (long)Math.Round((st.StartMs + durationMs) / spec.DtMs),
            Stream = RngPurpose.ForStimulus(RngPurpose.Natural, k, src.Index),
            Fibre = src.Fibre, Adaptation = spec.Populations[src.Index].Adaptation, ForceMn = st.ForceMn,
        };
    }
}
