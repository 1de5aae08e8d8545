using System.Globalization;
using System.Text.RegularExpressions;
using CircuitSim.Model;

namespace CircuitSim.Scenarios;

/// <summary>
/// Quantities with units, as written in scenarios: <c>"5 ms"</c>, <c>"-65 mV"</c>, <c>"1e-3 s"</c>,
/// <c>"0.6nS"</c>. Every unit converts to the internal system of <see cref="Dimension"/>
/// (ms, mV, nS, pF, pA, Hz, µm, µM, m/s, µm²/s, mN, °C, mg/kg). Unit symbols are case-sensitive
/// (<c>ms</c> is a millisecond, <c>mS</c> a millisiemens). A bare number is dimensionless.
/// </summary>
public static partial class Units
{
    private sealed record UnitDef(Dimension Dimension, double Factor);

    private static readonly Dictionary<Dimension, List<string>> Order = new();
    private static readonly Dictionary<string, UnitDef> Table = BuildTable();

    /// <summary>Every unit symbol accepted for a dimension, in a readable order.</summary>
    public static IReadOnlyList<string> SymbolsOf(Dimension dimension) =>
        Order.TryGetValue(dimension, out var list) ? list : Array.Empty<string>();


    private static Dictionary<string, UnitDef> BuildTable()
    {
        var t = new Dictionary<string, UnitDef>(StringComparer.Ordinal);
        void Add(Dimension d, double factor, params string[] symbols)
        {
            foreach (var s in symbols)
            {
                t.Add(s, new UnitDef(d, factor));
                if (!Order.TryGetValue(d, out var list)) Order[d] = list = new List<string>();
                list.Add(s);
            }
        }
        // The micro sign (U+00B5) and the Greek mu (U+03BC) are both accepted, as is 'u'.
        Add(Dimension.Time, 1, "ms");
        Add(Dimension.Time, 1000, "s");
        Add(Dimension.Time, 60_000, "min");
        Add(Dimension.Time, 3_600_000, "h");
        Add(Dimension.Time, 86_400_000, "d", "day", "days"); // glial and expression time constants
        Add(Dimension.Time, 1e-3, "us", "µs", "μs");

        Add(Dimension.Voltage, 1, "mV");
        Add(Dimension.Voltage, 1000, "V");
        Add(Dimension.Voltage, 1e-3, "uV", "µV", "μV");

        Add(Dimension.Conductance, 1, "nS");
        Add(Dimension.Conductance, 1e-3, "pS");
        Add(Dimension.Conductance, 1e3, "uS", "µS", "μS");
        Add(Dimension.Conductance, 1e6, "mS");
        Add(Dimension.Conductance, 1e9, "S");

        Add(Dimension.Capacitance, 1, "pF");
        Add(Dimension.Capacitance, 1e3, "nF");
        Add(Dimension.Capacitance, 1e6, "uF", "µF", "μF");
        Add(Dimension.Capacitance, 1e12, "F");

        Add(Dimension.Current, 1, "pA");
        Add(Dimension.Current, 1e3, "nA");
        Add(Dimension.Current, 1e6, "uA", "µA", "μA");
        Add(Dimension.Current, 1e9, "mA");
        Add(Dimension.Current, 1e12, "A");

        Add(Dimension.Frequency, 1, "Hz");
        Add(Dimension.Frequency, 1e3, "kHz");
        Add(Dimension.Frequency, 1e-3, "mHz");
        Add(Dimension.Frequency, 1.0 / 3600, "/h");
        Add(Dimension.Frequency, 1.0 / 86_400, "/d", "/day"); // glial rates: divisions per day

        Add(Dimension.Length, 1, "um", "µm", "μm");
        Add(Dimension.Length, 1e-3, "nm");
        Add(Dimension.Length, 1e3, "mm");
        Add(Dimension.Length, 1e4, "cm");
        Add(Dimension.Length, 1e6, "m");

        Add(Dimension.Concentration, 1, "uM", "µM", "μM");
        Add(Dimension.Concentration, 1e-6, "pM");
        Add(Dimension.Concentration, 1e-3, "nM");
        Add(Dimension.Concentration, 1e3, "mM");
        Add(Dimension.Concentration, 1e6, "M");

        Add(Dimension.Velocity, 1, "m/s", "mm/ms");
        Add(Dimension.Velocity, 1e-3, "um/ms", "µm/ms", "μm/ms", "mm/s");
        Add(Dimension.Velocity, 1e-2, "cm/s");
        Add(Dimension.Velocity, 1e-6, "um/s", "µm/s", "μm/s");
        Add(Dimension.Velocity, 1e-6 / 60, "um/min", "µm/min", "μm/min"); // microglial processes and cells

        Add(Dimension.Diffusivity, 1, "um^2/s", "µm^2/s", "μm^2/s", "um²/s", "µm²/s", "μm²/s");
        Add(Dimension.Diffusivity, 1e6, "mm^2/s", "mm²/s");
        Add(Dimension.Diffusivity, 1.0 / 60, "um^2/min", "µm^2/min", "μm^2/min", "um²/min", "µm²/min", "μm²/min");
        Add(Dimension.Diffusivity, 1e8, "cm^2/s", "cm²/s");
        Add(Dimension.Diffusivity, 1e12, "m^2/s", "m²/s");

        Add(Dimension.Force, 1, "mN");
        Add(Dimension.Force, 1e-3, "uN", "µN", "μN");
        Add(Dimension.Force, 1e3, "N");

        Add(Dimension.Temperature, 1, "degC", "°C", "℃");

        Add(Dimension.ConcentrationRate, 1, "uM/ms", "µM/ms", "μM/ms");
        Add(Dimension.ConcentrationRate, 1e-3, "uM/s", "µM/s", "μM/s", "nM/ms");
        Add(Dimension.ConcentrationRate, 1e-6, "nM/s");
        Add(Dimension.ConcentrationRate, 1e-3 / 60, "uM/min", "µM/min", "μM/min");
        Add(Dimension.ConcentrationRate, 1e-6 / 60, "nM/min");
        Add(Dimension.ConcentrationPerCharge, 1, "uM/fC", "µM/fC", "μM/fC");
        Add(Dimension.ConcentrationPerCharge, 1e-3, "uM/pC", "µM/pC", "μM/pC", "nM/fC");

        Add(Dimension.Charge, 1, "fC");
        Add(Dimension.Charge, 1e3, "pC");
        Add(Dimension.Charge, 1e6, "nC");

        Add(Dimension.Dose, 1, "mg/kg");
        Add(Dimension.Dose, 1e-3, "ug/kg", "µg/kg", "μg/kg");
        Add(Dimension.Dose, 1e3, "g/kg");
        return t;
    }

