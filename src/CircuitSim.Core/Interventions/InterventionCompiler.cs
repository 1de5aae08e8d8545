using CircuitSim.Engine;
using CircuitSim.Model;
using CircuitSim.Stimuli;

namespace CircuitSim.Interventions;

/// <summary>
/// Turns a scenario's interventions into events on the built network: `set` on a key path
/// (a parameter of a population, a receptor weight of a projection, a stimulus rate, an
/// ectopic rate) and drugs from the drug library.
/// </summary>
public static class InterventionCompiler
{
    public static ScheduledEvent Compile(ScenarioSpec spec, InterventionSpec iv, List<Population> pops, List<SpikeDrive> drives,
        List<Projection> projections, int order)
    {
        long step = (long)Math.Round(iv.AtMs / spec.DtMs);
        var actions = new List<Action<Network>>();
        foreach (var (path, value) in iv.Set)
            actions.Add(CompileSet(spec, iv.Name, path, value, pops, drives, projections));
        if (iv.Drug is { } drug)
            actions.Add(DrugLibrary.Compile(iv.Name, drug, iv.Dose, pops));
        return new ScheduledEvent(step, order, $"intervention {iv.Name}", net => { foreach (var a in actions) a(net); });
    }

    private static Action<Network> CompileSet(ScenarioSpec spec, string name, string path, double value,
        List<Population> pops, List<SpikeDrive> drives, List<Projection> projections)
    {
        var parts = path.Split('.');
        BuildException Unsupported() => new($"intervention {name}: set of '{path}' during a run is not supported " +
            "(supported: populations.P.params.X, populations.P.ectopic_rate, populations.P.rate, projections.X.receptors.R, stimuli.S.rate)");
        switch (parts)
        {
            case ["populations", var p, "params", var key]:
            {
                if (pops.Find(x => x.Name == p) is not NeuronPopulation np || !np.Params.ContainsKey(key)) throw Unsupported();
                float v = (float)value;
                float steps = (float)Math.Round(value / spec.DtMs);
                return _ =>
                {
                    Array.Fill(np.Params[key], v);
                    if (key == "refractory") Array.Fill(np.RefractorySteps, steps);
                    np.Model.Prepare(np, spec.DtMs);
                    np.UpdateUniformity();
                };
            }
            case ["populations", var p, "ectopic_rate" or "rate"]:
            {
                if (pops.Find(x => x.Name == p) is not SpikeSourcePopulation sp) throw Unsupported();
                return _ => sp.EctopicRateHz = value;
            }
            case ["projections", var pr, "receptors", var r]:
            {
                var proj = projections.Find(x => x.Name == pr) ?? throw Unsupported();
                int c = Array.FindIndex(proj.ChannelIndex, ci => proj.Target.Channels[ci].Name == r);
                if (c < 0) throw Unsupported();
                double old = spec.Projections[proj.Index].Receptors[r];
                return _ =>
                {
                    var w = proj.Weights;
                    int rr = proj.Receptors;
                    for (int k = c; k < w.Length; k += rr) w[k] = old > 0 ? (float)(w[k] * (value / old)) : (float)value;
                    proj.RefreshUniformWeight();
                    old = value;
                };
            }
            case ["stimuli", var s, "rate"]:
            {
                if (drives.Find(d => d.Name == s) is not PoissonDrive pd) throw Unsupported();
                return _ => pd.RateHz = value;
            }
            default:
                throw Unsupported();
        }
    }
}
