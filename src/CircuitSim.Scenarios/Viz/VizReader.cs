using System.Globalization;
using CircuitSim.Model;
using CircuitSim.Scenarios.Yaml;

namespace CircuitSim.Scenarios;

/// <summary>
/// Reads the <c>viz:</c> section against the built spec (populations, stimuli and drugs must exist),
/// reporting each problem with its file, line and key path.
/// </summary>
internal static class VizReader
{
    private static readonly string[] Keys = ["panels", "window", "traces", "windup", "stimulus", "speed", "drugs", "actions", "field", "captions"];
    /// <summary>Keys the view itself uses: an action may not take them.</summary>
    public const string ReservedKeys = "PQRHSDXF";

    public static VizSpec? Read(YNode node, ScenarioSpec spec, Diagnostics d)
    {
        if (node is not YMap m)
        {
            d.Add(node, "viz", $"expected a map (panels, captions, drugs, ...), found {node.Describe()}");
            return null;
        }
        var v = new VizSpec();
        foreach (var e in m.Entries)
            if (Array.IndexOf(Keys, e.Key) < 0)
                d.Add(e.KeyNode, "viz." + e.Key, $"unknown key '{e.Key}'{Suggest.Hint(e.Key, Keys, "viz keys are")}");

        if (m["panels"] is { } pn)
        {
            if (pn is not YSeq ps) d.Add(pn, "viz.panels", $"expected a list such as [raster, windup], found {pn.Describe()}");
            else
                for (int i = 0; i < ps.Items.Count; i++)
                    if (Text(ps.Items[i], $"viz.panels[{i}]", d) is { } p)
                    {
                        if (Array.IndexOf(VizSpec.PanelNames, p) < 0)
                            d.Add(ps.Items[i], $"viz.panels[{i}]", $"unknown panel '{p}'{Suggest.Hint(p, VizSpec.PanelNames, "panels are")}");
                        else if (v.Panels.Contains(p)) d.Add(ps.Items[i], $"viz.panels[{i}]", $"the panel '{p}' is listed twice");
                        else v.Panels.Add(p);
                    }
        }
        if (m["window"] is { } wn && Quantity(wn, "viz.window", Dimension.Time, d) is { } w)
        {
            if (w <= 0) d.Add(wn, "viz.window", "expected a positive Time, e.g. '2 s'");
            else v.WindowMs = w;
        }
        if (m["traces"] is { } tn) ReadTraces(tn, spec, v, d);
        if (m["windup"] is { } wu) ReadWindup(wu, spec, v, d);
        if (m["stimulus"] is { } sn && Text(sn, "viz.stimulus", d) is { } st)
        {
            if (PulseTrain(spec, st) is null) d.Add(sn, "viz.stimulus", NotPulseTrain(spec, st));
            else v.Stimulus = st;
        }
        v.Stimulus ??= v.WindupStimuli.LastOrDefault();
        if (m["speed"] is { } spn && Text(spn, "viz.speed", d) is { } sp)
        {
            if (sp == "max") v.Speed = 0;
            else if (double.TryParse(sp, NumberStyles.Float, CultureInfo.InvariantCulture, out double x) && x > 0) v.Speed = x;
            else d.Add(spn, "viz.speed", $"expected simulated time per wall-clock time (a positive number, 1: real time) or 'max', found '{sp}'");
        }
        if (m["drugs"] is { } dn) ReadDrugs(dn, spec, v, d);
        if (m["actions"] is { } an) ReadActions(an, spec, v, d);
        if (m["field"] is { } fn && Text(fn, "viz.field", d) is { } f)
        {
            var names = spec.Tissue?.Fields.Select(x => x.Name).ToList() ?? new List<string>();
            if (!names.Contains(f)) d.Add(fn, "viz.field", names.Count == 0 ? "the scenario has no tissue fields to draw" : $"unknown field '{f}'{Suggest.Hint(f, names, "fields are")}");
            else v.Field = f;
        }
        if (m["captions"] is { } cn) ReadCaptions(cn, v, d);
        return v;
    }

