using System.Text.RegularExpressions;
using CircuitSim.Model;
using CircuitSim.Neurons;
using CircuitSim.Scenarios.Yaml;

namespace CircuitSim.Scenarios;

internal sealed partial class SpecBuilder
{
    private static readonly string[] RecordKeys = { "spikes", "traces", "figures", "network", "metrics", "weights" };
    private static readonly string[] TraceKeys = { "population", "variables", "neurons", "every" };
    private static readonly string[] MetricKeys = { "type", "population", "stimulus", "window", "tail" };
    private static readonly string[] MetricTypes = { "windup", "response", "psc" };

    /// <summary>The injected current, recordable in every neuron population (pA).</summary>
    public const string InjectedCurrentVariable = "I_ext";

    private void BuildRecord(YMap root)
    {
        if (root["record"] is not { } node) return;
        var rm = Map(node, "record", "a map with spikes, traces, figures, network, metrics");
        if (rm is null) return;
        CheckKeys(rm, "record", RecordKeys);
        var rec = _spec.Record;

        if (rm["spikes"] is { } sp) rec.Spikes = SpikeList(sp, "record.spikes");
        if (rm["figures"] is { } fig && Bool(fig, "record.figures") is { } f) rec.Figures = f;
        if (rm["network"] is { } net && Bool(net, "record.network") is { } nw) rec.Network = nw;
        if (rm["weights"] is { } wn) BuildWeightRecord(wn);

        if (rm["traces"] is { } tn && Seq(tn, "record.traces", "a list of {population, variables, neurons, every}") is { } traces)
        {
            for (int i = 0; i < traces.Items.Count; i++)
                if (Trace(traces.Items[i], $"record.traces[{i}]") is { } t) rec.Traces.Add(t);
        }

        if (rm["metrics"] is { } mn && Map(mn, "record.metrics", "a map of metric name → {type, population, stimulus, window}") is { } metrics)
        {
            foreach (var e in metrics.Entries)
            {
                string path = Join("record.metrics", e.Key);
                CheckName(e, path, "metric");
                if (Map(e.Value, path, "a map with type, population, stimulus, window") is not { } m) continue;
                if (m["type"] is YScalar { Value: "response" }) { if (Response(m, path) is { } r) rec.Responses[e.Key] = r; }
                else if (m["type"] is YScalar { Value: "psc" }) { if (Psc(m, path) is { } q) rec.Pscs[e.Key] = q; }
                else if (Metric(e.Key, m, path) is { } w) rec.Windup[e.Key] = w;
            }
        }
    }

    private List<string>? SpikeList(YNode node, string path)
    {
        if (node is YScalar { Value: var word } && word.Trim() == "all") return null;
        if (node is YScalar { Value: var none } && none.Trim() == "none") return new List<string>();
        var items = node is YScalar ? new List<YNode> { node } : Seq(node, path, "all, none or a list of population names")?.Items;
        if (items is null) return null;
        var list = new List<string>();
        for (int i = 0; i < items.Count; i++)
        {
            if (PopulationRef(items[i], node is YSeq ? $"{path}[{i}]" : path) is { } pop && !list.Contains(pop.Name))
                list.Add(pop.Name);
        }
        return list;
    }

    private TraceSpec? Trace(YNode node, string path)
    {
        var m = Map(node, path, "a map {population, variables, neurons, every}");
        if (m is null) return null;
        CheckKeys(m, path, TraceKeys);
        var popNode = Required(m, path, "population", "the name of a neuron population");
        var pop = popNode is null ? null : PopulationRef(popNode, Join(path, "population"));
        if (pop is not null && pop.Kind != PopulationKind.Neuron)
        {
            Error(popNode!, Join(path, "population"), $"traces record neuron state, but '{pop.Name}' is kind {KindWord(pop.Kind)}");
            pop = null;
        }
        var trace = new TraceSpec { Population = pop?.Name ?? "" };

        var varsNode = Required(m, path, "variables", "a list of state variables such as [v, g_NMDA]");
        if (varsNode is not null)
        {
            var items = varsNode is YScalar ? new List<YNode> { varsNode } : Seq(varsNode, Join(path, "variables"), "a list of state variables such as [v, g_NMDA]")?.Items;
            var model = pop is null ? null : NeuronModels.Find(pop.Model);
            List<string>? valid = null;
            if (model is not null)
            {
                valid = StateVariables(model, pop!).Keys.ToList();
                valid.Add(InjectedCurrentVariable);
            }
            for (int i = 0; items is not null && i < items.Count; i++)
            {
                string vp = varsNode is YSeq ? $"{path}.variables[{i}]" : Join(path, "variables");
                var name = Str(items[i], vp);
                if (name is null) continue;
                if (valid is not null && !valid.Contains(name))
                {
                    Error(items[i], vp, $"'{name}' is not a recordable variable of '{pop!.Name}'{Suggest.Hint(name, valid, "its variables are")}");
                    continue;
                }
                if (!trace.Variables.Contains(name)) trace.Variables.Add(name);
            }
        }
        if (m["neurons"] is { } nn)
            trace.Neurons = Indices(nn, Join(path, "neurons"), pop?.Count ?? 0, pop?.Name ?? "?");
        if (m["every"] is { } ev && Qty(ev, Join(path, "every"), NumKey.Of(Dimension.Time, Limits.Positive)) is { } every)
            trace.EveryMs = every;
        return pop is null ? null : trace;
    }

