namespace CircuitSim.Validation;

/// <summary>The targets of shared/VALIDATION.md that the base circuit reproduces, in order.</summary>
public static class Targets
{
    public static IReadOnlyList<ValidationTarget> All { get; } = new ValidationTarget[]
    {
        new WindupTarget(), new KetamineTarget(), new Nk1SlowEpspTarget(), new GateControlTarget(),
        new DisinhibitionTarget(), new ChlorideShiftTarget(), new MicrogliaDisinhibitionTarget(), new CytokineSynapseTarget(), new MinocyclineTimingTarget(),
    };

    public static ValidationTarget Find(string id) =>
        All.FirstOrDefault(t => string.Equals(t.Id, id, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"no validation target '{id}' (known: {string.Join(", ", All.Select(t => t.Id))})");

    /// <summary>Seeds the circuit's parameters were tuned on; the tests use others (<see cref="TestSeeds"/>).</summary>
    public static readonly ulong[] TuningSeeds = { 1, 2, 3, 4, 5 };
    /// <summary>Seeds the tests assert on: network realisations never used for tuning.</summary>
    public static readonly ulong[] TestSeeds = { 11, 12, 13, 14, 15 };
}

/// <summary>
/// V1, wind-up (Mendell 1966; Herrero, Laird &amp; Lopez-Garcia 2000; Aguiar et al. 2010): 16 C-strength
/// pulses at 1 Hz make the C-evoked WDR response rise progressively (last several times the first); at
/// 0.1 Hz nothing rises. WDR neurons also answer the Aβ volley.
/// </summary>
public sealed class WindupTarget : ValidationTarget
{
    public override string Id => "V1";
    public override string Title => "wind-up of WDR neurons at 1 Hz, not at 0.1 Hz";
    public override string KeyMeasure => "ratio_last_first";
    public override string[] MeasuredPopulations => new[] { "WDR" };

    public override Dictionary<string, double> Measure(ulong seed, IReadOnlyList<string> sets)
    {
        var r = Run("windup.yaml", seed, sets);
        var fast = r.Windup("windup_fast");
        var slow = r.Windup("windup_slow");
        var c = fast.SpikesPerStimulus;
        var q = Enumerable.Range(0, 4).Select(k => c.Skip(4 * k).Take(4).Average()).ToArray();
        return new Dictionary<string, double>
        {
            ["first"] = c[0],
            ["last3"] = c.Skip(c.Length - 3).Average(),
            ["ratio_last_first"] = fast.RatioLastFirst ?? double.NaN,
            ["index_1Hz"] = fast.WindupIndex,
            ["index_0.1Hz"] = slow.WindupIndex,
            ["quarter_rise_min"] = Enumerable.Range(1, 3).Min(k => q[k] - q[k - 1]),
            ["abeta_response"] = fast.ByWindow.TryGetValue("Abeta", out var ab) ? ab.Average() : double.NaN,
            ["adelta_response"] = fast.ByWindow.TryGetValue("Adelta", out var ad) ? ad.Average() : double.NaN,
            ["after_discharge_first"] = fast.ByWindow["after_discharge"][0],
            ["after_discharge_last3"] = fast.ByWindow["after_discharge"].Skip(c.Length - 3).Take(2).Average(),
            // spontaneous firing between the two trains (the 0.1 Hz train's last window ends at 161 s; the 1 Hz train starts at 180 s)
            ["spontaneous_hz"] = r.PerNeuron("WDR", 165_000, 180_000) / 15.0,
        };
    }

    public override List<string> Check(IReadOnlyDictionary<string, double> m)
    {
        var f = new List<string>();
        Require(f, m["first"] >= 0.5, $"first C response {m["first"]:G3} ≥ 0.5 spikes/neuron");
        Require(f, m["ratio_last_first"] >= 2, $"1 Hz last/first {m["ratio_last_first"]:G3} ≥ 2");
        Require(f, m["index_1Hz"] >= 1, $"1 Hz wind-up index {m["index_1Hz"]:G3} ≥ 1");
        Require(f, m["index_0.1Hz"] <= 0.3, $"no rise at 0.1 Hz: wind-up index {m["index_0.1Hz"]:G3} ≤ 0.3");
        Require(f, m["index_1Hz"] >= 5 * Math.Max(m["index_0.1Hz"], 0.1), "1 Hz index ≥ 5 × the 0.1 Hz index");
        Require(f, m["quarter_rise_min"] >= -0.1, $"the response rises quarter by quarter (smallest step {m["quarter_rise_min"]:G3})");
        Require(f, m["abeta_response"] >= 0.3, $"WDR answer the Aβ volley ({m["abeta_response"]:G3} ≥ 0.3 spikes/neuron)");
        return f;
    }
}

/// <summary>V2, ketamine cuts wind-up but not the first response (Guirimand et al. 2000; Dickenson &amp; Sullivan 1987).</summary>
public sealed class KetamineTarget : ValidationTarget
{
    public override string Id => "V2";
    public override string Title => "ketamine cuts wind-up, not the first response";
    public override string KeyMeasure => "index_ratio";
    public override string[] MeasuredPopulations => new[] { "WDR" };

