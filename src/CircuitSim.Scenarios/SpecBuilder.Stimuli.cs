using CircuitSim.Model;
using CircuitSim.Scenarios.Yaml;

namespace CircuitSim.Scenarios;

internal sealed partial class SpecBuilder
{
    private static readonly string[] CommonStimulusKeys = { "target", "protocol", "start" };

    private static readonly (string, StimulusProtocol)[] ProtocolChoices =
    {
        ("pulse_train", StimulusProtocol.PulseTrain), ("poisson", StimulusProtocol.Poisson), ("current", StimulusProtocol.Current),
        ("natural", StimulusProtocol.Natural), ("scs", StimulusProtocol.Scs), ("tens", StimulusProtocol.Tens), ("drg", StimulusProtocol.Drg),
    };

    private static readonly (string, ScsMode)[] ScsModeChoices = { ("tonic", ScsMode.Tonic), ("burst", ScsMode.Burst) };
    private static readonly (string, ScsMode)[] TensModeChoices = { ("continuous", ScsMode.Tonic), ("burst", ScsMode.Burst) };

    private static readonly (string, NaturalModality)[] ModalityChoices =
    {
        ("mechanical", NaturalModality.Mechanical), ("heat", NaturalModality.Heat),
    };

    private static readonly (string, NaturalInput)[] InputChoices =
    {
        ("transduction", NaturalInput.Transduction), ("medlock2022", NaturalInput.Medlock2022),
    };

    /// <summary>Protocols that may drive a list of afferent populations (a nerve, or a patch of skin).</summary>
    private static bool TakesTargetList(StimulusProtocol p) => p is StimulusProtocol.PulseTrain or StimulusProtocol.Natural or StimulusProtocol.Scs or StimulusProtocol.Tens or StimulusProtocol.Drg;

    private static string[] ProtocolKeys(StimulusProtocol p) => p switch
    {
        StimulusProtocol.PulseTrain => new[] { "count", "frequency", "width", "fraction", "intensity" },
        StimulusProtocol.Poisson => new[] { "rate", "duration" },
        StimulusProtocol.Natural => new[] { "modality", "force", "temperature", "duration", "input" },
        StimulusProtocol.Scs => new[] { "frequency", "amplitude", "width", "mode", "burst_count", "burst_frequency", "duration",
            "threshold", "threshold_spread", "chronaxie", "relative_refractory" },
        StimulusProtocol.Tens or StimulusProtocol.Drg => new[] { "frequency", "intensity", "width", "mode", "burst_count", "burst_frequency", "duration", "relative_refractory" },
        _ => new[] { "amplitude", "duration", "neurons" },
    };

    /// <summary>
    /// The keys that scs, tens and drg share: frequency (required), width, duration, mode, burst_count,
    /// burst_frequency, relative_refractory; and the checks that a burst fits its period and a pulse its interval.
    /// </summary>
    private void ReadRepetitive(StimulusSpec s, YMap sm, string path, IReadOnlyDictionary<string, NumKey> keys,
        IReadOnlyList<(string, ScsMode)> modes, string regularWord)
    {
        if (Required(sm, path, "frequency", "a Frequency such as '50 Hz' (in burst mode, the burst rate)") is { } fn && Qty(fn, Join(path, "frequency"), keys["frequency"]) is { } f) s.FrequencyHz = f;
        if (sm["width"] is { } wn && Qty(wn, Join(path, "width"), keys["width"]) is { } w) s.PulseWidthMs = w;
        if (sm["duration"] is { } dn && Qty(dn, Join(path, "duration"), keys["duration"]) is { } d) s.DurationMs = d;
        if (sm["mode"] is { } mn && Choice(mn, Join(path, "mode"), modes) is { } mode) s.Mode = mode;
        if (sm["burst_count"] is { } bc && PositiveInt(bc, Join(path, "burst_count")) is { } n) s.BurstCount = n;
        if (sm["burst_frequency"] is { } bf && Qty(bf, Join(path, "burst_frequency"), keys["burst_frequency"]) is { } bfv) s.BurstFrequencyHz = bfv;
        if (sm["relative_refractory"] is { } rr && Qty(rr, Join(path, "relative_refractory"), keys["relative_refractory"]) is { } rrv) s.RelativeRefractoryMs = rrv;
        if (s.Mode == ScsMode.Tonic && (sm["burst_count"] ?? sm["burst_frequency"]) is { } bk)
            Error(bk, path, $"burst_count and burst_frequency shape mode: burst; this stimulus is {regularWord}");
        if (s.Mode == ScsMode.Burst && s.BurstCount / s.BurstFrequencyHz * 1000 >= 1000 / s.FrequencyHz)
            Error(sm, Join(path, "burst_count"), $"a burst of {s.BurstCount} pulses at {s.BurstFrequencyHz:G4} Hz lasts longer than the burst period (1/{s.FrequencyHz:G4} Hz)");
        double interval = s.Mode == ScsMode.Burst ? 1000 / s.BurstFrequencyHz : 1000 / s.FrequencyHz;
        if (interval < s.PulseWidthMs)
            Error(sm["width"] ?? sm, Join(path, "width"), $"pulses of {Ms(s.PulseWidthMs)} do not fit in their interval of {Ms(interval)}");
    }