    private static readonly string[] ResponseKeys = { "type", "population", "window" };

    /// <summary>record.metrics.NAME: {type: response, population, window}: spikes per neuron and rate in a window of the run.</summary>
    private ResponseMetricSpec? Response(YMap m, string path)
    {
        CheckKeys(m, path, ResponseKeys);
        var popNode = Required(m, path, "population", "the name of a neuron population");
        var pop = popNode is null ? null : PopulationRef(popNode, Join(path, "population"));
        if (pop is not null && _spec.Record.Spikes is { } recorded && !recorded.Contains(pop.Name))
            Error(popNode!, Join(path, "population"), $"a response counts the spikes of '{pop.Name}', but record.spikes does not record them (add '{pop.Name}' to record.spikes)");
        var wn = Required(m, path, "window", "a window of the run such as '1-3 s'");
        var win = wn is null ? null : Window(wn, Join(path, "window"));
        if (win is { } w && _spec.DurationMs > 0 && w.Start >= _spec.DurationMs)
            Warn(wn!, Join(path, "window"), $"the window starts at {w.Start / 1000:0.###} s, when the run has ended ({_spec.DurationMs / 1000:0.###} s): its rate will be empty");
        return pop is null || win is null ? null : new ResponseMetricSpec { Population = pop.Name, StartMs = win.Value.Start, EndMs = win.Value.End };
    }

    private static readonly string[] PscKeys = { "type", "population", "receptor", "window" };

