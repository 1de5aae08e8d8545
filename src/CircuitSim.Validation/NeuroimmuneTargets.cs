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

/// <summary>
/// V9, microglia → BDNF → disinhibition (Coull et al. 2003, 2005; Keller et al. 2007; Trang et al. 2009),
/// scenarios/microglia-nerve-injury.yaml: after a nerve injury, microglia activated by CSF1 and ATP release BDNF, the
/// projection neurons' anion reversal rises to about −50 mV and touch comes to excite them; a TrkB antagonist or a
/// P2X4 antagonist given before the injury prevents it. Touch-evoked firing is the PN spikes per neuron during the
/// touch train minus what the ongoing rate of the 20 s before it (driven by the ectopic input) gives in as long a window.
/// </summary>
public sealed class MicrogliaDisinhibitionTarget : ValidationTarget
{
    public override string Id => "V9";
    public override string Title => "microglia → BDNF → KCC2: touch excites lamina I projection neurons after nerve injury";
    public override string KeyMeasure => "touch_evoked_after";
    public override string[] MeasuredPopulations => new[] { "PN" };

    public override Dictionary<string, double> Measure(ulong seed, IReadOnlyList<string> sets)
    {
        var r = Run("microglia-nerve-injury.yaml", seed, sets);
        var trkb = Run("microglia-nerve-injury.yaml", seed, sets, "interventions.trkb={at: 5 s, drug: TrkB_antagonist, dose: 0.95}");
        var p2x4 = Run("microglia-nerve-injury.yaml", seed, sets, "interventions.p2x4={at: 5 s, drug: P2X4_antagonist, dose: 0.95}");
        return new Dictionary<string, double>
        {
            ["touch_before"] = r.Response("touch_before"),
            ["responding_before"] = Responding(r, 1000, 3100, 0, 1000),
            ["responding_after"] = Responding(r, 180_000, 182_100, 160_000, 180_000),
            ["touch_evoked_after"] = r.TouchEvoked(),
            ["pn_e_anion_after_mV"] = r.FinalEAnion("PN"),
            ["microglia_activation"] = r.Microglia!.Activation[^1].Where(a => !float.IsNaN(a)).Average(a => (double)a),
            ["touch_evoked_trkb_block"] = trkb.TouchEvoked(),
            ["pn_e_anion_trkb_block_mV"] = trkb.FinalEAnion("PN"),
            ["touch_evoked_p2x4_block"] = p2x4.TouchEvoked(),
        };
    }

    /// <summary>
    /// The fraction of projection neurons that answer touch: at least one spike more in the touch window than their own
    /// ongoing rate in the baseline window gives in as long a window (Keller et al. 2007 count a neuron as responsive
    /// when brushing raises its firing).
    /// </summary>
    private static double Responding(SimulationResult r, double from, double to, double baseFrom, double baseTo)
    {
        var pn = r.Spikes("PN");
        var touch = new int[pn.Size];
        var ongoing = new int[pn.Size];
        for (int k = 0; k < pn.TimesMs.Length; k++)
        {
            double t = pn.TimesMs[k];
            if (t >= from && t < to) touch[pn.NodeIds[k]]++;
            if (t >= baseFrom && t < baseTo) ongoing[pn.NodeIds[k]]++;
        }
        double scale = (to - from) / (baseTo - baseFrom);
        return Enumerable.Range(0, pn.Size).Count(i => touch[i] >= ongoing[i] * scale + 1) / (double)pn.Size;
    }

    public override List<string> Check(IReadOnlyDictionary<string, double> m)
    {
        var f = new List<string>();
        Require(f, m["responding_before"] <= 0.1, $"no projection neuron answers touch before the injury: {m["responding_before"]:P0} (≤ 10 %)");
        Require(f, m["responding_after"] >= 0.4, $"after injury most answer it: {m["responding_after"]:P0} (≥ 40 %; Keller et al. 2007: 58 %)");
        Require(f, m["touch_before"] <= 0.1, $"projection neurons ignore touch before the injury: {m["touch_before"]:G3} spikes/neuron (≤ 0.1)");
        Require(f, m["microglia_activation"] >= 0.5, $"microglia activate: mean {m["microglia_activation"]:G3} (≥ 0.5)");
        Require(f, m["pn_e_anion_after_mV"] is >= -56 and <= -42, $"PN anion reversal after injury {m["pn_e_anion_after_mV"]:G3} mV (about −50: −56 to −42)");
        Require(f, m["touch_evoked_after"] >= 1, $"touch excites the projection neurons after injury: {m["touch_evoked_after"]:G3} spikes/neuron per train (≥ 1)");
        Require(f, m["touch_evoked_trkb_block"] <= 0.3 * m["touch_evoked_after"], $"TrkB block prevents it: {m["touch_evoked_trkb_block"]:G3} (≤ 30 % of {m["touch_evoked_after"]:G3})");
        Require(f, m["pn_e_anion_trkb_block_mV"] <= -62, $"and keeps the anion reversal: {m["pn_e_anion_trkb_block_mV"]:G3} mV (≤ −62)");
        Require(f, m["touch_evoked_p2x4_block"] <= 0.3 * m["touch_evoked_after"], $"P2X4 block prevents it: {m["touch_evoked_p2x4_block"]:G3} (≤ 30 % of {m["touch_evoked_after"]:G3})");
        return f;
    }
}

/// <summary>Reading responses and chloride of a run.</summary>
public static class NeuroimmuneReading
{
    public static double Response(this SimulationResult r, string name) =>
        ((Metrics.ResponseResult)((Dictionary<string, object>)r.Extra["response"])[name]).SpikesPerNeuron;

