namespace CircuitSim.Model;

/// <summary>Glia in the tissue slab (<c>glia:</c>): microglia as agents, and one factor that compresses every glial time constant.</summary>
public sealed class GliaSpec
{
    /// <summary>Every glial time constant and speed is scaled by this (60: an hour of microglia in a minute of run).</summary>
    public double TimeCompression { get; set; } = 1;
    public MicrogliaSpec? Microglia { get; set; }
}

/// <summary>
/// Microglia: where they sit, what they sense (an ATP field through P2X4/P2X7: a Hill function), how fast
/// they activate and return, how they move (chemotaxis up the sensed field's gradient and a random walk),
/// and what they secrete into which fields (an early pool as activation rises, a late synthesis-dependent part).
/// </summary>
public sealed class MicrogliaSpec
{
    public int Count { get; set; }
    public List<string> Laminae { get; } = new();
    public required string Senses { get; set; }
    public double Ec50Um { get; set; } = 3;
    public double Hill { get; set; } = 1.5;
    public double ActivationTauMs { get; set; } = 10 * 60_000;
    public double DeactivationTauMs { get; set; } = 30 * 60_000;
    /// <summary>Chemotactic speed at a saturating signal, µm/ms.</summary>
    public double ChemotaxisUmPerMs { get; set; }
    /// <summary>Random-walk diffusivity of the cells, µm²/ms.</summary>
    public double RandomWalkUm2PerMs { get; set; }
    public List<SecretionSpec> Secretes { get; } = new();
}

/// <param name="EarlyUm">Released into the cell's grid cell as activation rises from 0 to 1 (a stored pool), µM.</param>
/// <param name="LateUm">Released per <paramref name="LateTauMs"/> at full synthesis (synthesis follows activation with that lag), µM.</param>
public sealed record SecretionSpec(string Field, double EarlyUm, double LateUm, double LateTauMs);