    /// <summary>record.metrics.NAME: {type: psc, population, receptor, window}: postsynaptic events (frequency, amplitude) at a receptor.</summary>
    private PscMetricSpec? Psc(YMap m, string path)
    {
        CheckKeys(m, path, PscKeys);
        var popNode = Required(m, path, "population", "the name of a neuron population");
        var pop = popNode is null ? null : PopulationRef(popNode, Join(path, "population"));
        if (pop is not null && pop.Kind != PopulationKind.Neuron) { Error(popNode!, Join(path, "population"), $"'{pop.Name}' is kind {KindWord(pop.Kind)}: postsynaptic currents are counted on neurons"); pop = null; }
        string? receptor = Required(m, path, "receptor", "a receptor channel of the population: AMPA for sEPSCs, GABA_A for sIPSCs") is { } rn ? Str(rn, Join(path, "receptor")) : null;
        if (pop is not null && receptor is not null)
        {
            var channels = _spec.Projections.Where(x => x.To == pop.Name).SelectMany(x => x.Receptors.Keys).Distinct().ToList();
            if (!channels.Contains(receptor)) { Error(m["receptor"]!, Join(path, "receptor"), $"no projection onto {pop.Name} has receptor '{receptor}'{Suggest.Hint(receptor, channels, "its inputs' receptors are")}"); receptor = null; }
        }
        var wn = Required(m, path, "window", "a window of the run such as '1-3 s'");
        var win = wn is null ? null : Window(wn, Join(path, "window"));
        return pop is null || receptor is null || win is null ? null
            : new PscMetricSpec { Population = pop.Name, Receptor = receptor, StartMs = win.Value.Start, EndMs = win.Value.End };
    }

    private WindupMetricSpec? Metric(string name, YMap m, string path)
    {
        string? type = name == "windup" ? "windup" : null;
        if (m["type"] is { } tn) type = Word(tn, Join(path, "type"), MetricTypes);
        else if (type is null)
        {
            Error(m, Join(path, "type"), $"required key 'type' is missing (expected one of: {string.Join(", ", MetricTypes)}; it may be left out only when the metric is named after its type)");
        }
        if (type is null)
        {
            CheckKeys(m, path, MetricKeys);
            return null;
        }
        CheckKeys(m, path, MetricKeys);

        var popNode = Required(m, path, "population", "the name of a neuron population");
        var pop = popNode is null ? null : PopulationRef(popNode, Join(path, "population"));
        if (pop is not null && pop.Kind != PopulationKind.Neuron)
            Error(popNode!, Join(path, "population"), $"wind-up counts spikes of neurons, but '{pop.Name}' is kind {KindWord(pop.Kind)}");
        else if (pop is not null && _spec.Record.Spikes is { } recorded && !recorded.Contains(pop.Name))
            Error(popNode!, Join(path, "population"), $"wind-up counts the spikes of '{pop.Name}', but record.spikes does not record them (add '{pop.Name}' to record.spikes)");

        var stimNode = Required(m, path, "stimulus", "the name of a pulse_train stimulus");
        StimulusSpec? stim = null;
        if (stimNode is not null && Str(stimNode, Join(path, "stimulus")) is { } sname)
        {
            stim = _spec.Stimuli.Find(s => s.Name == sname);
            if (stim is null)
                Error(stimNode, Join(path, "stimulus"), $"unknown stimulus '{sname}'{Suggest.Hint(sname, _spec.Stimuli.Select(s => s.Name).ToList(), "stimuli are")}");
            else if (stim.Protocol != StimulusProtocol.PulseTrain)
                Error(stimNode, Join(path, "stimulus"), $"wind-up needs a pulse_train stimulus, but '{sname}' is protocol {ProtocolWord(stim.Protocol)}");
        }

        var w = new WindupMetricSpec { Population = pop?.Name ?? "", Stimulus = stim?.Name ?? "" };
        if (m["window"] is { } wn && Window(wn, Join(path, "window")) is { } win)
        {
            w.WindowStartMs = win.Start;
            w.WindowEndMs = win.End;
        }
        if (m["tail"] is { } tn2 && Qty(tn2, Join(path, "tail"), NumKey.Of(Dimension.Time, Limits.NonNegative)) is { } tail)
            w.TailMs = tail;
        return pop is null || stim is null ? null : w;
    }

    [GeneratedRegex(@"^\s*(?<a>\d+(?:\.\d*)?(?:[eE][+-]?\d+)?)\s*(?<ua>[A-Za-zµμ]+)?\s*(?:-|–|\.\.|to)\s*(?<b>\d+(?:\.\d*)?(?:[eE][+-]?\d+)?)\s*(?<ub>[A-Za-zµμ]+)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex WindowRegex();

    /// <summary>A time window: "20-400 ms", "20 ms - 0.4 s", "20 to 400 ms", or a list [20 ms, 400 ms].</summary>
    private (double Start, double End)? Window(YNode node, string path)
    {
        double start, end;
        var time = NumKey.Of(Dimension.Time, Limits.NonNegative);
        if (node is YSeq seq)
        {
            if (seq.Items.Count != 2)
            {
                Error(node, path, $"expected a window such as '20-400 ms' or [20 ms, 400 ms], found a list of {seq.Items.Count}");
                return null;
            }
            var a = Qty(seq.Items[0], path + "[0]", time);
            var b = Qty(seq.Items[1], path + "[1]", time);
            if (a is null || b is null) return null;
            (start, end) = (a.Value, b.Value);
        }
        else
        {
            var s = Scalar(node, path, "a window such as '20-400 ms'");
            if (s is null) return null;
            var m = WindowRegex().Match(s.Value);
            if (!m.Success)
            {
                Error(node, path, $"expected a window such as '20-400 ms' or '20 ms - 0.4 s', found '{s.Value}'");
                return null;
            }
            try
            {
                string ub = m.Groups["ub"].Value;
                string ua = m.Groups["ua"].Success ? m.Groups["ua"].Value : ub;
                start = Units.Parse(m.Groups["a"].Value + " " + ua, Dimension.Time);
                end = Units.Parse(m.Groups["b"].Value + " " + ub, Dimension.Time);
            }
            catch (FormatException e)
            {
                Error(node, path, $"in window '{s.Value}': {e.Message}");
                return null;
            }
        }
        if (end <= start)
        {
            Error(node, path, $"the window must end after it starts, found {Ms(start)} to {Ms(end)}");
            return null;
        }
        return (start, end);
    }

    /// <summary>record.weights: a list of plastic projections, or {projections: [...], every: 100 ms}.</summary>
    private void BuildWeightRecord(YNode node)
    {
        YNode list = node;
        if (node is YMap wm)
        {
            CheckKeys(wm, "record.weights", new[] { "projections", "every" });
            if (wm["every"] is { } en && Qty(en, "record.weights.every", NumKey.Of(Dimension.Time, Limits.Positive)) is { } every) _spec.Record.WeightsEveryMs = every;
            if (Required(wm, "record.weights", "projections", "a list of plastic projections") is not { } pn) return;
            list = pn;
        }
        foreach (var (name, n, p) in Names(list, "record.weights"))
        {
            var pr = _spec.Projections.Find(x => x.Name == name);
            if (pr is null) Error(n, p, $"unknown projection '{name}'{Suggest.Hint(name, _spec.Projections.Select(x => x.Name).ToList(), "projections are")}");
            else if (pr.Plasticity is null && pr.Stdp is null) Error(n, p, $"projection {name} has no plasticity: its weights never change (add 'plasticity' to it)");
            else _spec.Record.Weights.Add(name);
        }
    }
}
