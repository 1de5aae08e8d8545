using CircuitSim.Model;
using CircuitSim.Neurons;
using CircuitSim.Scenarios.Yaml;
using CircuitSim.Synapses;

namespace CircuitSim.Scenarios;

internal sealed partial class SpecBuilder
{
    private static readonly string[] CommonPopulationKeys = { "kind", "count" };
    private static readonly string[] NeuronKeys = { "model", "preset", "params", "receptors", "initial", "lamina", "noise", "transmitter", "release", "chloride" };
    private static readonly string[] AfferentKeys = { "fibre", "conduction_distance", "velocity", "velocity_jitter", "peptidergic", "ectopic_rate", "ectopic_fraction", "slowing_per_spike", "slowing_recovery", "adaptation", "peptides", "root_length", "terminals" };
    private static readonly string[] DescendingKeys = { "transmitter", "release", "rate", "terminals" };
    private static readonly string[] ReceptorKeys = { "rise", "decay", "reversal", "mg_block", "potentiated_by", "potentiation_max", "potentiation_half", "saturation", "calcium_fraction", "peptide" };

    /// <summary>Laminae of the dorsal horn (Rexed), with lamina II's outer and inner parts.</summary>
    public static readonly string[] Laminae = { "I", "II", "IIo", "IIi", "III", "IV", "V" };

    private static readonly (string, PopulationKind)[] KindChoices =
    {
        ("neuron", PopulationKind.Neuron), ("afferent", PopulationKind.Afferent), ("descending", PopulationKind.Descending),
    };

    private static readonly (string, FibreClass)[] FibreChoices =
    {
        ("C", FibreClass.C), ("Adelta", FibreClass.Adelta), ("Abeta", FibreClass.Abeta),
        ("Aδ", FibreClass.Adelta), ("Aβ", FibreClass.Abeta),
    };

    private static readonly (string, Adaptation)[] AdaptationChoices =
    {
        ("slow", Adaptation.Slow), ("rapid", Adaptation.Rapid), ("SA", Adaptation.Slow), ("RA", Adaptation.Rapid),
    };

    private static string[] KeysOf(PopulationKind k) => k switch
    {
        PopulationKind.Afferent => AfferentKeys,
        PopulationKind.Descending => DescendingKeys,
        _ => NeuronKeys,
    };

    private void BuildPopulations(YMap root)
    {
        var node = Required(root, "", "populations", "a map of population name → {kind, count, ...}");
        if (node is null) return;
        var map = Map(node, "populations", "a map of population name → {kind, count, ...}");
        if (map is null) return;
        if (map.Entries.Count == 0) Error(map, "populations", "at least one population is required");
        foreach (var entry in map.Entries)
        {
            string path = Join("populations", entry.Key);
            CheckName(entry, path, "population");
            var pop = new PopulationSpec { Name = entry.Key };
            _spec.Populations.Add(pop); // even when invalid, so references to it do not cascade into more errors
            var pm = Map(entry.Value, path, "a map of population keys (kind, count, ...)");
            if (pm is null) continue;
            BuildPopulation(pop, pm, path);
        }
    }