    private static void ReadTraces(YNode node, ScenarioSpec spec, VizSpec v, Diagnostics d)
    {
        if (node is not YSeq seq) { d.Add(node, "viz.traces", $"expected a list of {{population, neuron, variable}}, found {node.Describe()}"); return; }
        if (seq.Items.Count > 4) d.Add(node, "viz.traces", $"at most 4 traces fit the panel, found {seq.Items.Count}");
        for (int i = 0; i < seq.Items.Count; i++)
        {
            string path = $"viz.traces[{i}]";
            if (seq.Items[i] is not YMap tm) { d.Add(seq.Items[i], path, "expected {population: NAME, neuron: 0, variable: v}"); continue; }
            foreach (var e in tm.Entries)
                if (e.Key is not ("population" or "neuron" or "variable"))
                    d.Add(e.KeyNode, $"{path}.{e.Key}", $"unknown key '{e.Key}' (trace keys are population, neuron, variable)");
            if (tm["population"] is not { } pn) { d.Add(tm, path, "a trace needs 'population'"); continue; }
            if (Text(pn, path + ".population", d) is not { } pop) continue;
            var ps = spec.Populations.Find(p => p.Name == pop);
            if (ps is null || ps.Kind != PopulationKind.Neuron)
            {
                d.Add(pn, path + ".population", $"'{pop}' is not a neuron population{Suggest.Hint(pop, spec.Populations.Where(p => p.Kind == PopulationKind.Neuron).Select(p => p.Name).ToList(), "neuron populations are")}");
                continue;
            }
            int neuron = 0;
            if (tm["neuron"] is { } nn && Text(nn, path + ".neuron", d) is { } ns)
            {
                if (!int.TryParse(ns, NumberStyles.None, CultureInfo.InvariantCulture, out neuron) || neuron >= ps.Count)
                {
                    d.Add(nn, path + ".neuron", $"expected a neuron index 0..{ps.Count - 1} of {pop}, found '{ns}'");
                    continue;
                }
            }
            string variable = "v";
            if (tm["variable"] is { } vn && Text(vn, path + ".variable", d) is { } vs)
            {
                // the model's state variables, a channel's conductance, or the injected current
                var known = (CircuitSim.Neurons.NeuronModels.Find(ps.Model)?.StateVariables.Select(x => x.Name) ?? Array.Empty<string>())
                    .Concat(ps.Receptors.Keys.Concat(spec.Projections.Where(x => x.To == pop).SelectMany(x => x.Receptors.Keys)).Distinct().Select(r => "g_" + r))
                    .Append("I_ext").ToList();
                if (!known.Contains(vs))
                {
                    d.Add(vn, path + ".variable", $"{pop} has no variable '{vs}'{Suggest.Hint(vs, known, "its variables are")}");
                    continue;
                }
                variable = vs;
            }
            v.Traces.Add(new VizTrace(pop, neuron, variable));
        }
    }

    private static void ReadWindup(YNode node, ScenarioSpec spec, VizSpec v, Diagnostics d)
    {
        if (node is not YMap wm) { d.Add(node, "viz.windup", $"expected {{population: WDR, stimulus: [slow, fast]}}, found {node.Describe()}"); return; }
        foreach (var e in wm.Entries)
            if (e.Key is not ("population" or "stimulus" or "baseline"))
                d.Add(e.KeyNode, "viz.windup." + e.Key, $"unknown key '{e.Key}' (windup keys are population, stimulus, baseline)");
        if (wm["baseline"] is { } bn && Text(bn, "viz.windup.baseline", d) is { } b)
        {
            if (b is "true" or "false") v.WindupBaseline = b == "true";
            else d.Add(bn, "viz.windup.baseline", $"expected true or false, found '{b}'");
        }
        if (wm["population"] is { } pn && Text(pn, "viz.windup.population", d) is { } pop)
        {
            if (!spec.Populations.Exists(p => p.Name == pop && p.Kind == PopulationKind.Neuron))
                d.Add(pn, "viz.windup.population", $"'{pop}' is not a neuron population{Suggest.Hint(pop, spec.Populations.Where(p => p.Kind == PopulationKind.Neuron).Select(p => p.Name).ToList(), "neuron populations are")}");
            else v.WindupPopulation = pop;
        }
        else d.Add(wm, "viz.windup", "needs 'population', the neurons whose responses build the bars");
        if (wm["stimulus"] is not { } sn) { d.Add(wm, "viz.windup", "needs 'stimulus', the pulse train(s) whose pulses start a bar"); return; }
        var items = sn is YSeq seq ? seq.Items : new List<YNode> { sn };
        for (int i = 0; i < items.Count; i++)
            if (Text(items[i], "viz.windup.stimulus", d) is { } st)
            {
                if (PulseTrain(spec, st) is null) d.Add(items[i], "viz.windup.stimulus", NotPulseTrain(spec, st));
                else v.WindupStimuli.Add(st);
            }
    }

    private static void ReadDrugs(YNode node, ScenarioSpec spec, VizSpec v, Diagnostics d)
    {
        if (node is not YMap dm) { d.Add(node, "viz.drugs", $"expected a map of drug → dose (the fraction of its targets occupied), e.g. {{ketamine: 0.6}}, found {node.Describe()}"); return; }
        if (dm.Entries.Count > 9) d.Add(node, "viz.drugs", $"keys 1–9 take at most 9 drugs, found {dm.Entries.Count}");
        foreach (var e in dm.Entries)
        {
            string path = "viz.drugs." + e.Key;
            if (!spec.Drugs.ContainsKey(e.Key)) { d.Add(e.KeyNode, path, $"unknown drug '{e.Key}'{Suggest.Hint(e.Key, spec.Drugs.Keys.ToList(), "drugs are")}"); continue; }
            if (Quantity(e.Value, path, Dimension.Dimensionless, d) is not { } dose) continue;
            if (dose <= 0 || dose > 1) { d.Add(e.Value, path, $"expected the fraction of the drug's targets occupied, 0 < dose ≤ 1, found {dose}"); continue; }
            v.Drugs.Add((e.Key, dose));
        }
    }