    [GeneratedRegex(@"^\s*(?<num>[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)\s*(?<unit>[^\d.+\-\s](?:.*\S)?)?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex QuantityRegex();

    /// <summary>
    /// Reads a number with an optional unit. A bare number is <see cref="Dimension.Dimensionless"/>;
    /// <paramref name="value"/> is in the internal unit of <paramref name="dim"/>.
    /// False for text that is not a number, or whose unit is unknown.
    /// </summary>
    public static bool TryParse(string text, out double value, out Dimension dim)
    {
        value = 0;
        dim = Dimension.Dimensionless;
        if (!TrySplit(text, out double number, out string? unit)) return false;
        if (unit is null)
        {
            value = number;
            return true;
        }
        if (!Table.TryGetValue(unit, out var def)) return false;
        value = number * def.Factor;
        dim = def.Dimension;
        return true;
    }

    /// <summary>
    /// Reads a quantity of the expected dimension and returns it in that dimension's internal
    /// unit. Throws <see cref="FormatException"/> saying what was expected and what was found:
    /// not a number, an unknown unit, a missing unit, or a unit of another dimension.
    /// </summary>
    public static double Parse(string text, Dimension expected)
    {
        if (!TrySplit(text, out double number, out string? unit))
            throw new FormatException($"expected {Describe(expected)}, found '{text}', which is not a number{(expected == Dimension.Dimensionless ? "" : " with a unit")}");
        if (unit is null)
        {
            if (expected == Dimension.Dimensionless) return number;
            throw new FormatException($"expected {Describe(expected)}, found the bare number '{text.Trim()}' without a unit");
        }
        if (!Table.TryGetValue(unit, out var def))
        {
            string hint = "";
            var ci = Table.Keys.FirstOrDefault(k => string.Equals(k, unit, StringComparison.OrdinalIgnoreCase));
            if (ci is not null) hint = $" (units are case-sensitive: did you mean '{ci}'?)";
            string known = expected == Dimension.Dimensionless
                ? ""
                : $"; {expected} units are {string.Join(", ", SymbolsOf(expected))}";
            throw new FormatException($"expected {Describe(expected)}, found '{text.Trim()}' with the unknown unit '{unit}'{hint}{known}");
        }
        if (def.Dimension != expected)
        {
            if (expected == Dimension.Dimensionless)
                throw new FormatException($"expected a dimensionless number, found '{text.Trim()}', a {def.Dimension}");
            throw new FormatException($"expected {Describe(expected)}, found '{text.Trim()}', a {def.Dimension}");
        }
        return number * def.Factor;
    }

    /// <summary>"a Time (e.g. '5 ms')": how a dimension is named in messages.</summary>
    public static string Describe(Dimension d) => d switch
    {
        Dimension.Dimensionless => "a dimensionless number",
        _ => $"a {d} (e.g. '{Example(d)}')",
    };

    /// <summary>An example quantity of a dimension, for messages and documentation.</summary>
    public static string Example(Dimension d) => d switch
    {
        Dimension.Dimensionless => "0.5",
        Dimension.Time => "5 ms",
        Dimension.Voltage => "-65 mV",
        Dimension.Conductance => "0.5 nS",
        Dimension.Capacitance => "200 pF",
        Dimension.Current => "100 pA",
        Dimension.Frequency => "10 Hz",
        Dimension.Length => "50 mm",
        Dimension.Concentration => "1 uM",
        Dimension.Velocity => "1 m/s",
        Dimension.Diffusivity => "1000 um^2/s",
        Dimension.Force => "10 mN",
        Dimension.Temperature => "37 degC",
        Dimension.Dose => "0.15 mg/kg",
        _ => "?",
    };

    private static bool TrySplit(string text, out double number, out string? unit)
    {
        number = 0;
        unit = null;
        var m = QuantityRegex().Match(text);
        if (!m.Success) return false;
        if (!double.TryParse(m.Groups["num"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out number)
            || double.IsInfinity(number) || double.IsNaN(number))
            return false;
        if (m.Groups["unit"].Success) unit = m.Groups["unit"].Value;
        return true;
    }
}