    private void BuildPopulation(PopulationSpec pop, YMap pm, string path)
    {
        PopulationKind? kind = PopulationKind.Neuron;
        if (pm["kind"] is { } kindNode) kind = Choice(kindNode, Join(path, "kind"), KindChoices);
        if (kind is { } k) pop.Kind = k;

        if (Required(pm, path, "count", "a positive whole number") is { } countNode && PositiveInt(countNode, Join(path, "count")) is { } count)
            pop.Count = count;

        if (kind is null)
        {
            // Unknown kind: accept any population key, so only the kind itself is reported.
            CheckKeys(pm, path, CommonPopulationKeys.Concat(NeuronKeys).Concat(AfferentKeys).Concat(DescendingKeys).ToArray());
            return;
        }

        var allowed = CommonPopulationKeys.Concat(KeysOf(pop.Kind)).ToArray();
        CheckKeys(pm, path, allowed, key =>
        {
            foreach (var other in new[] { PopulationKind.Neuron, PopulationKind.Afferent, PopulationKind.Descending })
                if (other != pop.Kind && KeysOf(other).Contains(key))
                    return $"'{key}' is a key of {KindWord(other)} populations, but '{pop.Name}' is kind {KindWord(pop.Kind)}";
            return null;
        });

        switch (pop.Kind)
        {
            case PopulationKind.Neuron: BuildNeuron(pop, pm, path); break;
            case PopulationKind.Afferent: BuildAfferent(pop, pm, path); break;
            case PopulationKind.Descending: BuildDescending(pop, pm, path); break;
        }
        if (pop.Kind != PopulationKind.Neuron && pm["terminals"] is { } tn && Seq(tn, Join(path, "terminals"), "a list of laminae, e.g. [I, IIo]") is { } tl)
            for (int i = 0; i < tl.Items.Count; i++)
                if (Word(tl.Items[i], $"{path}.terminals[{i}]", Laminae, caseSensitive: true) is { } lam) pop.Terminals.Add(lam);
    }

    private void BuildAfferent(PopulationSpec pop, YMap pm, string path)
    {
        FibreClass? fibre = null;
        if (Required(pm, path, "fibre", "one of: C, Adelta, Abeta") is { } f && Choice(f, Join(path, "fibre"), FibreChoices) is { } fc)
            pop.Fibre = (fibre = fc).Value;
        // how the response to natural stimuli adapts: rapidly adapting (RA) low-threshold mechanoreceptors are Aβ
        if (pm["adaptation"] is { } an && Choice(an, Join(path, "adaptation"), AdaptationChoices) is { } adaptation)
        {
            if (adaptation == Adaptation.Rapid && fibre is { } cls && cls != FibreClass.Abeta)
                Error(an, Join(path, "adaptation"),
                    $"adaptation rapid applies to Abeta fibres (RA mechanoreceptors); '{pop.Name}' is fibre {FibreChoices.First(x => x.Item2 == cls).Item1}, whose nociceptors adapt slowly");
            else pop.Adaptation = adaptation;
        }
        var keys = NumericKeys.Afferent;
        if (pm["conduction_distance"] is { } cd && Qty(cd, Join(path, "conduction_distance"), keys["conduction_distance"]) is { } dist)
            pop.ConductionDistanceUm = dist;
        if (pm["velocity"] is { } vn && Qty(vn, Join(path, "velocity"), keys["velocity"]) is { } vel)
            pop.VelocityMPerS = vel;
        if (pm["velocity_jitter"] is { } vj && Qty(vj, Join(path, "velocity_jitter"), keys["velocity_jitter"]) is { } jit)
            pop.VelocityJitter = jit;
        if (pm["peptidergic"] is { } pn && Qty(pn, Join(path, "peptidergic"), keys["peptidergic"]) is { } pep)
            pop.Peptidergic = pep;
        if (pm["ectopic_rate"] is { } en && Qty(en, Join(path, "ectopic_rate"), keys["ectopic_rate"]) is { } ect)
            pop.EctopicRateHz = ect;
        if (pm["ectopic_fraction"] is { } ef && Qty(ef, Join(path, "ectopic_fraction"), keys["ectopic_fraction"]) is { } frac)
            pop.EctopicFraction = frac;
        if (pm["slowing_per_spike"] is { } sp && Qty(sp, Join(path, "slowing_per_spike"), keys["slowing_per_spike"]) is { } per)
            pop.SlowingPerSpike = per;
        if (pm["slowing_recovery"] is { } sr && Qty(sr, Join(path, "slowing_recovery"), keys["slowing_recovery"]) is { } rec)
            pop.SlowingRecoveryMs = rec;
        if (pm["root_length"] is { } rl && Qty(rl, Join(path, "root_length"), keys["root_length"]) is { } root)
        {
            pop.RootLengthUm = root;
            if (pm["conduction_distance"] is null)
                Error(rl, Join(path, "root_length"), "root_length is part of the conduction path: give conduction_distance (stimulation site to cord) too");
            else if (pop.ConductionDistanceUm is { } d && root > d)
                Error(rl, Join(path, "root_length"), $"the root ({root / 1000:G4} mm) cannot be longer than the whole path from the stimulation site ({d / 1000:G4} mm)");
        }
        ReadPeptides(pop, pm, path);
    }

