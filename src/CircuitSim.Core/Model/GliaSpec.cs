namespace CircuitSim.Model;

/// <summary>Glia in the tissue slab (<c>glia:</c>): microglia as agents, and one factor that compresses every glial time constant.</summary>
public sealed class GliaSpec
{
    /// <summary>Every glial time constant and speed is scaled by this (60: an hour of microglia in a minute of run).</summary>
    public double TimeCompression { get; set; } = 1;
    public GliaCellSpec? Microglia { get; set; }
    /// <summary>
    /// Astrocytes, the same kind of agent with their own senses, kinetics and secretions: they activate after microglia
    /// and stay reactive for weeks, maintaining what microglia started (Raghavendra et al. 2003 JPET 306:624).
    /// </summary>
    public GliaCellSpec? Astrocytes { get; set; }
}

/// <summary>
/// Microglia: where they sit, what they sense (an ATP field through P2X4/P2X7: a Hill function), how fast
/// they activate and return, how they move (chemotaxis up the sensed field's gradient and a random walk),
/// and what they secrete into which fields (an early pool as activation rises, a late synthesis-dependent part).
/// </summary>
public sealed class GliaCellSpec
{
    public int Count { get; set; }
    /// <summary>Divisions per ms of glial time of a fully activated cell (0: none).</summary>
    public double ProliferationPerMs { get; set; }
    /// <summary>The most cells proliferation may reach.</summary>
    public int MaxCount { get; set; }
    public List<string> Laminae { get; } = new();
    /// <summary>
    /// The fields the cells sense, each through its receptor by a Hill function; activation follows 1 − Π(1 − h_k) (any
    /// signal activates), and the cells move up the gradient of the first. ATP through P2X4/P2X7, CSF1 through CSF1R
    /// (Guan et al. 2016), fractalkine through CX3CR1.
    /// </summary>
    public List<SensedField> Senses { get; } = new();
    public double ActivationTauMs { get; set; } = 10 * 60_000;
    public double DeactivationTauMs { get; set; } = 30 * 60_000;
    /// <summary>
    /// Radius of the territory a cell's processes survey, µm (Nimmerjahn et al. 2005 Science 308:1314: processes scan
    /// ~50 µm territories): it senses the mean of each field over the grid cells within it; 0: its own grid cell only.
    /// </summary>
    public double ReachUm { get; set; }
    /// <summary>Chemotactic speed at a saturating signal, µm/ms.</summary>
    public double ChemotaxisUmPerMs { get; set; }
    /// <summary>Random-walk diffusivity of the cells, µm²/ms.</summary>
    public double RandomWalkUm2PerMs { get; set; }
    public List<SecretionSpec> Secretes { get; } = new();
}

/// <param name="EarlyUm">Released into the cell's grid cell as activation rises from 0 to 1 (a stored pool), µM.</param>
/// <param name="LateUm">Released per <paramref name="LateTauMs"/> at full synthesis (synthesis follows activation with that lag), µM.</param>
/// <param name="Requires">A sensed field whose receptor must be stimulated for the secretion (BDNF release needs P2X4
/// stimulation: Trang et al. 2009), or null: activation alone drives it.</param>
public sealed record SecretionSpec(string Field, double EarlyUm, double LateUm, double LateTauMs, string? Requires = null);

/// <param name="Receptor">The receptor's name for drugs that block it (P2X4: TNP-ATP), or null.</param>
/// <param name="ExpressionBaseline">With <paramref name="ExpressionTauMs"/>: the receptor's expression in a resting cell (0–1).</param>
/// <param name="ExpressionTauMs">The receptor's expression follows the cell's activation, e → baseline + (1 − baseline)·a
/// with this time constant (glial time), and scales what the cell senses through it: P2X4 rises in activated microglia
/// over days after nerve injury (Tsuda et al. 2003 Nature 424:778), driven by CSF1 (Guan et al. 2016). 0: expression 1.</param>
public sealed record SensedField(string Field, double Ec50Um, double Hill, string? Receptor = null, double ExpressionBaseline = 1, double ExpressionTauMs = 0);
