using CircuitSim.Recording;
using Spectre.Console;

namespace CircuitSim.Cli;

/// <summary>The table printed at the end of a run.</summary>
public static class Summary
{
    public static void Print(SimulationResult r, string outDir, IReadOnlyList<string> files)
    {
        var table = new Table().Title($"[bold]{Markup.Escape(r.Spec.Name)}[/]");
        table.AddColumn("population");
        table.AddColumn(new TableColumn("size").RightAligned());
        table.AddColumn(new TableColumn("spikes").RightAligned());
        table.AddColumn(new TableColumn("rate (Hz)").RightAligned());
        table.AddColumn(new TableColumn("CV ISI").RightAligned());
        foreach (var m in r.Metrics)
            table.AddRow(Markup.Escape(m.Population), m.Size.ToString(), m.SpikeCount.ToString(), m.MeanRateHz.ToString("0.00"),
                double.IsNaN(m.CvIsi) ? "–" : m.CvIsi.ToString("0.00"));
        AnsiConsole.Write(table);
        double evps = r.LoopSeconds > 0 ? r.SynapticEvents / r.LoopSeconds : 0;
        AnsiConsole.MarkupLine($"{r.DurationMs / 1000:0.###} s simulated in {r.LoopSeconds:0.000} s " +
                               $"([bold]{r.SpeedRealtime:0.0}× real time[/]), build {r.BuildSeconds:0.00} s, " +
                               $"backend {r.Backend} × {r.Threads} threads, {r.SynapseCount:N0} synapses, {evps:0.00e0} events/s");
        if (r.Extra.TryGetValue("windup", out var w) && w is Dictionary<string, object> windups)
            foreach (var x in windups.Values.OfType<CircuitSim.Metrics.WindupResult>())
                AnsiConsole.MarkupLine(Markup.Escape(
                    $"wind-up {x.Name} ({x.Population}, {x.FrequencyHz:G3} Hz): spikes per stimulus {string.Join(" ", x.SpikesPerStimulus.Select(v => v.ToString("0.#")))}; " +
                    $"index {x.WindupIndex:0.00}, last/first {(x.RatioLastFirst is { } q ? q.ToString("0.0") : "–")}"));
        if (r.Extra.TryGetValue("timing", out var tm) && tm is Dictionary<string, double> t)
            AnsiConsole.MarkupLine(Markup.Escape("whole process: " + string.Join(", ", t.Select(kv => $"{kv.Key.Replace("_seconds", "")} {kv.Value:0.000} s"))));
        AnsiConsole.MarkupLine($"results: {Markup.Escape(outDir)} ({files.Count} files)");
    }
}