    private void BuildDescending(PopulationSpec pop, YMap pm, string path)
    {
        ReadTransmitter(pop, pm, path);
        if (pm["rate"] is { } r && Qty(r, Join(path, "rate"), NumericKeys.Descending["rate"]) is { } rate)
            pop.RateHz = rate;
    }

    private void BuildNeuron(PopulationSpec pop, YMap pm, string path)
    {
        ReadTransmitter(pop, pm, path);
        if (pm["chloride"] is { } cn) pop.Chloride = BuildChloride(cn, Join(path, "chloride"));
        NeuronModel? model = NeuronModels.Lif;
        if (pm["model"] is { } mn)
        {
            string mp = Join(path, "model");
            var name = Str(mn, mp);
            model = name is null ? null : NeuronModels.Find(name.Trim());
            if (name is not null && model is null)
            {
                var names = NeuronModels.All.Select(m => m.Name).ToList();
                var near = Suggest.Nearest(name, names);
                Error(mn, mp, $"unknown model '{name}'{(near is null ? "" : $" (did you mean '{near}'?)")}; models are: {string.Join(", ", names)}");
            }
        }
        if (model is not null) pop.Model = model.Name;

        if (pm["lamina"] is { } ln && Word(ln, Join(path, "lamina"), Laminae, caseSensitive: true) is { } lamina) pop.Lamina = lamina;

        if (pm["receptors"] is { } rn) BuildPopulationReceptors(pop, rn, Join(path, "receptors"));

        if (model is null) return; // preset, params and initial depend on the model

        if (pm["preset"] is { } pn)
        {
            string pp = Join(path, "preset");
            var preset = Str(pn, pp);
            if (preset is not null)
            {
                var presets = model.Presets.Keys.ToList();
                if (presets.Count == 0)
                    Error(pn, pp, $"model '{model.Name}' has no presets (presets: none); found '{preset}'");
                else if (!model.Presets.ContainsKey(preset))
                {
                    var near = Suggest.Nearest(preset, presets);
                    Error(pn, pp, $"unknown preset '{preset}' of model '{model.Name}'{(near is null ? "" : $" (did you mean '{near}'?)")}; presets are: {string.Join(", ", presets)}");
                }
                else pop.Preset = preset;
            }
        }

        if (pm["params"] is { } parNode && Map(parNode, Join(path, "params"), $"a map of {model.Name} parameters") is { } par)
        {
            var names = model.Parameters.Select(p => p.Name).ToList();
            foreach (var e in par.Entries)
            {
                string ep = Join(Join(path, "params"), e.Key);
                var info = model.Parameter(e.Key);
                if (info is null)
                {
                    Error(e.KeyNode, ep, $"unknown parameter '{e.Key}' of model '{model.Name}'{Suggest.Hint(e.Key, names, "its parameters are")}");
                    continue;
                }
                if (Qty(e.Value, ep, NumKey.Of(info.Dimension)) is { } v) pop.Params[e.Key] = v;
            }
        }

        if (pm["noise"] is { } noiseNode && Map(noiseNode, Join(path, "noise"), "{sigma: 10 pA, tau: 5 ms}") is { } nm)
        {
            string np = Join(path, "noise");
            CheckKeys(nm, np, new[] { "sigma", "tau" });
            if (Required(nm, np, "sigma", "a Current, the SD of the noise current (e.g. 10 pA)") is { } sn
                && Qty(sn, Join(np, "sigma"), NumKey.Of(Dimension.Current, Limits.NonNegative)) is { } sigma)
                pop.NoiseSigmaPa = sigma;
            if (nm["tau"] is { } tn && Qty(tn, Join(np, "tau"), NumKey.Of(Dimension.Time, Limits.Positive)) is { } tau)
                pop.NoiseTauMs = tau;
        }
        if (pm["initial"] is { } initNode && Map(initNode, Join(path, "initial"), "a map of state variable → initial value") is { } init)
        {
            var vars = StateVariables(model, pop);
            foreach (var e in init.Entries)
            {
                string ep = Join(Join(path, "initial"), e.Key);
                if (!vars.TryGetValue(e.Key, out var dim))
                {
                    Error(e.KeyNode, ep, $"unknown state variable '{e.Key}' of population '{pop.Name}'{Suggest.Hint(e.Key, vars.Keys.ToList(), "its state variables are")}");
                    continue;
                }
                if (InitialValue(e.Value, ep, dim) is { } iv) pop.Initial[e.Key] = iv;
            }
        }
    }