    private static readonly string[] FastOnly = { "stimuli.slow=null", "record.metrics.windup_slow=null", "stimuli.fast.start=1s", "duration=18s" };

    public override Dictionary<string, double> Measure(ulong seed, IReadOnlyList<string> sets)
    {
        var control = Run("windup.yaml", seed, sets, FastOnly).Windup("windup_fast");
        var ketamine = Run("windup-ketamine.yaml", seed, sets, FastOnly.Append("interventions.ketamine.at=0s").ToArray()).Windup("windup_fast");
        double last(Metrics.WindupResult w) => w.SpikesPerStimulus.Skip(w.SpikesPerStimulus.Length - 3).Average();
        return new Dictionary<string, double>
        {
            ["first_control"] = control.SpikesPerStimulus[0],
            ["first_change"] = ketamine.SpikesPerStimulus[0] / control.SpikesPerStimulus[0] - 1,
            ["last3_drop"] = 1 - last(ketamine) / last(control),
            ["index_control"] = control.WindupIndex,
            ["index_ketamine"] = ketamine.WindupIndex,
            ["index_ratio"] = ketamine.WindupIndex / control.WindupIndex,
        };
    }

    public override List<string> Check(IReadOnlyDictionary<string, double> m)
    {
        var f = new List<string>();
        // bound on the known deviation below: the first response may not lose more than 30 %
        Require(f, Math.Abs(m["first_change"]) <= 0.3, $"first response changed by {m["first_change"]:P0} (within ±30 %)");
        // "wind-up falls markedly": by at least 30 % at this dose (60 % of the NMDA conductance blocked)
        Require(f, m["index_ratio"] <= 0.7, $"wind-up index with ketamine {m["index_ratio"]:P0} of control (≤ 70 %)");
        Require(f, m["last3_drop"] >= 0.2, $"late responses fell by {m["last3_drop"]:P0} (≥ 20 %)");
        return f;
    }

    /// <summary>
    /// Published: the first response is unchanged (Guirimand et al. 2000). In the model the C volley's NMDA
    /// conductance summates within the volley (C arrivals spread over ~300 ms, NMDA decays in 100 ms), so a 60 %
    /// NMDA block takes 8–28 % off the first C-evoked response depending on the network.
    /// </summary>
    public override List<string> KnownDeviations(IReadOnlyDictionary<string, double> m)
    {
        var d = new List<string>();
        Require(d, Math.Abs(m["first_change"]) <= 0.2, $"first response changed by {m["first_change"]:P0} (published: unchanged; ±20 %)");
        return d;
    }
}

/// <summary>V3, the slow NK1 EPSP (De Koninck &amp; Henry 1991): summates at 1 Hz, lasts seconds; an antagonist removes it, not the fast response.</summary>
public sealed class Nk1SlowEpspTarget : ValidationTarget
{
    public override string Id => "V3";
    public override string Title => "slow NK1 depolarisation of lamina I neurons";
    public override string KeyMeasure => "depolarisation_1_3s_after";
    public override string[] MeasuredPopulations => new[] { "PN" };

    public override Dictionary<string, double> Measure(ulong seed, IReadOnlyList<string> sets)
    {
        var control = Run("nk1-slow-epsp.yaml", seed, sets);
        var blocked = Run("nk1-slow-epsp.yaml", seed, sets, "interventions.nk1={at: 0 s, drug: NK1_antagonist, dose: 1}");
        double baseC = control.MeanTrace("v", 0, 2000), baseB = blocked.MeanTrace("v", 0, 2000);
        return new Dictionary<string, double>
        {
            ["depolarisation_1_3s_after"] = control.MeanTrace("v", 12_000, 14_000) - baseC,
            ["depolarisation_5_9s_after"] = control.MeanTrace("v", 16_000, 20_000) - baseC,
            ["antagonist_depolarisation"] = blocked.MeanTrace("v", 12_000, 14_000) - baseB,
            ["before_2nd"] = control.MeanTrace("v", 2_800, 3_000) - baseC,
            ["before_10th"] = control.MeanTrace("v", 10_800, 11_000) - baseC,
            ["single_volley"] = control.PerNeuron("PN", 40_000, 40_600),
            ["single_volley_antagonist"] = blocked.PerNeuron("PN", 40_000, 40_600),
        };
    }

