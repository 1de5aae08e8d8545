namespace CircuitSim.Model;

/// <summary>
/// The transverse slab of the dorsal horn (<c>tissue:</c>): a grid over the laminae's extent
/// (<see cref="LaminaGeometry"/>, 400 × 550 µm), the fields that diffuse and decay on it, and how often
/// they step and are recorded.
/// </summary>
public sealed class TissueSpec
{
    /// <summary>Grid cell size, µm.</summary>
    public double GridUm { get; set; } = 10;
    /// <summary>Time step of the fields, ms (a whole number of dt).</summary>
    public double ClockMs { get; set; } = 10;
    /// <summary>How often the fields are recorded, ms; 0: at the end only.</summary>
    public double SnapshotEveryMs { get; set; }
    public List<FieldSpec> Fields { get; } = new();
    /// <summary>Glia on the slab (<c>glia:</c>), or null.</summary>
    public GliaSpec? Glia { get; set; }
}

/// <summary>One field: diffusion coefficient, decay, and release per spike of neuron populations into their cells.</summary>
public sealed class FieldSpec
{
    public required string Name { get; set; }
    /// <summary>µm²/s.</summary>
    public double DiffusionUm2PerS { get; set; }
    /// <summary>
    /// The field diffuses and decays on the glia's clock, sped up by <c>glia.time_compression</c> like them: a glial
    /// product that moves over minutes to days (BDNF, cytokines, CSF1), so that compressing the glia does not pile
    /// their secretions up against a decay that runs in real time. Its releases and baths stay in run time.
    /// </summary>
    public bool GlialTime { get; set; }
    /// <summary>Decay time constant, ms; infinity: none.</summary>
    public double DecayMs { get; set; } = double.PositiveInfinity;
    /// <summary>Amount (µM in the grid cell of the neuron, or of the afferent's central terminal) released per spike, by population.</summary>
    public List<(string Population, double AmountUm)> Releases { get; } = new();
    /// <summary>
    /// Applications at a point (a puff from a pipette; repeated every <c>EveryMs</c> until <c>UntilMs</c>, a leak from
    /// injured cells): first time ms, x and depth µm, amount µM into that cell each time.
    /// </summary>
    public List<(double AtMs, double XUm, double YUm, double AmountUm, double EveryMs, double UntilMs)> Puffs { get; } = new();
    /// <summary>The field's action on KCC2 of the neurons where they sit (BDNF through TrkB), or null.</summary>
    public FieldKcc2Spec? Kcc2 { get; set; }
    /// <summary>
    /// A steady leak from the central terminals of injured fibres (those of the population that fire ectopically), while
    /// the population's injury is on (its ectopic rate above 0): µM per ms into each terminal's cell. CSF1 and ATP after
    /// nerve injury (Guan et al. 2016 Nat Neurosci 19:94; Masuda et al. 2016 Nat Commun 7:12529).
    /// </summary>
    public List<(string Population, double UmPerMs)> InjuredRelease { get; } = new();
    /// <summary>
    /// Bath applications (superfusion of a slice, an intrathecal dose spread over the slab): from FromMs until UntilMs
    /// every cell is held at LevelUm, µM.
    /// </summary>
    public List<(double FromMs, double UntilMs, double LevelUm)> Baths { get; } = new();
    /// <summary>What the field does, where it is, to synapses: channel gains of neurons, release of terminals.</summary>
    public List<FieldEffectSpec> Effects { get; } = new();
}

/// <summary>
/// A field scaling, neuron by neuron or terminal by terminal, a synaptic property by the level in its grid cell:
/// × max(0, 1 + max · c^n/(c^n + EC50^n)). <see cref="On"/> names a receptor channel of the populations (a postsynaptic
/// gain: IL-1β on AMPA, IL-6 on GABA_A) or is <c>release</c> (what the populations' terminals release: TNFα on
/// afferent terminals). Kawasaki et al. 2008 J Neurosci 28:5189.
/// </summary>
public sealed class FieldEffectSpec
{
    public List<string> Populations { get; } = new();
    public required string On { get; set; }
    public double Max { get; set; }
    public double Ec50Um { get; set; }
    public double Hill { get; set; } = 1;
    public bool IsRelease => On == "release";
}

/// <summary>
/// A field lowering (max &lt; 0) or raising KCC2 of chosen populations, neuron by neuron, by the level in the neuron's
/// cell: the target becomes × (1 + max · c^n/(c^n + EC50^n)). BDNF from microglia down-regulates KCC2 through TrkB
/// (Coull et al. 2005 Nature 438:1017). The populations need chloride dynamics (<c>populations.P.chloride</c>).
/// </summary>
public sealed class FieldKcc2Spec
{
    /// <summary>The receptor type (TrkB) through which the field acts, so that its antagonists block the action; null: none.</summary>
    public string? Receptor { get; set; }
    public List<string> Populations { get; } = new();
    public double Max { get; set; } = -0.7;
    public double Ec50Um { get; set; } = 0.001;
    public double Hill { get; set; } = 1;
}
