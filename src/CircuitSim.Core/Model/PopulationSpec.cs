namespace CircuitSim.Model;

public enum PopulationKind { Neuron, Afferent, Descending }

public enum FibreClass { C, Adelta, Abeta }

/// <summary>
/// How an afferent's response to a sustained natural stimulus adapts: slowly (SA, firing through
/// the stimulus) or rapidly (RA, firing only at its onset and offset). Only Aβ fibres are RA here.
/// </summary>
public enum Adaptation { Slow, Rapid }

public sealed class PopulationSpec
{
    public required string Name { get; set; }
    public PopulationKind Kind { get; set; } = PopulationKind.Neuron;
    public int Count { get; set; }

    // ---- kind: neuron ----
    /// <summary>Neuron model name: lif | adex | izhikevich (see <c>NeuronModels</c>).</summary>
    public string Model { get; set; } = "lif";
    /// <summary>Firing-pattern preset, applied before <see cref="Params"/>; null for none.</summary>
    public string? Preset { get; set; }
    /// <summary>Model parameters by name, internal units; missing ones take the model default.</summary>
    public Dictionary<string, double> Params { get; } = new();
    /// <summary>Receptor channels defined or overridden on this population, by name.</summary>
    public Dictionary<string, ReceptorSpec> Receptors { get; } = new();
    /// <summary>Initial values of state variables (v, w, u, g_AMPA, ...), internal units.</summary>
    public Dictionary<string, InitialValueSpec> Initial { get; } = new();
    public string? Lamina { get; set; }
    /// <summary>Background noise current (Ornstein–Uhlenbeck): its SD, pA (null: none), and correlation time, ms.</summary>
    public double? NoiseSigmaPa { get; set; }
    public double NoiseTauMs { get; set; } = 5;

    /// <summary>Intracellular chloride as a state variable with KCC2 extrusion (null: ECl is a fixed parameter).</summary>
    public ChlorideSpec? Chloride { get; set; }

    // ---- kind: afferent ----
    public FibreClass Fibre { get; set; } = FibreClass.C;
    /// <summary>Distance from stimulus site to the dorsal horn, µm; null means no conduction delay.</summary>
    public double? ConductionDistanceUm { get; set; }
    /// <summary>Length of the dorsal root from the ganglion to the cord, µm (null: DRG stimulation is not possible).</summary>
    public double? RootLengthUm { get; set; }
    /// <summary>Conduction velocity override, m/s; null means the fibre class's default.</summary>
    public double? VelocityMPerS { get; set; }
    /// <summary>Spread of conduction velocity across fibres: the SD of ln(velocity) (log-normal; ≈ the relative SD when small).</summary>
    public double VelocityJitter { get; set; } = 0.1;
    /// <summary>
    /// Fraction of fibres that are peptidergic (release substance P / CGRP): only they activate peptide receptors
    /// (NK1). Null: the class default, half of C fibres (about half of small DRG neurons contain substance P or
    /// CGRP; Snider &amp; McMahon 1998 Neuron 20:629) and no A fibres.
    /// </summary>
    public double? Peptidergic { get; set; }
    public double PeptidergicFraction => Peptidergic ?? (Fibre == FibreClass.C && Kind == PopulationKind.Afferent ? 0.5 : 0);
    /// <summary>Laminae where the fibres' central terminals lie (empty: the fibre class's, see <c>Stimuli.FibreClasses.TerminalLaminae</c>).</summary>
    public List<string> Terminals { get; } = new();
    /// <summary>Ongoing ectopic (Poisson) firing rate of an ectopic fibre, Hz.</summary>
    public double EctopicRateHz { get; set; }
    /// <summary>Fraction of the fibres that fire ectopically (drawn per fibre from the seed); the others stay silent.</summary>
    public double EctopicFraction { get; set; } = 1;
    /// <summary>Activity-dependent conduction slowing: fractional latency increase per impulse (null: the fibre class's default).</summary>
    public double? SlowingPerSpike { get; set; }
    /// <summary>Time constant of recovery from activity-dependent slowing, ms (null: the fibre class's default).</summary>
    public double? SlowingRecoveryMs { get; set; }
    /// <summary>Response to sustained natural stimuli: slowly (SA) or rapidly (RA) adapting.</summary>
    public Adaptation Adaptation { get; set; } = Adaptation.Slow;

    // ---- kind: descending ----
    public string? Transmitter { get; set; }
    public double RateHz { get; set; }
}