    /// <summary>The receptor channels of a neuron population: the defaults plus its own.</summary>
    private static List<string> Channels(PopulationSpec pop)
    {
        var list = ReceptorDefaults.All.Keys.ToList();
        foreach (var r in pop.Receptors.Keys) if (!list.Contains(r)) list.Add(r);
        return list;
    }

    /// <summary>State variables of a neuron population: the model's and g_&lt;receptor&gt; per channel.</summary>
    private static Dictionary<string, Dimension> StateVariables(NeuronModel model, PopulationSpec pop)
    {
        var vars = new Dictionary<string, Dimension>();
        foreach (var (name, dim, _) in model.StateVariables) vars[name] = dim;
        foreach (var ch in Channels(pop)) vars["g_" + ch] = Dimension.Conductance;
        return vars;
    }

    private InitialValueSpec? InitialValue(YNode node, string path, Dimension dim)
    {
        if (node is YScalar)
            return Qty(node, path, NumKey.Of(dim)) is { } c ? InitialValueSpec.Constant(c) : null;
        var m = Map(node, path, $"{Units.Describe(dim)}, or {{dist: normal, mean, sd}} or {{dist: uniform, low, high}}");
        if (m is null) return null;
        var distNode = Required(m, path, "dist", "normal or uniform");
        var dist = distNode is null ? null : Choice(distNode, Join(path, "dist"), new[] { ("normal", InitialKind.Normal), ("uniform", InitialKind.Uniform) });
        if (dist is null)
        {
            CheckKeys(m, path, new[] { "dist", "mean", "sd", "low", "high" });
            return null;
        }
        var (ka, kb) = dist == InitialKind.Normal ? ("mean", "sd") : ("low", "high");
        CheckKeys(m, path, new[] { "dist", ka, kb });
        var na = Required(m, path, ka, Units.Describe(dim));
        var nb = Required(m, path, kb, Units.Describe(dim));
        double? a = na is null ? null : Qty(na, Join(path, ka), NumKey.Of(dim));
        double? b = nb is null ? null : Qty(nb, Join(path, kb), NumKey.Of(dim, dist == InitialKind.Normal ? Limits.NonNegative : Limits.None));
        if (a is null || b is null) return null;
        if (dist == InitialKind.Uniform && b < a)
        {
            Error(nb!, Join(path, kb), $"high must not be below low ('{((YScalar)na!).Value}'), found '{((YScalar)nb!).Value}'");
            return null;
        }
        return new InitialValueSpec(dist.Value, a.Value, b.Value);
    }

