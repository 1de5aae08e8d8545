using CircuitSim.Model;
using CircuitSim.Scenarios;

namespace CircuitSim.Viz;

/// <summary>
/// What the view shows when the scenario's <c>viz:</c> section does not say: the raster; a trace of the
/// first neuron of a WDR (or the first) population; the wind-up bars of the first wind-up metric;
/// substances or chloride, weights and the tissue when the scenario has them.
/// </summary>
internal static class VizDefaults
{
    public static VizSpec Complete(VizSpec? given, ScenarioSpec spec)
    {
        var v = given ?? new VizSpec();
        var neurons = spec.Populations.Where(p => p.Kind == PopulationKind.Neuron).ToList();
        if (v.Traces.Count == 0 && neurons.Count > 0)
        {
            var p = neurons.Find(x => x.Name == "WDR") ?? neurons[0];
            v.Traces.Add(new VizTrace(p.Name, 0, "v"));
        }
        var windups = spec.Record.Windup.Values.ToList();
        if (v.WindupPopulation is null && windups.Count > 0)
        {
            v.WindupPopulation = windups[0].Population;
            foreach (var m in windups.Where(m => m.Population == v.WindupPopulation))
                if (!v.WindupStimuli.Contains(m.Stimulus)) v.WindupStimuli.Add(m.Stimulus);
        }
        v.Stimulus ??= v.WindupStimuli.LastOrDefault();
        if (v.Panels.Count == 0)
        {
            v.Panels.Add("raster");
            if (v.Traces.Count > 0) v.Panels.Add("traces");
            if (v.WindupPopulation is not null) v.Panels.Add("windup");
            if (spec.Substances.Count > 0) v.Panels.Add("substances");
            if (spec.Populations.Any(p => p.Chloride is not null)) v.Panels.Add("chloride");
            if (spec.Projections.Any(p => p.Plasticity is not null)) v.Panels.Add("weights");
            if (spec.Tissue is not null) v.Panels.Add("tissue");
        }
        return v;
    }
}
