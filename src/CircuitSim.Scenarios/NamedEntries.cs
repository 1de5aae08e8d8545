using CircuitSim.Synapses;

namespace CircuitSim.Scenarios;

/// <summary>
/// The maps of a scenario whose keys are names the user chooses (populations, projections,
/// stimuli, interventions, record.metrics, a population's receptors). Any key is valid there, so
/// <c>--set</c> treats a name that is not there as a misspelling, unless the whole entry is given.
/// </summary>
internal static class NamedEntries
{
    /// <summary>What the entries of the map at <paramref name="parent"/> are ("population", "populations"), or null if its keys are fixed.</summary>
    public static (string One, string Many, IReadOnlyCollection<string> Builtin)? Of(IReadOnlyList<string> parent) => parent switch
    {
        ["populations"] => ("population", "populations", []),
        ["projections"] => ("projection", "projections", []),
        ["stimuli"] => ("stimulus", "stimuli", []),
        ["interventions"] => ("intervention", "interventions", []),
        ["record", "metrics"] => ("metric", "metrics", []),
        ["substances"] => ("substance", "substances", []),
        ["receptor_types"] => ("receptor type", "receptor_types", []),
        ["modulation"] => ("modulation", "modulation", []),
        ["drugs"] => ("drug", "drugs", []),
        // the standard channels exist without being written: populations.WDR.receptors.NMDA.decay=80ms is a change, not a new channel
        ["populations", _, "receptors"] => ("receptor", "receptors", ReceptorDefaults.All.Keys.ToList()),
        _ => null,
    };
}
