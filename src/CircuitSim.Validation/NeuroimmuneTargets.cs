using CircuitSim.Recording;

namespace CircuitSim.Validation;

/// <summary>Reading the PSC metrics of a run.</summary>
public static class PscReading
{
    public static Metrics.PscResult Psc(this SimulationResult r, string name) =>
        (Metrics.PscResult)((Dictionary<string, object>)r.Extra["psc"])[name];
}

/// <summary>
/// V10, cytokines on synapses (Kawasaki et al. 2008 J Neurosci 28:5189), scenarios/cytokines.yaml: on lamina II SOM
/// cells, TNFα raises the sEPSC frequency (not the amplitude); IL-1β raises sEPSC frequency and amplitude and lowers
/// sIPSC frequency and amplitude; IL-6 lowers the sIPSC frequency. Measures are ratios to the control period.
/// </summary>
public sealed class CytokineSynapseTarget : ValidationTarget
{
    public override string Id => "V10";
    public override string Title => "TNFα, IL-1β and IL-6 on spontaneous EPSCs and IPSCs of lamina II neurons";
    public override string KeyMeasure => "il1b_sipsc_frequency";
    public override string[] MeasuredPopulations => new[] { "SOM" };

    public override Dictionary<string, double> Measure(ulong seed, IReadOnlyList<string> sets)
    {
        var r = Run("cytokines.yaml", seed, sets);
        var e0 = r.Psc("sepsc_control");
        var i0 = r.Psc("sipsc_control");
        var m = new Dictionary<string, double> { ["control_sepsc_hz"] = e0.FrequencyHz, ["control_sipsc_hz"] = i0.FrequencyHz };
        foreach (var c in new[] { "tnf", "il1b", "il6" })
        {
            var e = r.Psc($"sepsc_{c}");
            var i = r.Psc($"sipsc_{c}");
            m[$"{c}_sepsc_frequency"] = e.FrequencyHz / e0.FrequencyHz;
            m[$"{c}_sepsc_amplitude"] = e.MeanAmplitudeNs / e0.MeanAmplitudeNs;
            m[$"{c}_sipsc_frequency"] = i.FrequencyHz / i0.FrequencyHz;
            m[$"{c}_sipsc_amplitude"] = i.MeanAmplitudeNs / i0.MeanAmplitudeNs;
        }
        return m;
    }

    public override List<string> Check(IReadOnlyDictionary<string, double> m)
    {
        var f = new List<string>();
        Require(f, m["control_sepsc_hz"] >= 1 && m["control_sipsc_hz"] >= 0.3, $"spontaneous events to count: sEPSC {m["control_sepsc_hz"]:G3} Hz (≥ 1), sIPSC {m["control_sipsc_hz"]:G3} Hz (≥ 0.3)");
        Require(f, m["tnf_sepsc_frequency"] >= 1.2, $"TNFα raises sEPSC frequency: ×{m["tnf_sepsc_frequency"]:G3} (≥ 1.2)");
        Require(f, Math.Abs(m["tnf_sepsc_amplitude"] - 1) <= 0.05, $"TNFα leaves sEPSC amplitude: ×{m["tnf_sepsc_amplitude"]:G3} (within 5 %)");
        Require(f, m["il1b_sepsc_frequency"] >= 1.2, $"IL-1β raises sEPSC frequency: ×{m["il1b_sepsc_frequency"]:G3} (≥ 1.2)");
        Require(f, m["il1b_sepsc_amplitude"] >= 1.1, $"IL-1β raises sEPSC amplitude: ×{m["il1b_sepsc_amplitude"]:G3} (≥ 1.1)");
        Require(f, m["il1b_sipsc_frequency"] <= 0.85, $"IL-1β lowers sIPSC frequency: ×{m["il1b_sipsc_frequency"]:G3} (≤ 0.85)");
        Require(f, m["il1b_sipsc_amplitude"] <= 0.9, $"IL-1β lowers sIPSC amplitude: ×{m["il1b_sipsc_amplitude"]:G3} (≤ 0.9)");
        Require(f, m["il6_sipsc_frequency"] <= 0.85, $"IL-6 lowers sIPSC frequency: ×{m["il6_sipsc_frequency"]:G3} (≤ 0.85)");
        Require(f, Math.Abs(m["il6_sepsc_frequency"] - 1) <= 0.15, $"IL-6 leaves sEPSC frequency about alone: ×{m["il6_sepsc_frequency"]:G3} (within 15 %)");
        return f;
    }
}
