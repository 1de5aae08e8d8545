using CircuitSim.Model;

namespace CircuitSim.Synapses;

/// <summary>
/// The receptor channels every neuron population has unless the scenario overrides them.
/// Time constants and reversals:
///  AMPA   0.1 / 5 ms, 0 mV (Destexhe, Mainen &amp; Sejnowski 1998, J Comput Neurosci 1:195);
///  NMDA   2 / 100 ms, 0 mV, Jahr–Stevens Mg²⁺ block (Jahr &amp; Stevens 1990, J Neurosci 10:3178), 10 % of
///         its current carried by Ca²⁺ (Schneggenburger et al. 1993; Aguiar et al. 2010);
///  GABA_A 0.5 / 20 ms and glycine 0.5 / 10 ms, both at the neuron's chloride reversal
///         (Prescott, Sejnowski &amp; De Koninck 2006 Mol Pain 2:32 for the anion reversal);
///  NK1    100 ms / 3 s, 0 mV: the slow substance-P current (De Koninck &amp; Henry 1991 PNAS 88:11344); a peptide
///         receptor, so only peptidergic afferent fibres activate it.
/// </summary>
public static class ReceptorDefaults
{
    public static IReadOnlyDictionary<string, ReceptorSpec> All { get; } = new Dictionary<string, ReceptorSpec>
    {
        ["AMPA"] = new() { TauRiseMs = 0.1, TauDecayMs = 5, ReversalMv = 0 },
        ["NMDA"] = new() { TauRiseMs = 2, TauDecayMs = 100, ReversalMv = 0, MgBlock = true, CalciumFraction = 0.1 },
        ["GABA_A"] = new() { TauRiseMs = 0.5, TauDecayMs = 20, ReversalMv = null },
        ["glycine"] = new() { TauRiseMs = 0.5, TauDecayMs = 10, ReversalMv = null },
        ["NK1"] = new() { TauRiseMs = 100, TauDecayMs = 3000, ReversalMv = 0, Peptide = true },
    };

    /// <summary>Extracellular Mg²⁺ for the NMDA block, mM.</summary>
    public const double MagnesiumMm = 1.0;
}