    /// <summary>
    /// PN spikes per neuron in the 2.1 s touch window (<c>touch_after</c>) minus what the ongoing rate of the 20 s
    /// before it (<c>ongoing_after</c>, driven by the ectopic input) gives in as long a window.
    /// </summary>
    public static double TouchEvoked(this SimulationResult r) => r.Response("touch_after") - r.ResponseRate("ongoing_after") * 2.1;

    public static double ResponseRate(this SimulationResult r, string name) =>
        ((Metrics.ResponseResult)((Dictionary<string, object>)r.Extra["response"])[name]).RateHz;

    /// <summary>A population's mean anion reversal at the last chloride sample, mV.</summary>
    public static double FinalEAnion(this SimulationResult r, string population)
    {
        var t = r.Substances ?? throw new InvalidOperationException("the run recorded no chloride");
        int q = Array.IndexOf(t.ChlorideColumns, $"{population}_E_anion_mV");
        if (q < 0) throw new InvalidOperationException($"{population} has no chloride");
        return t.Chloride[t.Chloride.GetLength(0) - 1, q];
    }
}

/// <summary>
/// V11, minocycline timing (Raghavendra, Tanga &amp; DeLeo 2003 JPET 306:624), scenarios/minocycline-timing.yaml: a
/// microglial inhibitor from before the nerve injury lowers microglial activation and the hypersensitivity (here the
/// touch-evoked firing of lamina I projection neurons on day 10); from day 5 it still suppresses the microglia, but the
/// published result is that the hypersensitivity is not reversed. The model reverses it (a known deviation): once
/// the microglia are held down, BDNF falls, KCC2 recovers within a day and touch no longer excites the projection
/// neurons; the astrocytes' IL-1β, which stays, is too weak on its own. A mechanism that keeps the chloride shift or
/// the disinhibition without microglia is missing.
/// </summary>
public sealed class MinocyclineTimingTarget : ValidationTarget
{
    public override string Id => "V11";
    public override string Title => "minocycline before injury prevents hypersensitivity; from day 5 it suppresses microglia only";
    public override string KeyMeasure => "late_touch_ratio";
    public override string[] MeasuredPopulations => new[] { "PN" };

    public override Dictionary<string, double> Measure(ulong seed, IReadOnlyList<string> sets)
    {
        double Microglia(SimulationResult r) => r.Microglia!.Activation[^1].Where(a => !float.IsNaN(a)).Average(a => (double)a);
        double Astrocytes(SimulationResult r) => r.Astrocytes!.Activation[^1].Where(a => !float.IsNaN(a)).Average(a => (double)a);
        var vehicle = Run("minocycline-timing.yaml", seed, sets);
        var early = Run("minocycline-timing.yaml", seed, sets, "interventions.mino={at: 4 s, drug: minocycline, dose: 0.95}");
        var late = Run("minocycline-timing.yaml", seed, sets, "interventions.mino={at: 105 s, drug: minocycline, dose: 0.95}");
        double v = vehicle.TouchEvoked();
        return new Dictionary<string, double>
        {
            ["vehicle_touch_evoked"] = v,
            ["vehicle_microglia"] = Microglia(vehicle),
            ["vehicle_astrocytes"] = Astrocytes(vehicle),
            ["early_touch_ratio"] = early.TouchEvoked() / v,
            ["early_microglia_ratio"] = Microglia(early) / Microglia(vehicle),
            ["late_touch_ratio"] = late.TouchEvoked() / v,
            ["late_microglia_ratio"] = Microglia(late) / Microglia(vehicle),
            ["late_astrocytes_ratio"] = Astrocytes(late) / Astrocytes(vehicle),
            ["late_pn_e_anion_mV"] = late.FinalEAnion("PN"),
            ["vehicle_pn_e_anion_mV"] = vehicle.FinalEAnion("PN"),
        };
    }

    public override List<string> Check(IReadOnlyDictionary<string, double> m)
    {
        var f = new List<string>();
        Require(f, m["vehicle_touch_evoked"] >= 3, $"hypersensitivity after injury: touch evokes {m["vehicle_touch_evoked"]:G3} spikes/neuron (≥ 3)");
        Require(f, m["vehicle_astrocytes"] >= 0.5, $"astrocytes reactive by day 10: {m["vehicle_astrocytes"]:G3} (≥ 0.5)");
        Require(f, m["early_microglia_ratio"] <= 0.5, $"minocycline before injury suppresses microglia: ×{m["early_microglia_ratio"]:G3} (≤ 0.5)");
        Require(f, m["early_touch_ratio"] <= 0.5, $"and the hypersensitivity: ×{m["early_touch_ratio"]:G3} (≤ 0.5)");
        Require(f, m["late_microglia_ratio"] <= 0.5, $"minocycline from day 5 suppresses microglia too: ×{m["late_microglia_ratio"]:G3} (≤ 0.5)");
        Require(f, m["late_astrocytes_ratio"] >= 0.7, $"but not the astrocytes: ×{m["late_astrocytes_ratio"]:G3} (≥ 0.7)");
        return f;
    }

    public override List<string> KnownDeviations(IReadOnlyDictionary<string, double> m)
    {
        var d = new List<string>();
        if (m["late_touch_ratio"] < 0.7)
            d.Add($"from day 5 minocycline reverses the hypersensitivity here (touch ×{m["late_touch_ratio"]:G3} of vehicle; published: not reversed): " +
                  $"the anion reversal recovers to {m["late_pn_e_anion_mV"]:G3} mV (vehicle {m["vehicle_pn_e_anion_mV"]:G3})");
        return d;
    }
}