    /// <summary>A pulse intensity: a multiple of the Aβ threshold (a bare number, e.g. 20) or Abeta | Adelta | C (-strength).</summary>
    private double? Intensity(YNode node, string path)
    {
        var sc = Scalar(node, path, "a multiple of the Abeta threshold (e.g. 20) or Abeta, Adelta, C");
        if (sc is null) return null;
        if (Stimuli.FibreClasses.NamedIntensity(sc.Value) is { } named) return named;
        if (double.TryParse(sc.Value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var x) && x >= 0)
            return x;
        Error(node, path, $"expected a non-negative multiple of the Abeta threshold (e.g. 20) or Abeta, Adelta, C (-strength), found '{sc.Value}'");
        return null;
    }

    /// <summary>
    /// natural: modality (required), force (mechanical) or temperature (heat), start and duration
    /// (required); the key of the other modality is an error.
    /// </summary>
    private void BuildNatural(StimulusSpec s, YMap sm, string path, IReadOnlyDictionary<string, NumKey> keys)
    {
        Required(sm, path, "start", "a Time such as '1 s' (when the natural stimulus begins)");
        if (Required(sm, path, "duration", "a Time such as '2 s' (how long the natural stimulus lasts)") is { } dn
            && Qty(dn, Join(path, "duration"), keys["duration"]) is { } d)
            s.DurationMs = d;
        var modNode = Required(sm, path, "modality", "mechanical or heat");
        NaturalModality? modality = modNode is null ? null : Choice(modNode, Join(path, "modality"), ModalityChoices);
        if (modality is { } m) s.Modality = m;
        if (sm["input"] is { } inNode && Choice(inNode, Join(path, "input"), InputChoices) is { } input)
        {
            if (input == NaturalInput.Medlock2022 && modality == NaturalModality.Heat)
                Error(inNode, Join(path, "input"), "the medlock2022 input table is for mechanical stimuli only (their model has no heat input)");
            else s.Input = input;
        }

        // the amount: force for a press, temperature for heat; the other one is a mistake
        foreach (var (key, own) in new[] { ("force", NaturalModality.Mechanical), ("temperature", NaturalModality.Heat) })
            if (modality is { } mm && mm != own && sm[key] is { } wrong)
            {
                var ownKey = mm == NaturalModality.Mechanical ? "force" : "temperature";
                Error(wrong, Join(path, key), $"'{key}' belongs to a {(own == NaturalModality.Heat ? "heat" : "mechanical")} stimulus, but this one has modality {(mm == NaturalModality.Heat ? "heat" : "mechanical")} (use '{ownKey}')");
            }
        // without a valid modality both are read, so that their own errors are still reported
        YNode? forceNode = modality switch
        {
            NaturalModality.Mechanical => Required(sm, path, "force", "a Force such as '100 mN'"),
            null => sm["force"],
            _ => null,
        };
        if (forceNode is not null && Qty(forceNode, Join(path, "force"), keys["force"]) is { } f) s.ForceMn = f;
        YNode? tempNode = modality switch
        {
            NaturalModality.Heat => Required(sm, path, "temperature", "a Temperature such as '48 degC'"),
            null => sm["temperature"],
            _ => null,
        };
        if (tempNode is not null && Qty(tempNode, Join(path, "temperature"), keys["temperature"]) is { } t)
        {
            if (t < Stimuli.NaturalTransduction.SkinTemperatureC)
                Error(tempNode, Join(path, "temperature"),
                    $"temperature must be at least the skin's resting {Stimuli.NaturalTransduction.SkinTemperatureC:G} degC (heat only; cooling is not modelled), found '{((YScalar)tempNode).Value}'");
            else s.TemperatureC = t;
        }
    }