/// <summary>A synaptic receptor channel: conductance with rise and decay, reversal, optional Mg²⁺ block.</summary>
public sealed class ReceptorSpec
{
    public double TauRiseMs { get; set; }
    public double TauDecayMs { get; set; }
    /// <summary>Reversal potential, mV; null means the neuron's own chloride reversal (ECl).</summary>
    public double? ReversalMv { get; set; }
    /// <summary>Jahr–Stevens Mg²⁺ block (NMDA).</summary>
    public bool MgBlock { get; set; }
    /// <summary>
    /// Channel whose open conductance potentiates this one, with a bounded (saturating) effect:
    /// g ← g·(1 + Emax·g_m/(g_m + K)), g_m the modulator's conductance times its availability. Used for the
    /// potentiation of NMDA currents by substance P through NK1 receptors (Randić et al. 1990; Rusin et
    /// al. 1992: enhancement by tens of percent up to about twofold, so Emax ≤ 1).
    /// </summary>
    public string? PotentiatedBy { get; set; }
    /// <summary>Emax: the largest fractional enhancement (0.5 = up to +50 %).</summary>
    public double PotentiationMax { get; set; }
    /// <summary>K: the modulating conductance giving half of Emax, nS.</summary>
    public double PotentiationHalfNs { get; set; } = 1;
    /// <summary>
    /// Largest conductance the channel reaches, nS (null: linear). The summed synaptic drive g
    /// acts as g·G/(g + G): receptor occupancy saturates (Destexhe, Mainen &amp; Sejnowski 1994);
    /// used for the slow NK1 current, whose amplitude levels off under sustained substance P
    /// release (De Koninck &amp; Henry 1991).
    /// </summary>
    public double? SaturationNs { get; set; }
    /// <summary>
    /// Fraction of the current carried by Ca²⁺, which models with intracellular calcium (adex_can) take as
    /// influx. NMDA: 0.1 (fractional Ca²⁺ current of NMDA receptors ~7–11 %, Schneggenburger et al. 1993
    /// Neuron 11:133; 10 % in Aguiar et al. 2010's NMDA synapse, ModelDB 128559 NMDA_DynSyn.mod).
    /// </summary>
    public double CalciumFraction { get; set; }
    /// <summary>A receptor of a neuropeptide (NK1: substance P): activated only by peptidergic afferent fibres.</summary>
    public bool Peptide { get; set; }
    public ReceptorSpec Clone() => (ReceptorSpec)MemberwiseClone();
}

public enum InitialKind { Constant, Normal, Uniform }

/// <summary>Initial value: a constant (A), normal(mean A, sd B) or uniform(low A, high B).</summary>
public sealed record InitialValueSpec(InitialKind Kind, double A, double B = 0)
{
    public static InitialValueSpec Constant(double v) => new(InitialKind.Constant, v);
}

/// <summary>
/// Intracellular chloride of a neuron population as a state variable (after Doyon et al. 2011 PLoS Comput Biol
/// 7:e1002149 and 2016 Neuron 89:1157, reduced to one compartment): per neuron,
///   d[Cl]ᵢ/dt = g/(1 + r)·(V − E_Cl)/(F·Vol) + ([Cl]rest − K·[Cl]ᵢ)/τ,
/// the chloride current through GABA_A and glycine channels loading chloride (the share 1/(1 + r) of their
/// conductance g carried by Cl⁻, r = P_HCO3/P_Cl, driven by chloride's own reversal E_Cl), a constant inward leak and extrusion by KCC2 at a rate proportional to its expression K
/// (1 = normal), so that at rest [Cl]ᵢ = [Cl]rest/K; [Cl]rest is the level that gives the population's ECl at K = 1.
/// The anion reversal is E = (RT/F)·ln(([Cl]ᵢ + r[HCO3]ᵢ)/([Cl]ₒ + r[HCO3]ₒ)). K relaxes to the target that
/// modulation sets (TrkB: BDNF down-regulates KCC2, Coull et al. 2005 Nature 438:1017) with <see cref="ExpressionTauMs"/>.
/// </summary>
public sealed class ChlorideSpec
{
    public double OutsideMm { get; set; } = 130;
    public double Hco3Ratio { get; set; } = 0.2;
    public double Hco3InMm { get; set; } = 16;
    public double Hco3OutMm { get; set; } = 26;
    /// <summary>Extrusion time constant at normal KCC2 expression, ms.</summary>
    public double ExtrusionTauMs { get; set; } = 5000;
    /// <summary>Effective volume that the anion current loads, pL.</summary>
    public double VolumePl { get; set; } = 2;
    public double TemperatureC { get; set; } = 37;
    /// <summary>KCC2 expression without modulation (1 = normal; below 1 for a state such as nerve injury), and at the start.</summary>
    public double Kcc2 { get; set; } = 1;
    /// <summary>Time constant of KCC2 expression changes, ms (hours in tissue; a scenario may compress it and must say so).</summary>
    public double ExpressionTauMs { get; set; } = 3_600_000;
}
