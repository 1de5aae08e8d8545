namespace CircuitSim.Model;

public sealed class InterventionSpec
{
    public required string Name { get; set; }
    public double AtMs { get; set; }
    /// <summary>Drug name from the drug library, or null.</summary>
    public string? Drug { get; set; }
    public double Dose { get; set; }
    /// <summary>Key path → value (internal units), applied at <see cref="AtMs"/>.</summary>
    public List<KeyValuePair<string, double>> Set { get; } = new();
}
