using CircuitSim.Model;
using CircuitSim.Scenarios;

namespace CircuitSim.Tests.Scenarios;

public class UnitsTests
{
    [Theory]
    // time → ms
    [InlineData("5 ms", Dimension.Time, 5)]
    [InlineData("5ms", Dimension.Time, 5)]
    [InlineData("1 s", Dimension.Time, 1000)]
    [InlineData("1e-3 s", Dimension.Time, 1)]
    [InlineData("2 min", Dimension.Time, 120_000)]
    [InlineData("1 h", Dimension.Time, 3_600_000)]
    [InlineData("500 us", Dimension.Time, 0.5)]
    [InlineData("500µs", Dimension.Time, 0.5)]
    // voltage → mV
    [InlineData("-65 mV", Dimension.Voltage, -65)]
    [InlineData("-65mV", Dimension.Voltage, -65)]
    [InlineData("-0.065 V", Dimension.Voltage, -65)]
    [InlineData("500 uV", Dimension.Voltage, 0.5)]
    // conductance → nS
    [InlineData("0.6 nS", Dimension.Conductance, 0.6)]
    [InlineData("1 uS", Dimension.Conductance, 1000)]
    [InlineData("2 µS", Dimension.Conductance, 2000)]
    [InlineData("200 pS", Dimension.Conductance, 0.2)]
    [InlineData("1 mS", Dimension.Conductance, 1e6)]
    [InlineData("1e-9 S", Dimension.Conductance, 1)]
    // capacitance → pF
    [InlineData("200 pF", Dimension.Capacitance, 200)]
    [InlineData("0.2nF", Dimension.Capacitance, 200)]
    [InlineData("1 uF", Dimension.Capacitance, 1e6)]
    [InlineData("1 µF", Dimension.Capacitance, 1e6)]
    // current → pA
    [InlineData("100 pA", Dimension.Current, 100)]
    [InlineData("1.5 nA", Dimension.Current, 1500)]
    [InlineData("1 uA", Dimension.Current, 1e6)]
    [InlineData("2 mA", Dimension.Current, 2e9)]
    [InlineData("1e-12 A", Dimension.Current, 1)]
    // frequency → Hz
    [InlineData("1 Hz", Dimension.Frequency, 1)]
    [InlineData("0.1Hz", Dimension.Frequency, 0.1)]
    [InlineData("2 kHz", Dimension.Frequency, 2000)]
    [InlineData("500 mHz", Dimension.Frequency, 0.5)]
    // length → µm
    [InlineData("100 um", Dimension.Length, 100)]
    [InlineData("100 µm", Dimension.Length, 100)]
    [InlineData("50 mm", Dimension.Length, 50_000)]
    [InlineData("1 cm", Dimension.Length, 10_000)]
    [InlineData("0.05 m", Dimension.Length, 50_000)]
    [InlineData("500 nm", Dimension.Length, 0.5)]
    // concentration → µM
    [InlineData("1 uM", Dimension.Concentration, 1)]
    [InlineData("1 µM", Dimension.Concentration, 1)]
    [InlineData("100 nM", Dimension.Concentration, 0.1)]
    [InlineData("1 mM", Dimension.Concentration, 1000)]
    [InlineData("1e-6 M", Dimension.Concentration, 1)]
    // velocity → m/s
    [InlineData("1 m/s", Dimension.Velocity, 1)]
    [InlineData("0.5 mm/ms", Dimension.Velocity, 0.5)]
    [InlineData("500 um/ms", Dimension.Velocity, 0.5)]
    // diffusivity → µm²/s
    [InlineData("1000 um^2/s", Dimension.Diffusivity, 1000)]
    [InlineData("1000 µm²/s", Dimension.Diffusivity, 1000)]
    [InlineData("1e-3 mm^2/s", Dimension.Diffusivity, 1000)]
    // force → mN
    [InlineData("10 mN", Dimension.Force, 10)]
    [InlineData("0.1 N", Dimension.Force, 100)]
    // temperature → °C
    [InlineData("37 degC", Dimension.Temperature, 37)]
    [InlineData("37 °C", Dimension.Temperature, 37)]
    // dose → mg/kg
    [InlineData("0.15 mg/kg", Dimension.Dose, 0.15)]
    [InlineData("150 ug/kg", Dimension.Dose, 0.15)]
    [InlineData("150 µg/kg", Dimension.Dose, 0.15)]
    // dimensionless: bare numbers only
    [InlineData("0.5", Dimension.Dimensionless, 0.5)]
    [InlineData("-3", Dimension.Dimensionless, -3)]
    [InlineData("2e3", Dimension.Dimensionless, 2000)]
    public void Parse_converts_to_internal_units(string text, Dimension dim, double expected)
    {
        Assert.Equal(expected, Units.Parse(text, dim), 9);
        Assert.True(Units.TryParse(text, out double v, out var d));
        Assert.Equal(dim, d);
        Assert.Equal(expected, v, 9);
    }

    [Fact]
    public void Bare_number_for_a_dimensioned_quantity_is_an_error()
    {
        var e = Assert.Throws<FormatException>(() => Units.Parse("5", Dimension.Time));
        Assert.Equal("expected a Time (e.g. '5 ms'), found the bare number '5' without a unit", e.Message);
    }

    [Fact]
    public void Wrong_dimension_names_expected_and_found()
    {
        var e = Assert.Throws<FormatException>(() => Units.Parse("5 mV", Dimension.Time));
        Assert.Equal("expected a Time (e.g. '5 ms'), found '5 mV', a Voltage", e.Message);
    }

    [Fact]
    public void Quantity_for_a_dimensionless_value_is_an_error()
    {
        var e = Assert.Throws<FormatException>(() => Units.Parse("0.5 ms", Dimension.Dimensionless));
        Assert.Equal("expected a dimensionless number, found '0.5 ms', a Time", e.Message);
    }

    [Fact]
    public void Unknown_unit_lists_the_units_of_the_dimension()
    {
        var e = Assert.Throws<FormatException>(() => Units.Parse("5 sec", Dimension.Time));
        Assert.Contains("unknown unit 'sec'", e.Message);
        Assert.Contains("Time units are ms, s, min, h, d, day, days, us", e.Message);
    }

    [Fact]
    public void Units_are_case_sensitive_with_a_hint()
    {
        Assert.Equal(1e6, Units.Parse("1 mS", Dimension.Conductance));
        Assert.Equal(1, Units.Parse("1 ms", Dimension.Time));
        var e = Assert.Throws<FormatException>(() => Units.Parse("-65 mv", Dimension.Voltage));
        Assert.Contains("did you mean 'mV'?", e.Message);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData("ms")]
    [InlineData("1.2.3 ms")]
    public void Text_that_is_not_a_number_is_rejected(string text)
    {
        Assert.False(Units.TryParse(text, out _, out _));
        var e = Assert.Throws<FormatException>(() => Units.Parse(text, Dimension.Time));
        Assert.Contains("not a number", e.Message);
    }

    [Fact]
    public void TryParse_reports_the_dimension_it_found()
    {
        Assert.True(Units.TryParse("  20 Hz ", out double v, out var d));
        Assert.Equal((20.0, Dimension.Frequency), (v, d));
        Assert.True(Units.TryParse("7", out v, out d));
        Assert.Equal((7.0, Dimension.Dimensionless), (v, d));
        Assert.False(Units.TryParse("5 furlongs", out _, out _));
    }
}
