namespace CircuitSim.Model;

/// <summary>
/// A substance in one well-mixed pool (a neuromodulator, a peptide): its level rises by release per spike
/// of the populations that release it, and falls by first-order clearance (diffusion away, enzymatic
/// breakdown) and by saturable reuptake through a transporter (Michaelis–Menten), which drugs can block.
/// Internal units: µM and ms.
/// </summary>
public sealed class SubstanceSpec
{
    public required string Name { get; set; }
    /// <summary>Time constant of first-order clearance, ms (null: none).</summary>
    public double? DecayMs { get; set; }
    /// <summary>Reuptake transporter (SERT, NET, DAT), named so that drugs can block it; null: no reuptake.</summary>
    public string? Transporter { get; set; }
    /// <summary>Reuptake at low levels as a time constant, ms: Vmax = Km / τ.</summary>
    public double ReuptakeTauMs { get; set; }
    /// <summary>Michaelis constant of the transporter, µM.</summary>
    public double ReuptakeKmUm { get; set; } = 1;
    /// <summary>Level at the start, µM.</summary>
    public double InitialUm { get; set; }
    /// <summary>
    /// Release per spike that grows with the releasing fibres' firing rate r (dense-core vesicles need
    /// high rates): amount · rⁿ/(rⁿ + r½ⁿ). Null: the same amount at any rate (small-molecule transmitters).
    /// </summary>
    public double? ReleaseHalfRateHz { get; set; }
    public double ReleaseRateHill { get; set; } = 2;
    /// <summary>Time constant of the firing-rate estimate that the rate dependence reads, ms.</summary>
    public double RateWindowMs { get; set; } = 1000;
}

/// <summary>Release of a substance by a population: an amount per spike (µM added to the pool).</summary>
/// <param name="PeptidergicOnly">Only the population's peptidergic fibres release it (substance P, CGRP).</param>
public sealed record ReleaseSpec(string Population, string Substance, double PerSpikeUm, bool PeptidergicOnly);

/// <summary>
/// A receptor subtype (α2A, 5-HT3, μ-opioid, ...): which substance activates it, and how strongly
/// (occupancy by a Hill function of the level: Lⁿ/(Lⁿ + EC50ⁿ)). Drugs add agonism or antagonism at it.
/// </summary>
public sealed class ReceptorTypeSpec
{
    public required string Name { get; set; }
    /// <summary>Endogenous ligand: a substance of the scenario.</summary>
    public required string Ligand { get; set; }
    public double Ec50Um { get; set; }
    public double Hill { get; set; } = 1;
    public string Source { get; set; } = "";
}

/// <summary>What a receptor's occupancy does.</summary>
public enum ModulationEffect
{
    /// <summary>Scales the transmitter released by a projection's presynaptic terminals (all receptors of its synapses).</summary>
    Release,
    /// <summary>Scales one receptor channel's conductance on the target neurons (e.g. D1 or TrkB on NMDA).</summary>
    Gain,
    /// <summary>Opens a tonic conductance on the target neurons (GIRK K⁺ channels: α2, 5-HT1A, μ-opioid, D2).</summary>
    Conductance,
    /// <summary>Scales a substance's first-order clearance (CGRP slows substance P's breakdown).</summary>
    Clearance,
    /// <summary>Scales the KCC2 expression that the target populations' chloride relaxes to (TrkB: BDNF lowers it).</summary>
    Kcc2,
}

/// <summary>
/// One modulatory action: a receptor type, its effect, where it acts, and the size of the effect at full
/// occupancy (a signed fraction for release, gain and clearance: −0.5 halves it, +0.5 raises it by half;
/// a peak conductance, nS, for <see cref="ModulationEffect.Conductance"/>). Several actions on one target
/// multiply (release, gain, clearance) or add (conductance).
/// </summary>
public sealed class ModulationSpec
{
    public required string Name { get; set; }
    public required string Receptor { get; set; }
    public ModulationEffect Effect { get; set; }
    /// <summary>Release: the projections whose release it scales.</summary>
    public List<string> Projections { get; } = new();
    /// <summary>Gain and conductance: the target neuron populations.</summary>
    public List<string> Populations { get; } = new();
    /// <summary>Gain: the channel scaled; conductance: the channel opened (created on the populations).</summary>
    public string? Channel { get; set; }
    /// <summary>Clearance: the substance whose clearance it scales.</summary>
    public string? Substance { get; set; }
    /// <summary>Signed fraction at full occupancy, or nS for a conductance.</summary>
    public double Max { get; set; }
    /// <summary>Conductance: reversal potential, mV (GIRK: E_K ≈ −90 mV).</summary>
    public double ReversalMv { get; set; } = -90;
    public string Source { get; set; } = "";
}

/// <summary>What a drug acts on.</summary>
public enum DrugTargetKind
{
    /// <summary>Blocks a receptor channel (NMDA, GABA_A, glycine, NK1, ...) on every population that has it.</summary>
    Channel,
    /// <summary>Binds a receptor type of receptor_types, competing with its ligand: agonist (efficacy 1), partial, or antagonist (0).</summary>
    Receptor,
    /// <summary>Inhibits a transporter (SERT, NET, DAT), slowing the reuptake of its substance.</summary>
    Transporter,
    /// <summary>
    /// Acts on glia: <c>microglia</c> (inhibits their activation, as minocycline) or a receptor by which microglia sense a
    /// field (P2X4: TNP-ATP), by the bound fraction times max_block.
    /// </summary>
    Glia,
}

/// <summary>One target of a drug: what, and how strongly (IC50 or K in free µM, Hill coefficient, efficacy).</summary>
public sealed record DrugTargetSpec(DrugTargetKind Kind, string Name, double Ic50Um, double Hill = 1, double Efficacy = 0, double MaxBlock = 1);

/// <summary>
/// One-compartment pharmacokinetics: a dose D (mg/kg) gives a total plasma level D·F/Vd, falling with the
/// elimination half-life, after first-order absorption (i.p., oral) when <see cref="AbsorptionHalfLifeMs"/> is
/// given (the Bateman function); the free fraction of it, in µM, equilibrates with the effect site with the
/// half-life of ke0 (Sheiner et al. 1979).
/// </summary>
public sealed class PharmacokineticsSpec
{
    public double MolarMassGPerMol { get; set; }
    public double VdLPerKg { get; set; }
    public double HalfLifeMs { get; set; }
    public double FreeFraction { get; set; } = 1;
    public double Bioavailability { get; set; } = 1;
    /// <summary>Absorption half-life, ms (null: an intravenous bolus).</summary>
    public double? AbsorptionHalfLifeMs { get; set; }
    /// <summary>Half-life of equilibration between plasma and effect site, ms (null: instantaneous).</summary>
    public double? EffectSiteHalfLifeMs { get; set; }
}

/// <summary>A drug of the library (scenarios/library/drugs.yaml) or of the scenario: its targets and, for systemic doses, its pharmacokinetics.</summary>
public sealed class DrugSpec
{
    public required string Name { get; set; }
    public List<DrugTargetSpec> Targets { get; } = new();
    public PharmacokineticsSpec? Pk { get; set; }
    public string Source { get; set; } = "";
}

/// <summary>How a dose is given: a fraction of every target occupied, a free concentration at the site (bath), or a systemic dose (mg/kg).</summary>
public enum DoseKind { Fraction, Concentration, MassPerKg }

/// <summary>Route of a systemic dose: an intravenous bolus (all at once), intraperitoneal (absorbed, no first pass), or oral (absorbed, times the bioavailability).</summary>
public enum DrugRoute { Intravenous, Intraperitoneal, Oral }
