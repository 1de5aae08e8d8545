using CircuitSim.Model;
using CircuitSim.Scenarios.Yaml;

namespace CircuitSim.Scenarios;

/// <summary>
/// Warnings for what the engine will silently round or clip: times that are not whole steps, delays
/// below dt, pulse and Poisson rates that dt or the fibres' refractory period cannot carry, and
/// stimuli or interventions that fall after the end of the run.
/// </summary>
internal sealed partial class SpecBuilder
{
    /// <summary>Axonal refractory period of afferent fibres, ms (SpikeSourcePopulation.RefractorySteps at dt 0.1 ms).</summary>
    private const double FibreRefractoryMs = 1.0;

    private void WarnAboutRounding(YMap root)
    {
        double dt = _spec.DtMs, end = _spec.DurationMs;
        if (dt <= 0 || end <= 0) return;
        YNode? At(params string[] keys)
        {
            YNode? n = root;
            foreach (var k in keys) n = (n as YMap)?[k];
            return n;
        }
        bool Whole(double ms) => Math.Abs(ms / dt - Math.Round(ms / dt)) < 1e-6;
        string Steps(double ms) => Ms(Math.Round(ms / dt) * dt);

        if (!Whole(end) && At("duration") is { } dn) Warn(dn, "duration", $"{Ms(end)} is not a whole number of steps of {Ms(dt)}: the run lasts {Steps(end)}");

        foreach (var pr in _spec.Projections)
        {
            if (At("projections", pr.Name, "delay") is not { } node) continue;
            if (pr.DelayMs > 0 && pr.DelayMs < dt)
                Warn(node, $"projections.{pr.Name}.delay", $"{Ms(pr.DelayMs)} is shorter than dt ({Ms(dt)}): spikes arrive one step later ({Ms(dt)})");
            else if (pr.DelayMs > 0 && !Whole(pr.DelayMs))
                Warn(node, $"projections.{pr.Name}.delay", $"{Ms(pr.DelayMs)} is not a whole number of steps: rounded to {Steps(pr.DelayMs)}");
        }

        foreach (var pop in _spec.Populations)
            if (pop.Params.TryGetValue("refractory", out double rf) && !Whole(rf) && At("populations", pop.Name, "params", "refractory") is { } rn)
                Warn(rn, $"populations.{pop.Name}.params.refractory", $"{Ms(rf)} is not a whole number of steps: rounded to {Steps(rf)}");

        foreach (var st in _spec.Stimuli)
        {
            string path = $"stimuli.{st.Name}";
            var node = At("stimuli", st.Name);
            if (node is null) continue;
            var startNode = At("stimuli", st.Name, "start") ?? node;
            if (st.StartMs >= end)
            {
                Warn(startNode, path + ".start", $"starts at {Ms(st.StartMs)}, after the run ends ({Ms(end)}): it never acts");
                continue;
            }
            if (!Whole(st.StartMs)) Warn(startNode, path + ".start", $"{Ms(st.StartMs)} is not a whole number of steps: rounded to {Steps(st.StartMs)}");
            if (st.Protocol == StimulusProtocol.PulseTrain)
            {
                var fNode = At("stimuli", st.Name, "frequency") ?? node;
                double period = 1000 / st.FrequencyHz;
                if (st.Count > 1 && period < FibreRefractoryMs)
                    Warn(fNode, path + ".frequency", $"{st.FrequencyHz:G4} Hz is above what the fibres can follow ({1000 / FibreRefractoryMs:G4} Hz, a {Ms(FibreRefractoryMs)} refractory period): pulses within it are dropped");
                else if (st.Count > 1 && !Whole(period))
                    Warn(fNode, path + ".frequency", $"the pulse interval {Ms(period)} is not a whole number of steps: each pulse is rounded to the nearest step");
                int after = Enumerable.Range(0, st.Count).Count(k => st.StartMs + k * period >= end);
                if (after > 0) Warn(At("stimuli", st.Name, "count") ?? node, path + ".count", $"{after} of {st.Count} pulses fall after the run ends ({Ms(end)}) and are not given");
            }
            if (st.Protocol == StimulusProtocol.Poisson)
            {
                var rNode = At("stimuli", st.Name, "rate") ?? node;
                double p = st.RateHz * dt * 1e-3;
                if (st.RateHz > 1000 / FibreRefractoryMs / 2)
                    Warn(rNode, path + ".rate", $"{st.RateHz:G4} Hz per fibre: the fibres' {Ms(FibreRefractoryMs)} refractory period drops many of these spikes, so they fire well below it");
                else if (p > 0.05)
                    Warn(rNode, path + ".rate", $"{st.RateHz:G4} Hz is a firing probability of {p:G3} per step of {Ms(dt)}, and a fibre fires at most once per step: use a smaller dt for this rate");
            }
            if (st.DurationMs is { } d && st.StartMs + d > end + 1e-9)
                Warn(At("stimuli", st.Name, "duration") ?? node, path + ".duration", $"runs past the end of the run ({Ms(end)}): cut at the end");
        }

        foreach (var iv in _spec.Interventions)
            if (iv.AtMs >= end && At("interventions", iv.Name, "at") is { } an)
                Warn(an, $"interventions.{iv.Name}.at", $"{Ms(iv.AtMs)} is at or after the end of the run ({Ms(end)}): it never acts");
            else if (!Whole(iv.AtMs) && At("interventions", iv.Name, "at") is { } an2)
                Warn(an2, $"interventions.{iv.Name}.at", $"{Ms(iv.AtMs)} is not a whole number of steps: applied at {Steps(iv.AtMs)}");

        foreach (var (t, k) in _spec.Record.Traces.Select((t, k) => (t, k)))
            if (!Whole(t.EveryMs) && At("record", "traces") is YSeq seq && k < seq.Items.Count)
                Warn(((seq.Items[k] as YMap)?["every"]) ?? seq.Items[k], $"record.traces[{k}].every",
                    $"{Ms(t.EveryMs)} is not a whole number of steps: sampled every {Ms(Math.Max(dt, Math.Round(t.EveryMs / dt) * dt))}");
    }

    private void Warn(YNode at, string path, string message) => _d.Warn(at, path, message);
}
