using CircuitSim.Model;

namespace CircuitSim.Scenarios;

/// <summary>The allowed range of a numeric key.</summary>
internal readonly record struct Limits(double Min, bool MinExclusive, double Max)
{
    public static readonly Limits None = new(double.NegativeInfinity, false, double.PositiveInfinity);
    public static readonly Limits NonNegative = new(0, false, double.PositiveInfinity);
    public static readonly Limits Positive = new(0, true, double.PositiveInfinity);
    public static readonly Limits Fraction = new(0, false, 1);

    /// <summary>"must be positive" etc. when <paramref name="v"/> is out of range, else null.</summary>
    public string? Violation(double v)
    {
        bool low = MinExclusive ? v <= Min : v < Min;
        if (!low && v <= Max) return null;
        if (Max == 1 && Min == 0) return "must be between 0 and 1";
        if (Min != 0) return $"must be {(MinExclusive ? "above" : "at least")} {Min.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        return MinExclusive ? "must be positive" : "must not be negative";
    }
}

/// <summary>A numeric key: its dimension and range.</summary>
internal sealed record NumKey(Dimension Dimension, Limits Limits)
{
    public static NumKey Of(Dimension d, Limits? l = null) => new(d, l ?? Limits.None);
}

/// <summary>
/// The numeric keys of each part of a scenario. The parser reads them with these dimensions and
/// ranges, and an intervention's <c>set</c> may change any of them during a run.
/// </summary>
internal static class NumericKeys
{
    public static readonly IReadOnlyDictionary<string, NumKey> Afferent = new Dictionary<string, NumKey>
    {
        ["conduction_distance"] = NumKey.Of(Dimension.Length, Limits.NonNegative),
        ["root_length"] = NumKey.Of(Dimension.Length, Limits.Positive),
        ["velocity"] = NumKey.Of(Dimension.Velocity, Limits.Positive),
        ["velocity_jitter"] = NumKey.Of(Dimension.Dimensionless, Limits.NonNegative),
        ["peptidergic"] = NumKey.Of(Dimension.Dimensionless, Limits.Fraction),
        ["ectopic_rate"] = NumKey.Of(Dimension.Frequency, Limits.NonNegative),
        ["ectopic_fraction"] = NumKey.Of(Dimension.Dimensionless, Limits.Fraction),
        ["slowing_per_spike"] = NumKey.Of(Dimension.Dimensionless, Limits.Fraction),
        ["slowing_recovery"] = NumKey.Of(Dimension.Time, Limits.Positive),
    };

    public static readonly IReadOnlyDictionary<string, NumKey> Descending = new Dictionary<string, NumKey>
    {
        ["rate"] = NumKey.Of(Dimension.Frequency, Limits.NonNegative),
        ["release"] = NumKey.Of(Dimension.Concentration, Limits.NonNegative),
    };

    /// <summary>Fields of a population's receptor definition (reversal may also be the word <c>chloride</c>).</summary>
    public static readonly IReadOnlyDictionary<string, NumKey> Receptor = new Dictionary<string, NumKey>
    {
        ["rise"] = NumKey.Of(Dimension.Time, Limits.NonNegative),
        ["decay"] = NumKey.Of(Dimension.Time, Limits.Positive),
        ["reversal"] = NumKey.Of(Dimension.Voltage),
        ["potentiation_max"] = NumKey.Of(Dimension.Dimensionless, Limits.NonNegative),
        ["potentiation_half"] = NumKey.Of(Dimension.Conductance, Limits.Positive),
        ["saturation"] = NumKey.Of(Dimension.Conductance, Limits.Positive),
        ["calcium_fraction"] = NumKey.Of(Dimension.Dimensionless, Limits.Fraction),
    };

    public static readonly NumKey SynapticConductance = NumKey.Of(Dimension.Conductance, Limits.NonNegative);

    public static readonly IReadOnlyDictionary<string, NumKey> Projection = new Dictionary<string, NumKey>
    {
        ["delay"] = NumKey.Of(Dimension.Time, Limits.NonNegative),
        ["weight_jitter"] = NumKey.Of(Dimension.Dimensionless, Limits.NonNegative),
        ["release_probability"] = NumKey.Of(Dimension.Dimensionless, new Limits(0, true, 1)),
    };

    public static readonly NumKey StimulusStart = NumKey.Of(Dimension.Time, Limits.NonNegative);

    /// <summary>The keys that every repetitive electrical stimulation (scs, tens, drg) shares.</summary>
    private static readonly Dictionary<string, NumKey> Repetitive = new()
    {
        ["frequency"] = NumKey.Of(Dimension.Frequency, Limits.Positive),
        ["width"] = NumKey.Of(Dimension.Time, Limits.Positive),
        ["duration"] = NumKey.Of(Dimension.Time, Limits.Positive),
        ["burst_frequency"] = NumKey.Of(Dimension.Frequency, Limits.Positive),
        ["relative_refractory"] = NumKey.Of(Dimension.Time, Limits.Positive),
    };

    public static readonly IReadOnlyDictionary<StimulusProtocol, IReadOnlyDictionary<string, NumKey>> Stimulus =
        new Dictionary<StimulusProtocol, IReadOnlyDictionary<string, NumKey>>
        {
            [StimulusProtocol.PulseTrain] = new Dictionary<string, NumKey>
            {
                ["frequency"] = NumKey.Of(Dimension.Frequency, Limits.Positive),
                ["width"] = NumKey.Of(Dimension.Time, Limits.Positive),
                ["fraction"] = NumKey.Of(Dimension.Dimensionless, Limits.Fraction),
            },
            [StimulusProtocol.Poisson] = new Dictionary<string, NumKey>
            {
                ["rate"] = NumKey.Of(Dimension.Frequency, Limits.NonNegative),
                ["duration"] = NumKey.Of(Dimension.Time, Limits.Positive),
            },
            [StimulusProtocol.Current] = new Dictionary<string, NumKey>
            {
                ["amplitude"] = NumKey.Of(Dimension.Current),
                ["duration"] = NumKey.Of(Dimension.Time, Limits.Positive),
            },
            [StimulusProtocol.Scs] = new Dictionary<string, NumKey>(Repetitive)
            {
                ["amplitude"] = NumKey.Of(Dimension.Dimensionless, Limits.NonNegative),
                ["threshold"] = NumKey.Of(Dimension.Dimensionless, Limits.Positive),
                ["threshold_spread"] = NumKey.Of(Dimension.Dimensionless, Limits.NonNegative),
                ["chronaxie"] = NumKey.Of(Dimension.Time, Limits.Positive),
            },
            [StimulusProtocol.Drg] = Repetitive,
            [StimulusProtocol.Tens] = Repetitive,
            [StimulusProtocol.Natural] = new Dictionary<string, NumKey>
            {
                ["force"] = NumKey.Of(Dimension.Force, Limits.Positive),
                ["temperature"] = NumKey.Of(Dimension.Temperature),
                ["duration"] = NumKey.Of(Dimension.Time, Limits.Positive),
            },
        };
}
