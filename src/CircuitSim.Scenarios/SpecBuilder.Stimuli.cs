using CircuitSim.Model;
using CircuitSim.Scenarios.Yaml;

namespace CircuitSim.Scenarios;

internal sealed partial class SpecBuilder
{
    private static readonly string[] CommonStimulusKeys = { "target", "protocol", "start" };

    private static readonly (string, StimulusProtocol)[] ProtocolChoices =
    {
        ("pulse_train", StimulusProtocol.PulseTrain), ("poisson", StimulusProtocol.Poisson), ("current", StimulusProtocol.Current),
    };

    private static string[] ProtocolKeys(StimulusProtocol p) => p switch
    {
        StimulusProtocol.PulseTrain => new[] { "count", "frequency", "width", "fraction" },
        StimulusProtocol.Poisson => new[] { "rate", "duration" },
        _ => new[] { "amplitude", "duration", "neurons" },
    };

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
        var targetNode = Required(sm, path, "target", "the name of a population");
        var target = targetNode is null ? null : PopulationRef(targetNode, Join(path, "target"));
        var protoNode = Required(sm, path, "protocol", "pulse_train, poisson or current");
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
        if (target is not null)
        {
            string? why = proto switch
            {
                StimulusProtocol.PulseTrain when target.Kind != PopulationKind.Afferent => "pulse_train stimulates afferent fibres",
                StimulusProtocol.Poisson when target.Kind == PopulationKind.Neuron => "poisson drives afferent or descending spike sources (use protocol current for neurons)",
                StimulusProtocol.Current when target.Kind != PopulationKind.Neuron => "current is injected into neurons",
                _ => null,
            };
            if (why is not null)
                Error(targetNode!, Join(path, "target"), $"{why}, but '{target.Name}' is kind {KindWord(target.Kind)}");
        }

        if (sm["start"] is { } st && Qty(st, Join(path, "start"), NumericKeys.StimulusStart) is { } start) s.StartMs = start;
        var keys = NumericKeys.Stimulus[proto];
        switch (proto)
        {
            case StimulusProtocol.PulseTrain:
                if (sm["count"] is { } cn && PositiveInt(cn, Join(path, "count")) is { } count) s.Count = count;
                if (sm["frequency"] is { } fn && Qty(fn, Join(path, "frequency"), keys["frequency"]) is { } f) s.FrequencyHz = f;
                if (sm["width"] is { } wn && Qty(wn, Join(path, "width"), keys["width"]) is { } w) s.PulseWidthMs = w;
                if (sm["fraction"] is { } frn && Qty(frn, Join(path, "fraction"), keys["fraction"]) is { } fr) s.Fraction = fr;
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
        }
        return s;
    }
}
