namespace CircuitSim.Model;

/// <summary>
/// Physical dimension of a scenario quantity. The engine works in one internal system:
/// ms, mV, nS, pF, pA, Hz, µm, µM, m/s; the scenario loader converts every unit to these.
/// </summary>
public enum Dimension
{
    Dimensionless,
    Time,          // ms
    Voltage,       // mV
    Conductance,   // nS
    Capacitance,   // pF
    Current,       // pA
    Frequency,     // Hz
    Length,        // µm
    Concentration, // µM
    Velocity,      // m/s
    Diffusivity,   // µm²/s
    Force,         // mN
    Temperature,   // °C
    Dose,          // mg/kg
    ConcentrationPerCharge, // µM/fC: calcium concentration per charge carried in (a cell's effective volume)
    Charge,        // fC
    ConcentrationRate, // µM/ms: a steady leak into a grid cell
}

public static class DimensionInfo
{
    /// <summary>The internal unit symbol of a dimension, as used in messages and documentation.</summary>
    public static string InternalUnit(this Dimension d) => d switch
    {
        Dimension.Dimensionless => "1",
        Dimension.Time => "ms",
        Dimension.Voltage => "mV",
        Dimension.Conductance => "nS",
        Dimension.Capacitance => "pF",
        Dimension.Current => "pA",
        Dimension.Frequency => "Hz",
        Dimension.Length => "um",
        Dimension.Concentration => "uM",
        Dimension.Velocity => "m/s",
        Dimension.Diffusivity => "um^2/s",
        Dimension.Force => "mN",
        Dimension.Temperature => "degC",
        Dimension.Dose => "mg/kg",
        Dimension.ConcentrationPerCharge => "uM/fC",
        Dimension.Charge => "fC",
        Dimension.ConcentrationRate => "uM/ms",
        _ => "?",
    };
}