    private static void ReadActions(YNode node, ScenarioSpec spec, VizSpec v, Diagnostics d)
    {
        if (node is not YMap am) { d.Add(node, "viz.actions", $"expected a map of name → {{key, label, set}}, found {node.Describe()}"); return; }
        foreach (var e in am.Entries)
        {
            string path = "viz.actions." + e.Key;
            if (e.Value is not YMap a) { d.Add(e.Value, path, "expected {key: N, label: nerve injury, set: {PATH: VALUE}}"); continue; }
            foreach (var k in a.Entries)
                if (k.Key is not ("key" or "label" or "set"))
                    d.Add(k.KeyNode, $"{path}.{k.Key}", $"unknown key '{k.Key}' (action keys are key, label, set)");
            char key = '\0';
            if (a["key"] is not { } kn) d.Add(a, path, "an action needs 'key', a letter");
            else if (Text(kn, path + ".key", d) is { } ks)
            {
                if (ks.Length != 1 || !char.IsAsciiLetter(ks[0])) d.Add(kn, path + ".key", $"expected one letter, found '{ks}'");
                else if (ReservedKeys.Contains(char.ToUpperInvariant(ks[0])))
                    d.Add(kn, path + ".key", $"'{ks}' is one of the view's own keys ({string.Join(", ", ReservedKeys.ToCharArray())}); choose another letter");
                else if (v.Actions.Exists(x => x.Key == char.ToUpperInvariant(ks[0]))) d.Add(kn, path + ".key", $"another action already uses '{ks}'");
                else key = char.ToUpperInvariant(ks[0]);
            }
            string label = a["label"] is { } ln ? Text(ln, path + ".label", d) ?? e.Key : e.Key.Replace('_', ' ');
            var set = new List<KeyValuePair<string, double>>();
            if (a["set"] is not YMap sm || sm.Entries.Count == 0) d.Add(a["set"] ?? (YNode)a, path + ".set", "an action needs 'set', a map of key paths to values, e.g. {populations.C_pep.ectopic_rate: 2 Hz}");
            else
                foreach (var s in sm.Entries)
                    if (SpecBuilder.SettableValue(spec, d, s, $"{path}.set.{s.Key}") is { } value) set.Add(new(s.Key, value));
            if (key != '\0') v.Actions.Add(new VizAction(e.Key, key, label, set));
        }
    }

    private static void ReadCaptions(YNode node, VizSpec v, Diagnostics d)
    {
        if (node is not YSeq seq) { d.Add(node, "viz.captions", $"expected a list of {{at: TIME, text: ...}}, found {node.Describe()}"); return; }
        for (int i = 0; i < seq.Items.Count; i++)
        {
            string path = $"viz.captions[{i}]";
            if (seq.Items[i] is not YMap cm) { d.Add(seq.Items[i], path, "expected {at: 10 s, text: what to look at}"); continue; }
            foreach (var e in cm.Entries)
                if (e.Key is not ("at" or "text")) d.Add(e.KeyNode, $"{path}.{e.Key}", $"unknown key '{e.Key}' (caption keys are at, text)");
            double at = cm["at"] is { } an ? Quantity(an, path + ".at", Dimension.Time, d) ?? 0 : 0;
            if (cm["text"] is not { } tn) { d.Add(cm, path, "a caption needs 'text'"); continue; }
            if (Text(tn, path + ".text", d) is not { } text) continue;
            if (v.Captions.Count > 0 && at < v.Captions[^1].AtMs) d.Add(cm["at"] ?? (YNode)cm, path + ".at", "captions go in time order");
            v.Captions.Add(new VizCaption(at, text.Trim()));
        }
    }

    private static StimulusSpec? PulseTrain(ScenarioSpec spec, string name) =>
        spec.Stimuli.Find(s => s.Name == name && s.Protocol == StimulusProtocol.PulseTrain);

    private static string NotPulseTrain(ScenarioSpec spec, string name) =>
        $"'{name}' is not a pulse_train stimulus{Suggest.Hint(name, spec.Stimuli.Where(s => s.Protocol == StimulusProtocol.PulseTrain).Select(s => s.Name).ToList(), "pulse trains are")}";

    private static string? Text(YNode node, string path, Diagnostics d)
    {
        if (node is YScalar { IsNull: false } s) return s.Value;
        d.Add(node, path, $"expected a single value, found {node.Describe()}");
        return null;
    }

    private static double? Quantity(YNode node, string path, Dimension dim, Diagnostics d)
    {
        if (Text(node, path, d) is not { } text) return null;
        try { return Units.Parse(text, dim); }
        catch (FormatException e) { d.Add(node, path, e.Message); return null; }
    }
}