    private static string ProtocolWord(StimulusProtocol p) => ProtocolChoices.First(x => x.Item2 == p).Item1;

    private void BuildStimuli(YMap root)
    {
        if (root["stimuli"] is not { } node) return;
        var map = Map(node, "stimuli", "a map of stimulus name → {target, protocol, ...}");
        if (map is null) return;
        foreach (var entry in map.Entries)
        {
            string path = Join("stimuli", entry.Key);
            CheckName(entry, path, "stimulus");
            var sm = Map(entry.Value, path, "a map of stimulus keys (target, protocol, start, ...)");
            if (sm is null) continue;
            if (BuildStimulus(entry.Key, sm, path) is { } s) _spec.Stimuli.Add(s);
        }
    }

    private StimulusSpec? BuildStimulus(string name, YMap sm, string path)
    {
        var targetNode = Required(sm, path, "target", "the name of a population, or a list of afferent populations for pulse_train and natural");
        var targets = new List<PopulationSpec>();
        if (targetNode is YSeq seq)
        {
            for (int i = 0; i < seq.Items.Count; i++)
                if (PopulationRef(seq.Items[i], $"{Join(path, "target")}[{i}]") is { } t) targets.Add(t);
        }
        else if (targetNode is not null && PopulationRef(targetNode, Join(path, "target")) is { } t1) targets.Add(t1);
        var target = targets.Count > 0 ? targets[0] : null;
        var protoNode = Required(sm, path, "protocol", "pulse_train, poisson, current, natural, scs, tens or drg");
        var protocol = protoNode is null ? null : Choice(protoNode, Join(path, "protocol"), ProtocolChoices);

        var all = CommonStimulusKeys.Concat(ProtocolChoices.SelectMany(p => ProtocolKeys(p.Item2))).Distinct().ToArray();
        if (protocol is not { } proto)
        {
            CheckKeys(sm, path, all);
            return null;
        }
        var allowed = CommonStimulusKeys.Concat(ProtocolKeys(proto)).ToArray();
        CheckKeys(sm, path, allowed, key =>
        {
            var owners = ProtocolChoices.Where(p => ProtocolKeys(p.Item2).Contains(key)).Select(p => p.Item1).ToList();
            return owners.Count == 0 ? null
                : $"'{key}' is a key of protocol {string.Join(" and ", owners)}, not of {ProtocolWord(proto)} (its keys: {string.Join(", ", allowed)})";
        });

        var s = new StimulusSpec { Name = name, Target = target?.Name ?? "", Protocol = proto };
        if (targetNode is YSeq) s.Targets.AddRange(targets.Select(t => t.Name));
        if (targetNode is YSeq && !TakesTargetList(proto))
            Error(targetNode, Join(path, "target"), $"only pulse_train and natural take a list of targets; {ProtocolWord(proto)} takes one population");
        foreach (var tp in targets)
        {
            string? why = proto switch
            {
                StimulusProtocol.PulseTrain when tp.Kind != PopulationKind.Afferent => "pulse_train stimulates afferent fibres",
                StimulusProtocol.Natural when tp.Kind != PopulationKind.Afferent => "natural stimuli are transduced by afferent fibres",
                StimulusProtocol.Tens when tp.Kind != PopulationKind.Afferent => "TENS stimulates peripheral afferent fibres",
                StimulusProtocol.Drg when tp.Kind != PopulationKind.Afferent => "DRG stimulation acts on primary afferents at their ganglion",
                StimulusProtocol.Drg when tp.RootLengthUm is null => "DRG stimulation needs the afferents' root_length (ganglion to cord)",
                StimulusProtocol.Scs when tp.Kind != PopulationKind.Afferent || tp.Fibre != FibreClass.Abeta =>
                    "scs stimulates dorsal column fibres, the central branches of Abeta afferents",
                StimulusProtocol.Poisson when tp.Kind == PopulationKind.Neuron => "poisson drives afferent or descending spike sources (use protocol current for neurons)",
                StimulusProtocol.Current when tp.Kind != PopulationKind.Neuron => "current is injected into neurons",
                _ => null,
            };
            if (why is not null)
                Error(targetNode!, Join(path, "target"), $"{why}, but '{tp.Name}' is kind {KindWord(tp.Kind)}");
        }

        if (sm["start"] is { } st && Qty(st, Join(path, "start"), NumericKeys.StimulusStart) is { } start) s.StartMs = start;
        var keys = NumericKeys.Stimulus[proto];
        switch (proto)
        {
            case StimulusProtocol.PulseTrain:
                if (sm["count"] is { } cn && PositiveInt(cn, Join(path, "count")) is { } count) s.Count = count;
                if (sm["frequency"] is { } fn && Qty(fn, Join(path, "frequency"), keys["frequency"]) is { } f) s.FrequencyHz = f;
                if (sm["width"] is { } wn && Qty(wn, Join(path, "width"), keys["width"]) is { } w)
                {
                    // the fibre classes' electrical thresholds (FibreClasses.ThresholdT) are for 2 ms pulses; other widths
                    // would need the strength-duration curve of each class, which is not modelled
                    if (Math.Abs(w - 2) > 1e-9) Error(wn, Join(path, "width"), $"only 2 ms pulses are modelled (fibre thresholds are for 2 ms), found {Ms(w)}");
                    s.PulseWidthMs = w;
                }
                if (sm["fraction"] is { } frn && Qty(frn, Join(path, "fraction"), keys["fraction"]) is { } fr) s.Fraction = fr;
                if (sm["intensity"] is { } inn) s.IntensityT = Intensity(inn, Join(path, "intensity"));
                break;
            case StimulusProtocol.Poisson:
                if (Required(sm, path, "rate", "a Frequency such as '10 Hz'") is { } rn && Qty(rn, Join(path, "rate"), keys["rate"]) is { } rate)
                    s.RateHz = rate;
                if (sm["duration"] is { } dn && Qty(dn, Join(path, "duration"), keys["duration"]) is { } d) s.DurationMs = d;
                break;
            case StimulusProtocol.Current:
                if (Required(sm, path, "amplitude", "a Current such as '100 pA'") is { } an && Qty(an, Join(path, "amplitude"), keys["amplitude"]) is { } a)
                    s.AmplitudePa = a;
                if (sm["duration"] is { } dn2 && Qty(dn2, Join(path, "duration"), keys["duration"]) is { } d2) s.DurationMs = d2;
                if (sm["neurons"] is { } nn)
                    s.Neurons = Indices(nn, Join(path, "neurons"), target?.Kind == PopulationKind.Neuron ? target.Count : 0, target?.Name ?? "?");
                break;
            case StimulusProtocol.Natural:
                BuildNatural(s, sm, path, keys);
                break;
            case StimulusProtocol.Tens:
            case StimulusProtocol.Drg:
                s.PulseWidthMs = proto == StimulusProtocol.Drg ? 0.3 : 0.1;
                s.BurstCount = 7;
                s.BurstFrequencyHz = 100;
                if (Required(sm, path, "intensity", "a multiple of the sensory (Abeta) threshold, e.g. 2") is { } ti && Intensity(ti, Join(path, "intensity")) is { } tiv)
                    s.IntensityT = tiv;
                ReadRepetitive(s, sm, path, keys, TensModeChoices, "continuous");
                break;
            case StimulusProtocol.Scs:
                s.PulseWidthMs = 0.2;
                if (Required(sm, path, "amplitude", "a fraction of the motor threshold, e.g. 0.8") is { } sa && Qty(sa, Join(path, "amplitude"), keys["amplitude"]) is { } sav) s.AmplitudeMt = sav;
                if (sm["threshold"] is { } th && Qty(th, Join(path, "threshold"), keys["threshold"]) is { } thv) s.ThresholdMt = thv;
                if (sm["threshold_spread"] is { } ts && Qty(ts, Join(path, "threshold_spread"), keys["threshold_spread"]) is { } tsv) s.ThresholdSpread = tsv;
                if (sm["chronaxie"] is { } ch && Qty(ch, Join(path, "chronaxie"), keys["chronaxie"]) is { } chv) s.ChronaxieMs = chv;
                ReadRepetitive(s, sm, path, keys, ScsModeChoices, "tonic");
                break;
        }
        return s;
    }
}