    public override List<string> Check(IReadOnlyDictionary<string, double> m)
    {
        var f = new List<string>();
        Require(f, m["depolarisation_1_3s_after"] > 3, $"slow depolarisation {m["depolarisation_1_3s_after"]:F2} mV 1-3 s after the train (> 3)");
        Require(f, m["depolarisation_5_9s_after"] > 0.5, $"{m["depolarisation_5_9s_after"]:F2} mV 5-9 s after (> 0.5)");
        Require(f, m["antagonist_depolarisation"] < 0.5, $"with the antagonist {m["antagonist_depolarisation"]:F2} mV (< 0.5)");
        Require(f, m["before_10th"] > 2 * m["before_2nd"], "it summates: before the 10th volley > 2 × before the 2nd");
        Require(f, m["single_volley"] > 0.5, $"single-volley response {m["single_volley"]:G3} > 0.5");
        Require(f, m["single_volley_antagonist"] >= 0.7 * m["single_volley"] && m["single_volley_antagonist"] <= 1.3 * m["single_volley"],
            "the single-volley response survives the antagonist (±30 %)");
        return f;
    }
}

/// <summary>V5, gate control (Melzack &amp; Wall 1965; Zhang, Janik &amp; Grill 2014): Aβ activity cuts the C-evoked WDR response partly.</summary>
public sealed class GateControlTarget : ValidationTarget
{
    public override string Id => "V5";
    public override string Title => "Aβ activity gates the WDR response to C input, partly";
    public override string KeyMeasure => "ratio";
    public override string[] MeasuredPopulations => new[] { "WDR", "PV" };

    public override Dictionary<string, double> Measure(ulong seed, IReadOnlyList<string> sets)
    {
        var r = Run("gate-control.yaml", seed, sets);
        double Evoked(double at) => r.PerNeuron("WDR", at + 60, at + 400) - r.PerNeuron("WDR", at - 340, at);
        double alone = Enumerable.Range(0, 5).Average(k => Evoked(2000 + 10_000 * k));
        double with = Enumerable.Range(0, 5).Average(k => Evoked(57_000 + 10_000 * k));
        return new Dictionary<string, double>
        {
            ["c_response_alone"] = alone,
            ["c_response_with_abeta"] = with,
            ["ratio"] = with / alone,
            ["wdr_rate_abeta_only_hz"] = r.PerNeuron("WDR", 50_000, 56_000) / 6.0,
            ["wdr_rate_before_hz"] = r.PerNeuron("WDR", 44_000, 50_000) / 6.0,
            ["pv_rate_before_hz"] = r.PerNeuron("PV", 0, 50_000) / 50.0,
            ["pv_rate_during_hz"] = r.PerNeuron("PV", 50_000, 100_000) / 50.0,
        };
    }

    public override List<string> Check(IReadOnlyDictionary<string, double> m)
    {
        var f = new List<string>();
        Require(f, m["c_response_alone"] >= 0.5, $"C-evoked WDR response alone {m["c_response_alone"]:G3} ≥ 0.5");
        // partial, as published: −23 % of the C-evoked part in Zhang et al. 2014's model (ModelDB 168414, rerun), −35 %
        // of wind-up C spikes with 50 Hz dorsal column stimulation in vivo; so a fall of at least 15 %, not to nothing
        Require(f, m["ratio"] <= 0.85, $"with Aβ firing the response is {m["ratio"]:P0} of alone (≤ 85 %)");
        Require(f, m["ratio"] >= 0.2, $"the gate is partial: {m["ratio"]:P0} of alone remains (≥ 20 %)");
        Require(f, m["wdr_rate_abeta_only_hz"] >= 2 * m["wdr_rate_before_hz"] + 0.2,
            $"WDR answer the Aβ input itself ({m["wdr_rate_abeta_only_hz"]:G3} Hz vs {m["wdr_rate_before_hz"]:G3} Hz before)");
        Require(f, m["pv_rate_during_hz"] > 10 * Math.Max(m["pv_rate_before_hz"], 0.1), "PV interneurons fire while Aβ fibres fire");
        return f;
    }
}

/// <summary>V6, blocking GABA_A and glycine unmasks a polysynaptic, NMDA-dependent Aβ input to lamina I (Torsney &amp; MacDermott 2006).</summary>
public sealed class DisinhibitionTarget : ValidationTarget
{
    public override string Id => "V6";
    public override string Title => "disinhibition unmasks touch input to lamina I projection neurons";
    public override string KeyMeasure => "pn_after";
    public override string[] MeasuredPopulations => new[] { "PN", "TC" };

