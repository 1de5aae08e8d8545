using System.Runtime.CompilerServices;
using CircuitSim.Model;
using CircuitSim.Neurons;
using CircuitSim.Scenarios.Yaml;

namespace CircuitSim.Scenarios;

internal sealed partial class SpecBuilder
{
    private static readonly string[] InterventionKeys = { "at", "drug", "dose", "route", "set" };

    private static readonly (string, DrugRoute)[] RouteChoices =
    {
        ("iv", DrugRoute.Intravenous), ("i.v.", DrugRoute.Intravenous), ("intravenous", DrugRoute.Intravenous),
        ("ip", DrugRoute.Intraperitoneal), ("i.p.", DrugRoute.Intraperitoneal), ("intraperitoneal", DrugRoute.Intraperitoneal),
        ("oral", DrugRoute.Oral), ("po", DrugRoute.Oral), ("p.o.", DrugRoute.Oral),
    };

    private void BuildInterventions(YMap root)
    {
        if (root["interventions"] is not { } node) return;
        var map = Map(node, "interventions", "a map of intervention name → {at, drug, dose, set}");
        if (map is null) return;
        foreach (var entry in map.Entries)
        {
            string path = Join("interventions", entry.Key);
            CheckName(entry, path, "intervention");
            var im = Map(entry.Value, path, "a map of intervention keys (at, drug, dose, set)");
            if (im is null) continue;
            CheckKeys(im, path, InterventionKeys);
            var iv = new InterventionSpec { Name = entry.Key };
            if (Required(im, path, "at", "a Time such as '10 s'") is { } at && Qty(at, Join(path, "at"), NumKey.Of(Dimension.Time, Limits.NonNegative)) is { } atMs)
                iv.AtMs = atMs;
            DrugSpec? drugSpec = null;
            if (im["drug"] is { } drug && Str(drug, Join(path, "drug")) is { } drugName)
            {
                if (_spec.Drugs.TryGetValue(drugName, out drugSpec)) iv.Drug = drugSpec.Name;
                else
                    Error(drug, Join(path, "drug"), $"unknown drug '{drugName}'" +
                        Suggest.Hint(drugName, _spec.Drugs.Keys.ToList(), "the drug library has") + " (or define it under 'drugs')");
            }
            if (im["dose"] is { } dose)
            {
                if (im["drug"] is null) Error(dose, Join(path, "dose"), "a dose needs a drug: add 'drug: NAME'");
                if (Dose(dose, Join(path, "dose"), out var kind) is { } d)
                {
                    iv.Dose = d;
                    iv.DoseKind = kind;
                    if (kind == DoseKind.MassPerKg && drugSpec is { Pk: null })
                        Error(dose, Join(path, "dose"), $"drug {drugSpec.Name} has no pharmacokinetics ('pk') to turn mg/kg into a concentration: give a concentration (e.g. '50 uM', as in a bath) or the fraction of its targets occupied (0-1)");
                    if (kind == DoseKind.Fraction && d > 1)
                        Error(dose, Join(path, "dose"), $"a dimensionless dose is the fraction of the drug's targets occupied, 0-1; found '{d}' (give mg/kg or a concentration for a dose)");
                }
            }
            if (im["route"] is { } rn && Choice(rn, Join(path, "route"), RouteChoices) is { } route)
            {
                iv.Route = route;
                if (iv.DoseKind != DoseKind.MassPerKg)
                    Error(rn, Join(path, "route"), "a route applies to a dose in mg/kg (a concentration or a fraction is given at the site)");
                else if (route != DrugRoute.Intravenous && drugSpec is { Pk.AbsorptionHalfLifeMs: null })
                    Error(rn, Join(path, "route"), $"drug {drugSpec.Name} has no absorption_half_life in its pk: only an i.v. dose can be given");
            }
            if (im["dose"] is null && drugSpec is not null)
                Error(im["drug"]!, Join(path, "drug"), "a drug needs a 'dose': mg/kg (systemic, through its pharmacokinetics), a concentration (bath) or a fraction of its targets occupied (0-1)");
            if (im["drug"] is null && im["set"] is null)
                Error(im, path, "an intervention needs 'drug' (with 'dose') or 'set', or both");
            if (im["set"] is { } setNode && Map(setNode, Join(path, "set"), "a map of key path → value, e.g. {populations.C.ectopic_rate: 20 Hz}") is { } set)
            {
                foreach (var e in set.Entries)
                {
                    string ep = Join(Join(path, "set"), e.Key);
                    var key = ResolveSettable(e.Key, out string? why);
                    if (key is null)
                    {
                        Error(e.KeyNode, ep, $"cannot set '{e.Key}': {why}");
                        continue;
                    }
                    if (Qty(e.Value, ep, key) is { } v) iv.Set.Add(new KeyValuePair<string, double>(e.Key, v));
                }
            }
            _spec.Interventions.Add(iv);
        }
    }

