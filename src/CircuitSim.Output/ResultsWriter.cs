using CircuitSim.Recording;

namespace CircuitSim.Output;

/// <summary>
/// Writes everything a run produced into one folder:
/// <c>spikes.h5</c> (SONATA, the populations in <see cref="SimulationResult.Spikes"/>),
/// <c>edges.h5</c> and <c>nodes.h5</c> (SONATA network with initial state) when <c>record.network</c> is true,
/// <c>traces/&lt;population&gt;.&lt;variable&gt;.csv</c> when traces were recorded,
/// <c>raster.png</c>, <c>rates.png</c>, <c>traces.png</c> (when traces were recorded) and <c>windup.png</c> (when
/// wind-up was measured) when the scenario asks for figures,
/// and <c>metrics.json</c> last: every file is written atomically, and a metrics.json left from an
/// earlier run is removed first, so a folder with metrics.json holds one complete run. The files an
/// earlier run listed in <c>.circuitsim-files</c> are removed too (<see cref="OutputManifest"/>), so
/// the folder holds no stale file of it; files CircuitSim did not write are left alone.
/// </summary>
public static class ResultsWriter
{
    public const string SpikesFile = "spikes.h5";
    public const string MetricsFile = "metrics.json";
    public const string RasterFile = "raster.png";
    public const string RatesFile = "rates.png";
    public const string TracesFigureFile = "traces.png";
    public const string NodesFile = "nodes.csv";

    /// <summary>Writes the run's files into <paramref name="outDir"/> (created if needed); returns their full paths, metrics.json last.</summary>
    public static IReadOnlyList<string> WriteAll(SimulationResult r, string outDir)
    {
        ArgumentNullException.ThrowIfNull(r);
        string dir = Path.GetFullPath(outDir);
        Directory.CreateDirectory(dir);
        string metrics = Path.Combine(dir, MetricsFile);
        File.Delete(metrics); // no-op when absent; until the new one lands the folder is "incomplete"
        var manifest = OutputManifest.Start(dir);

        var written = new List<string>();
        // seconds per kind of output, into metrics.json's "timing" (what the whole process spends besides the loop)
        var timing = r.Extra.TryGetValue("timing", out var earlier) && earlier is Dictionary<string, double> td ? td : new Dictionary<string, double>();
        r.Extra["timing"] = timing;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        void Lap(string what) { timing[what] = timing.GetValueOrDefault(what) + clock.Elapsed.TotalSeconds; clock.Restart(); }

        string spikes = Path.Combine(dir, SpikesFile);
        manifest.Add(spikes);
        SonataSpikeWriter.Write(spikes, r.Spikes);
        written.Add(spikes);
        Lap("write_spikes_seconds");

        if (r.Nodes.Count > 0)
        {
            string nodes = Path.Combine(dir, NodesFile);
            manifest.Add(nodes);
            NodesCsvWriter.Write(nodes, r.Nodes);
            written.Add(nodes);
        }
        if (r.Network is { } net)
        {
            string edges = Path.Combine(dir, SonataNetworkWriter.EdgesFile);
            string nodes = Path.Combine(dir, SonataNetworkWriter.NodesFile);
            manifest.Add(edges, nodes);
            SonataNetworkWriter.WriteEdges(edges, net.Edges);
            written.Add(edges);
            SonataNetworkWriter.WriteNodes(nodes, net.Nodes);
            written.Add(nodes);
        }
        if (r.Traces.Count > 0)
        {
            manifest.Add(r.Traces.Select(t => Path.GetFullPath(Path.Combine(dir, TraceCsvWriter.Folder, TraceCsvWriter.FileName(t)))));
            written.AddRange(TraceCsvWriter.Write(dir, r.Traces));
        }
        Lap("write_tables_seconds");

        if (r.Spec.Record.Figures)
        {
            var marks = TimeMarks.From(r.Spec, r.DurationMs);
            string raster = Path.Combine(dir, RasterFile);
            manifest.Add(raster);
            FigureWriter.WriteRaster(raster, r.Spikes, r.DurationMs, marks);
            written.Add(raster);
            Lap("write_raster_seconds");

            string rates = Path.Combine(dir, RatesFile);
            manifest.Add(rates);
            FigureWriter.WriteRates(rates, r.Spikes, r.DurationMs, marks);
            written.Add(rates);
            Lap("write_rates_seconds");

            if (r.Extra.TryGetValue("windup", out var w) && w is Dictionary<string, object> wd && wd.Count > 0)
            {
                string windup = Path.Combine(dir, WindupFigure.FileName);
                manifest.Add(windup);
                WindupFigure.Write(windup, wd.Values.Cast<Metrics.WindupResult>().ToList());
                written.Add(windup);
            }
            string traces = Path.Combine(dir, TracesFigureFile);
            manifest.Add(traces);
            if (FigureWriter.WriteTraces(traces, r.Traces))
                written.Add(traces);
            Lap("write_other_figures_seconds");
        }

        written.Add(metrics);
        manifest.Finish(written); // exactly what this run writes (traces.png may have been skipped)
        MetricsJsonWriter.Write(metrics, r);
        return written;
    }
}