    public override Dictionary<string, double> Measure(ulong seed, IReadOnlyList<string> sets)
    {
        var r = Run("disinhibition.yaml", seed, sets);
        var apv = Run("disinhibition.yaml", seed, sets, "interventions.apv={at: 4 s, drug: APV, dose: 1}");
        return new Dictionary<string, double>
        {
            ["pn_before"] = r.PerNeuron("PN", 1000, 3100),
            ["pn_after"] = r.PerNeuron("PN", 6000, 8100),
            ["tc_after"] = r.PerNeuron("TC", 6000, 8100),
            ["pn_after_apv"] = apv.PerNeuron("PN", 6000, 8100),
        };
    }

    public override List<string> Check(IReadOnlyDictionary<string, double> m)
    {
        var f = new List<string>();
        Require(f, m["pn_before"] <= 0.1, $"PN answer touch before the block: {m["pn_before"]:G3} spikes/neuron (≤ 0.1)");
        Require(f, m["pn_after"] >= 5, $"PN after bicuculline + strychnine {m["pn_after"]:G3} (≥ 5)");
        Require(f, m["tc_after"] > 1, "polysynaptic: the pathway's TC interneurons fire");
        Require(f, m["pn_after_apv"] <= 0.6 * m["pn_after"], $"NMDA-dependent: with APV {m["pn_after_apv"]:G3} ≤ 60 % of {m["pn_after"]:G3}");
        return f;
    }
}

/// <summary>V7, raising the projection neurons' anion reversal turns inhibition into excitation (Prescott et al. 2006).</summary>
public sealed class ChlorideShiftTarget : ValidationTarget
{
    public override string Id => "V7";
    public override string Title => "chloride shift weakens, then inverts inhibition";
    public override string KeyMeasure => "ecl_-50";
    public override string[] MeasuredPopulations => new[] { "PN" };
    private static readonly int[] Ecl = { -70, -65, -60, -55, -50, -45 };

    public override Dictionary<string, double> Measure(ulong seed, IReadOnlyList<string> sets)
    {
        double Response(params string[] more) => Run("chloride-shift.yaml", seed, sets, more).PerNeuron("PN", 0, 6000);
        var m = new Dictionary<string, double>
        {
            ["no_inhibition"] = Response("projections.DYN_PN.receptors.GABA_A=0nS", "projections.DYN_PN.receptors.glycine=0nS"),
        };
        foreach (int e in Ecl) m[$"ecl_{e}"] = Response($"populations.PN.params.ECl={e}mV");
        return m;
    }

    public override List<string> Check(IReadOnlyDictionary<string, double> m)
    {
        var f = new List<string>();
        double none = m["no_inhibition"];
        Require(f, none >= 3, $"response without PN inhibition {none:G3} (≥ 3)");
        for (int k = 1; k < Ecl.Length; k++)
            Require(f, m[$"ecl_{Ecl[k]}"] >= m[$"ecl_{Ecl[k - 1]}"] - 0.05 * none, $"no fall from ECl {Ecl[k - 1]} to {Ecl[k]} mV");
        Require(f, m["ecl_-70"] <= 0.2 * none, $"at -70 mV: {m["ecl_-70"]:G3} ≤ 20 % of {none:G3}");
        Require(f, m["ecl_-55"] >= 0.7 * none, $"at -55 mV disinhibition is about complete: {m["ecl_-55"]:G3} ≥ 70 % of {none:G3}");
        Require(f, m["ecl_-50"] > 1.2 * none, $"at -50 mV inhibition excites: {m["ecl_-50"]:G3} > 120 % of {none:G3}");
        Require(f, m["ecl_-45"] > m["ecl_-50"], "at -45 mV more so");
        return f;
    }
}