    /// <summary>A Dose (mg/kg, µg/kg), a Concentration (µM, a bath) or a dimensionless fraction of the targets occupied.</summary>
    private double? Dose(YNode node, string path, out DoseKind kind)
    {
        kind = DoseKind.Fraction;
        var s = Scalar(node, path, "a Dose (e.g. '0.15 mg/kg'), a Concentration (e.g. '50 uM') or a dimensionless fraction");
        if (s is null) return null;
        if (Units.TryParse(s.Value, out double v, out var dim) && dim is Dimension.Dose or Dimension.Dimensionless or Dimension.Concentration)
        {
            kind = dim switch { Dimension.Dose => DoseKind.MassPerKg, Dimension.Concentration => DoseKind.Concentration, _ => DoseKind.Fraction };
            if (v >= 0) return v;
            Error(node, path, $"dose must not be negative, found '{s.Value}'");
            return null;
        }
        try
        {
            Units.Parse(s.Value, Dimension.Dose);
        }
        catch (FormatException e)
        {
            Error(node, path, e.Message + " (or a Concentration, or a dimensionless fraction)");
        }
        return null;
    }

    /// <summary>
    /// The numeric key that a dotted path names in this scenario, or null with the reason. Settable:
    /// populations.P.params.X (any parameter of P's model), populations.P.receptors.R.rise|decay|reversal,
    /// an afferent's conduction_distance, velocity, velocity_jitter, peptidergic, ectopic_rate,
    /// a descending population's rate, projections.X.receptors.R (any channel of the target),
    /// projections.X.delay|weight_jitter, and stimuli.S.start plus the numeric keys of S's protocol.
    /// </summary>
    private NumKey? ResolveSettable(string path, out string? why)
    {
        var reason = new StrongBox<string?>();
        var key = ResolveSettable(path, reason);
        why = reason.Value;
        return key;
    }

