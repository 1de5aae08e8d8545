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
        {
            if (!spec.Drugs.TryGetValue(drug, out var ds))
                throw new BuildException($"intervention {iv.Name}: unknown drug '{drug}'", $"interventions.{iv.Name}.drug");
            double at = step * spec.DtMs;
            actions.Add(net => net.Neuromodulators!.Give(ds, iv.DoseKind, iv.Dose, at, iv.Route));
        }
        return new ScheduledEvent(step, order, $"intervention {iv.Name}", net => { foreach (var a in actions) a(net); });
    }

    /// <summary>
    /// A change by key path compiled against a built network, to be applied by a command at a step
    /// boundary (the live view's keys): the same paths, checks and effects as an intervention's <c>set</c>.
    /// </summary>
    public static Action<Network> CompileLive(Network network, string name, IEnumerable<KeyValuePair<string, double>> set)
    {
        var actions = set.Select(kv => CompileSet(network.Spec, name, kv.Key, kv.Value, network.Populations, network.Drives, network.Projections)).ToArray();
        return net => { foreach (var a in actions) a(net); };
    }

    /// <summary>
    /// Applies every intervention's change of a neuron parameter, in the order the run would, to the
    /// built populations and checks each with the model's Prepare, then restores them: a value the
    /// model refuses (gL ≤ 0, VT ≤ Vr) is then an error of the build (and of validate), naming the
    /// intervention, not a failure minutes into the run.
    /// </summary>
    public static void CheckParameterChanges(ScenarioSpec spec, List<Population> pops)
    {
        var changes = spec.Interventions
            .Select((iv, order) => (iv, order, step: (long)Math.Round(iv.AtMs / spec.DtMs)))
            .OrderBy(x => x.step).ThenBy(x => x.order)
            .SelectMany(x => x.iv.Set.Select(kv => (x.iv, Path: kv.Key, Value: kv.Value, Parts: kv.Key.Split('.'))))
            .Where(c => c.Parts is ["populations", _, "params", _])
            .ToList();
        if (changes.Count == 0) return;
        var touched = changes.Select(c => pops.Find(p => p.Name == c.Parts[1])).OfType<NeuronPopulation>().Distinct().ToList();
        var saved = touched.ToDictionary(p => p, p => p.Params.ToDictionary(kv => kv.Key, kv => (float[])kv.Value.Clone()));
        try
        {
            foreach (var (iv, path, value, parts) in changes)
            {
                if (pops.Find(p => p.Name == parts[1]) is not NeuronPopulation np || !np.Params.TryGetValue(parts[3], out var values)) continue;
                Array.Fill(values, (float)value);
                try { np.Model.Prepare(np, spec.DtMs); }
                catch (BuildException e)
                {
                    throw new BuildException($"intervention {iv.Name} at {iv.AtMs / 1000:0.###} s sets {path}: {e.Message}",
                        $"interventions.{iv.Name}.set.{path}", $"interventions.{iv.Name}");
                }
            }
        }
        finally
        {
            foreach (var (pop, arrays) in saved)
            {
                foreach (var (name, a) in arrays) a.CopyTo(pop.Params[name], 0);
                pop.Model.Prepare(pop, spec.DtMs);
            }
        }
    }

    private static Action<Network> CompileSet(ScenarioSpec spec, string name, string path, double value,
        List<Population> pops, List<SpikeDrive> drives, List<Projection> projections)
    {
        var parts = path.Split('.');
        BuildException Unsupported() => new($"intervention {name}: set of '{path}' during a run is not supported " +
            "(supported: populations.P.params.X, populations.P.release, populations.P.ectopic_rate, populations.P.rate, projections.X.receptors.R, stimuli.S.rate)",
            $"interventions.{name}.set.{path}", $"interventions.{name}");
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
            case ["populations", var p, "release"]:
            {
                // the transmitter a spike of P releases (0: its axons cut, as by spinalisation)
                if (!spec.Releases.Exists(r => r.Population == p && !r.PeptidergicOnly)) throw Unsupported();
                return net => net.Neuromodulators!.SetRelease(p, value);
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
