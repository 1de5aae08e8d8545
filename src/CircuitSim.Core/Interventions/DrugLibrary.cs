using CircuitSim.Engine;

namespace CircuitSim.Interventions;

/// <summary>
/// Drugs as receptor blocks: each blocks a fraction of a channel on every neuron population that
/// has it. The dose is the fraction blocked (0–1), or a dose in mg/kg turned into a fraction by a
/// Hill curve with the drug's half-effective dose.
/// </summary>
public static class DrugLibrary
{
    /// <param name="Channels">Channels blocked.</param>
    /// <param name="HalfDoseMgPerKg">Dose giving half block (Hill coefficient 1).</param>
    public sealed record Drug(string Name, string[] Channels, double HalfDoseMgPerKg, string Source);

    public static IReadOnlyDictionary<string, Drug> All { get; } = new Dictionary<string, Drug>(StringComparer.OrdinalIgnoreCase)
    {
        // Ketamine: open-channel NMDA antagonist; 0.15 mg/kg i.v. reduces wind-up in humans (Guirimand et al. 2000 Anesth Analg 90:408).
        ["ketamine"] = new("ketamine", new[] { "NMDA" }, 0.1, "Guirimand et al. 2000"),
        // D-APV: competitive NMDA antagonist, used in slices at 50 µM for full block; dose here is the fraction blocked.
        ["APV"] = new("APV", new[] { "NMDA" }, 0, "Davies et al. 1981"),
        // NK1 antagonist (e.g. CP-99,994, RP67580): removes the slow substance-P EPSP (De Koninck & Henry 1991).
        ["NK1_antagonist"] = new("NK1_antagonist", new[] { "NK1" }, 0, "De Koninck & Henry 1991"),
        // Bicuculline: GABA_A antagonist; strychnine: glycine receptor antagonist (Torsney & MacDermott 2006).
        ["bicuculline"] = new("bicuculline", new[] { "GABA_A" }, 0, "Torsney & MacDermott 2006"),
        ["strychnine"] = new("strychnine", new[] { "glycine" }, 0, "Torsney & MacDermott 2006"),
    };

    /// <summary>Fraction of the channel blocked by the given dose.</summary>
    public static double BlockedFraction(Drug drug, double dose) =>
        drug.HalfDoseMgPerKg > 0 ? dose / (dose + drug.HalfDoseMgPerKg)
        : dose <= 0 ? 1 : Math.Clamp(dose, 0, 1);

    public static Action<Network> Compile(string intervention, string name, double dose, List<Population> pops)
    {
        if (!All.TryGetValue(name, out var drug))
            throw new BuildException($"intervention {intervention}: unknown drug '{name}' (known: {string.Join(", ", All.Keys)})",
                $"interventions.{intervention}.drug");
        float available = (float)(1 - BlockedFraction(drug, dose));
        var channels = pops.OfType<NeuronPopulation>().SelectMany(p => p.Channels).Where(c => drug.Channels.Contains(c.Name)).ToList();
        return _ => { foreach (var c in channels) c.Availability = available; };
    }
}