    private NumKey? ResolveSettable(string path, StrongBox<string?> reason)
    {
        var seg = path.Split('.');
        const string Settable = "settable paths are populations.P.params.X, populations.P.<numeric key>, populations.P.receptors.R.<rise|decay|reversal>, projections.X.receptors.R, projections.X.<delay|weight_jitter>, stimuli.S.<numeric key>";
        string Near(string word, IEnumerable<string> options, string what)
        {
            var list = options.ToList();
            return $"{what} '{word}' is unknown{Suggest.Hint(word, list, "known are")}";
        }
        NumKey? Leaf(int i, IReadOnlyDictionary<string, NumKey> keys, string owner)
        {
            if (seg.Length <= i)
            {
                reason.Value = $"the path ends at {owner}; it needs one of: {string.Join(", ", keys.Keys)}";
                return null;
            }
            if (!keys.TryGetValue(seg[i], out var k))
            {
                reason.Value = $"'{seg[i]}' is not a numeric key of {owner}{Suggest.Hint(seg[i], keys.Keys.ToList(), "its numeric keys are")}";
                return null;
            }
            if (seg.Length > i + 1)
            {
                reason.Value = $"'{string.Join('.', seg.Take(i + 1))}' is a number, not a map";
                return null;
            }
            return k;
        }

        switch (seg[0])
        {
            case "populations":
            {
                if (seg.Length < 3) { reason.Value = "a population path needs a population and a key, e.g. populations.WDR.params.ECl"; return null; }
                var pop = _spec.Population(seg[1]);
                if (pop is null) { reason.Value = Near(seg[1], _spec.Populations.Select(p => p.Name), "population"); return null; }
                switch (pop.Kind)
                {
                    case PopulationKind.Afferent: return Leaf(2, NumericKeys.Afferent, $"afferent population '{pop.Name}'");
                    case PopulationKind.Descending: return Leaf(2, NumericKeys.Descending, $"descending population '{pop.Name}'");
                }
                if (seg[2] == "params")
                {
                    var model = NeuronModels.Find(pop.Model);
                    if (model is null) { reason.Value = $"population '{pop.Name}' has no valid model"; return null; }
                    if (seg.Length > 3 && seg[3] == "ECl" && pop.Chloride is not null)
                    {
                        reason.Value = $"population '{pop.Name}' has chloride dynamics, so its ECl follows its chloride (set populations.{pop.Name}.chloride or a kcc2 modulation instead)";
                        return null;
                    }
                    var keys = model.Parameters.ToDictionary(p => p.Name, p => NumKey.Of(p.Dimension));
                    return Leaf(3, keys, $"model '{model.Name}' (population '{pop.Name}')");
                }
                if (seg[2] == "release" && seg.Length == 3)
                {
                    if (pop.Transmitter is null) { reason.Value = $"population '{pop.Name}' releases no transmitter"; return null; }
                    return NumKey.Of(Dimension.Concentration, Limits.NonNegative);
                }
                if (seg[2] == "receptors")
                {
                    if (seg.Length < 4) { reason.Value = "a receptor path needs a receptor and a field, e.g. populations.WDR.receptors.NMDA.decay"; return null; }
                    var channels = Channels(pop);
                    if (!channels.Contains(seg[3])) { reason.Value = Near(seg[3], channels, $"receptor of '{pop.Name}'"); return null; }
                    return Leaf(4, NumericKeys.Receptor, $"receptor '{seg[3]}'");
                }
                reason.Value = $"'{seg[2]}' is not a settable key of neuron population '{pop.Name}' (use populations.{pop.Name}.params.NAME or populations.{pop.Name}.receptors.R.FIELD)";
                return null;
            }
            case "projections":
            {
                if (seg.Length < 3) { reason.Value = "a projection path needs a projection and a key, e.g. projections.C_WDR.receptors.NMDA"; return null; }
                var proj = _spec.Projections.Find(p => p.Name == seg[1]);
                if (proj is null) { reason.Value = Near(seg[1], _spec.Projections.Select(p => p.Name), "projection"); return null; }
                if (seg[2] == "receptors")
                {
                    var target = _spec.Population(proj.To);
                    var channels = target is null ? proj.Receptors.Keys.ToList() : Channels(target);
                    if (seg.Length != 4) { reason.Value = "a receptor path names one channel, e.g. projections.C_WDR.receptors.NMDA"; return null; }
                    if (!channels.Contains(seg[3])) { reason.Value = Near(seg[3], channels, $"receptor channel of '{proj.To}'"); return null; }
                    return NumericKeys.SynapticConductance;
                }
                return Leaf(2, NumericKeys.Projection, $"projection '{proj.Name}'");
            }
            case "stimuli":
            {
                if (seg.Length < 3) { reason.Value = "a stimulus path needs a stimulus and a key, e.g. stimuli.train.frequency"; return null; }
                var stim = _spec.Stimuli.Find(s => s.Name == seg[1]);
                if (stim is null) { reason.Value = Near(seg[1], _spec.Stimuli.Select(s => s.Name), "stimulus"); return null; }
                var keys = new Dictionary<string, NumKey>(NumericKeys.Stimulus[stim.Protocol]) { ["start"] = NumericKeys.StimulusStart };
                return Leaf(2, keys, $"{ProtocolWord(stim.Protocol)} stimulus '{stim.Name}'");
            }
            default:
                reason.Value = $"'{seg[0]}' cannot change during a run; {Settable}";
                return null;
        }
    }
}
