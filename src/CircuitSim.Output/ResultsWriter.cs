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

        // seconds per kind of output, into metrics.json's "timing" (what the whole process spends besides the loop)
        var timing = r.Extra.TryGetValue("timing", out var earlier) && earlier is Dictionary<string, double> td ? td : new Dictionary<string, double>();
        r.Extra["timing"] = timing;

        // the data files (PureHDF, CSV) are written on another thread while this one draws the figures (ScottPlot):
        // the two share nothing, and the figures alone take longer than the data; the manifest is filled first,
        // on this thread
        string spikes = Path.Combine(dir, SpikesFile);
        manifest.Add(spikes);
        string? nodesCsv = r.Nodes.Count > 0 ? Path.Combine(dir, NodesFile) : null;
        if (nodesCsv is not null) manifest.Add(nodesCsv);
        string? edgesH5 = null, nodesH5 = null;
        if (r.Network is not null)
        {
            edgesH5 = Path.Combine(dir, SonataNetworkWriter.EdgesFile);
            nodesH5 = Path.Combine(dir, SonataNetworkWriter.NodesFile);
            manifest.Add(edgesH5, nodesH5);
        }
        if (r.Traces.Count > 0)
            manifest.Add(r.Traces.Select(t => Path.GetFullPath(Path.Combine(dir, TraceCsvWriter.Folder, TraceCsvWriter.FileName(t)))));
        string? substancesCsv = r.Substances is not null ? Path.Combine(dir, SubstanceCsvWriter.FileName) : null;
        if (substancesCsv is not null) manifest.Add(substancesCsv);
        string? weightsCsv = r.Weights.Count > 0 ? Path.Combine(dir, WeightCsvWriter.FileName) : null;
        if (weightsCsv is not null) manifest.Add(weightsCsv);
        string? fieldsH5 = r.Fields.Count > 0 ? Path.Combine(dir, FieldsHdf5Writer.FileName) : null;
        if (fieldsH5 is not null) manifest.Add(fieldsH5);
        bool figures = r.Spec.Record.Figures;
        string raster = Path.Combine(dir, RasterFile), rates = Path.Combine(dir, RatesFile), traces = Path.Combine(dir, TracesFigureFile);
        string windup = Path.Combine(dir, WindupFigure.FileName);
        var windupResults = r.Extra.TryGetValue("windup", out var w) && w is Dictionary<string, object> wd && wd.Count > 0
            ? wd.Values.Cast<Metrics.WindupResult>().ToList() : null;
        if (figures)
        {
            manifest.Add(raster, rates);
            if (windupResults is not null) manifest.Add(windup);
            if (r.Substances is not null) manifest.Add(Path.Combine(dir, SubstancesFigure.FileName));
            if (r.Weights.Count > 0) manifest.Add(Path.Combine(dir, WeightsFigure.FileName));
            if (r.Fields.Count > 0) manifest.Add(Path.Combine(dir, FieldsFigure.FileName));
            manifest.Add(traces);
        }

        var dataTimes = new Dictionary<string, double>();
        var data = Task.Run(() =>
        {
            var files = new List<string>();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            SonataSpikeWriter.Write(spikes, r.Spikes);
            files.Add(spikes);
            dataTimes["write_spikes_seconds"] = clock.Elapsed.TotalSeconds;
            clock.Restart();
            if (nodesCsv is not null) { NodesCsvWriter.Write(nodesCsv, r.Nodes); files.Add(nodesCsv); }
            if (r.Network is { } net)
            {
                SonataNetworkWriter.WriteEdges(edgesH5!, net.Edges);
                files.Add(edgesH5!);
                SonataNetworkWriter.WriteNodes(nodesH5!, net.Nodes);
                files.Add(nodesH5!);
            }
            if (r.Traces.Count > 0) files.AddRange(TraceCsvWriter.Write(dir, r.Traces));
            if (substancesCsv is not null) { SubstanceCsvWriter.Write(substancesCsv, r.Substances!); files.Add(substancesCsv); }
            if (weightsCsv is not null) { WeightCsvWriter.Write(weightsCsv, r.Weights); files.Add(weightsCsv); }
            if (fieldsH5 is not null) { FieldsHdf5Writer.Write(fieldsH5, r.Fields, r.Microglia, r.Astrocytes); files.Add(fieldsH5); }
            dataTimes["write_tables_seconds"] = clock.Elapsed.TotalSeconds;
            return files;
        });

        var figureFiles = new List<string>();
        try
        {
            if (figures)
            {
                var clock = System.Diagnostics.Stopwatch.StartNew();
                void Lap(string what) { timing[what] = timing.GetValueOrDefault(what) + clock.Elapsed.TotalSeconds; clock.Restart(); }
                var marks = TimeMarks.From(r.Spec, r.DurationMs);
                FigureWriter.WriteRaster(raster, r.Spikes, r.DurationMs, marks);
                figureFiles.Add(raster);
                Lap("write_raster_seconds");
                FigureWriter.WriteRates(rates, r.Spikes, r.DurationMs, marks);
                figureFiles.Add(rates);
                Lap("write_rates_seconds");
                if (windupResults is not null)
                {
                    WindupFigure.Write(windup, windupResults);
                    figureFiles.Add(windup);
                }
                if (r.Substances is { } st)
                {
                    string path = Path.Combine(dir, SubstancesFigure.FileName);
                    SubstancesFigure.Write(path, st);
                    figureFiles.Add(path);
                }
                if (r.Weights.Count > 0)
                {
                    string path = Path.Combine(dir, WeightsFigure.FileName);
                    WeightsFigure.Write(path, r.Weights);
                    figureFiles.Add(path);
                }
                if (r.Fields.Count > 0)
                {
                    string path = Path.Combine(dir, FieldsFigure.FileName);
                    FieldsFigure.Write(path, r.Fields, r.Microglia, r.Astrocytes);
                    figureFiles.Add(path);
                }
                if (FigureWriter.WriteTraces(traces, r.Traces))
                    figureFiles.Add(traces);
                Lap("write_other_figures_seconds");
            }
        }
        catch
        {
            // a figure failed: let the data files finish (or fail) before the error goes up, so nothing is left half written
            try { data.Wait(); } catch (AggregateException) { }
            throw;
        }
        var written = data.GetAwaiter().GetResult(); // rethrows the data writer's own exception
        foreach (var (k, v) in dataTimes) timing[k] = timing.GetValueOrDefault(k) + v;
        written.AddRange(figureFiles);

        written.Add(metrics);
        manifest.Finish(written); // exactly what this run writes (traces.png may have been skipped)
        MetricsJsonWriter.Write(metrics, r);
        return written;
    }
}
