namespace CircuitSim.Model;

public sealed class InterventionSpec
{
    public required string Name { get; set; }
    public double AtMs { get; set; }
    /// <summary>Drug name from the drug library, or null.</summary>
    public string? Drug { get; set; }
    public double Dose { get; set; }
    /// <summary>What <see cref="Dose"/> is: a fraction of each target occupied, a free concentration (µM), or mg/kg.</summary>
    public DoseKind DoseKind { get; set; } = DoseKind.Fraction;
    /// <summary>How a systemic dose is given: intravenous bolus, or absorbed (intraperitoneal, oral).</summary>
    public DrugRoute Route { get; set; } = DrugRoute.Intravenous;
    /// <summary>Key path → value (internal units), applied at <see cref="AtMs"/>.</summary>
    public List<KeyValuePair<string, double>> Set { get; } = new();
}