    private void BuildPopulationReceptors(PopulationSpec pop, YNode node, string path)
    {
        var map = Map(node, path, "a map of receptor name → {rise, decay, reversal, mg_block}");
        if (map is null) return;
        foreach (var e in map.Entries)
        {
            string rp = Join(path, e.Key);
            CheckName(e, rp, "receptor");
            var rm = Map(e.Value, rp, "a map with rise, decay, reversal, mg_block");
            if (rm is null) continue;
            CheckKeys(rm, rp, ReceptorKeys);
            bool known = ReceptorDefaults.All.TryGetValue(e.Key, out var def);
            var spec = known ? def!.Clone() : new ReceptorSpec { TauRiseMs = 0, ReversalMv = 0, MgBlock = false };
            bool ok = true;

            if (rm["rise"] is { } rise)
            {
                if (Qty(rise, Join(rp, "rise"), NumericKeys.Receptor["rise"]) is { } v) spec.TauRiseMs = v; else ok = false;
            }
            var decay = known ? rm["decay"] : Required(rm, rp, "decay", $"a Time, since '{e.Key}' is a new receptor (known ones: {string.Join(", ", ReceptorDefaults.All.Keys)})");
            if (decay is not null)
            {
                if (Qty(decay, Join(rp, "decay"), NumericKeys.Receptor["decay"]) is { } v) spec.TauDecayMs = v; else ok = false;
            }
            else if (!known) ok = false;
            if (rm["reversal"] is { } rev)
            {
                if (rev is YScalar { Value: var word } && string.Equals(word.Trim(), "chloride", StringComparison.OrdinalIgnoreCase))
                    spec.ReversalMv = null;
                else if (rev is YScalar sc && !Units.TryParse(sc.Value, out _, out _))
                {
                    Error(rev, Join(rp, "reversal"), $"expected a Voltage (e.g. '0 mV') or the word 'chloride', found '{sc.Value}'");
                    ok = false;
                }
                else if (Qty(rev, Join(rp, "reversal"), NumericKeys.Receptor["reversal"]) is { } v) spec.ReversalMv = v;
                else ok = false;
            }
            if (rm["mg_block"] is { } mg)
            {
                if (Bool(mg, Join(rp, "mg_block")) is { } v) spec.MgBlock = v; else ok = false;
            }
            if (rm["potentiated_by"] is { } pb && Str(pb, Join(rp, "potentiated_by")) is { } by)
            {
                if (by == e.Key) { Error(pb, Join(rp, "potentiated_by"), "a channel cannot potentiate itself"); ok = false; }
                else spec.PotentiatedBy = by;
            }
            foreach (var key in new[] { "potentiation_max", "potentiation_half" })
            {
                if (rm[key] is not { } pg) continue;
                if (Qty(pg, Join(rp, key), NumericKeys.Receptor[key]) is { } v)
                {
                    if (key == "potentiation_max") spec.PotentiationMax = v; else spec.PotentiationHalfNs = v;
                }
                else ok = false;
                if (spec.PotentiatedBy is null) { Error(pg, Join(rp, key), $"{key} needs potentiated_by (the modulating channel)"); ok = false; }
            }
            if (rm["saturation"] is { } sat)
            {
                if (Qty(sat, Join(rp, "saturation"), NumericKeys.Receptor["saturation"]) is { } v) spec.SaturationNs = v; else ok = false;
            }
            if (rm["peptide"] is { } pp)
            {
                if (Bool(pp, Join(rp, "peptide")) is { } v) spec.Peptide = v; else ok = false;
            }
            if (rm["calcium_fraction"] is { } cf)
            {
                if (Qty(cf, Join(rp, "calcium_fraction"), NumericKeys.Receptor["calcium_fraction"]) is { } v) spec.CalciumFraction = v; else ok = false;
            }
            if (ok && spec.TauRiseMs > 0 && spec.TauRiseMs >= spec.TauDecayMs)
                Error(rm, rp, $"rise ({Ms(spec.TauRiseMs)}) must be shorter than decay ({Ms(spec.TauDecayMs)})");
            pop.Receptors[e.Key] = spec;
        }
    }
}
