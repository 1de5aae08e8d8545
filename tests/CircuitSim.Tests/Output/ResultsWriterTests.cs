using System.Text.Json;
using CircuitSim.Output;

namespace CircuitSim.Tests.Output;

public class ResultsWriterTests
{
    [Fact]
    public void WritesAllFilesWithMetricsLast()
    {
        using var dir = new TempDir();
        var outDir = Path.Combine(dir.Path, "results", "output-test");
        var files = ResultsWriter.WriteAll(OutputTestData.Result(), outDir);

        string[] expected = ["spikes.h5", "traces/WDR.v.csv", "raster.png", "rates.png", "traces.png", "metrics.json"];
        Assert.Equal(expected.Select(f => Path.Combine(outDir, f)), files);
        Assert.All(files, f => Assert.True(new FileInfo(f).Length > 0, f));
        // Nothing else (no temp files left) but the list of files written, for the next run into the folder.
        Assert.Equal(expected.Append(".circuitsim-files").Select(f => Path.Combine(outDir, f)).Order(),
            Directory.GetFiles(outDir, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }).Order());
        Assert.True(File.GetLastWriteTimeUtc(Path.Combine(outDir, "metrics.json")) >= File.GetLastWriteTimeUtc(Path.Combine(outDir, "raster.png")));

        // One python process reads everything a user would.
        const string script = """
            import sys, os, json, h5py, pandas as pd
            d = sys.argv[1]
            f = h5py.File(os.path.join(d, 'spikes.h5'), 'r')
            df = pd.read_csv(os.path.join(d, 'traces', 'WDR.v.csv'))
            m = json.load(open(os.path.join(d, 'metrics.json')))
            print(json.dumps({'pops': sorted(f['spikes'].keys()), 'n_C': int(f['spikes/C/node_ids'].shape[0]),
                              'trace_shape': list(df.shape), 'scenario': m['scenario'],
                              'metric_pops': list(m['populations'].keys())}))
            """;
        var doc = JsonDocument.Parse(ExternalTool.RunPython(script, outDir)).RootElement;
        Assert.Equal(["C", "Silent", "WDR"], doc.GetProperty("pops").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(5, doc.GetProperty("n_C").GetInt32());
        Assert.Equal([5, 3], doc.GetProperty("trace_shape").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal("output-test", doc.GetProperty("scenario").GetString());
        Assert.Equal(["C", "WDR", "Silent"], doc.GetProperty("metric_pops").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void NoFiguresWhenTheScenarioSaysNo()
    {
        using var dir = new TempDir();
        var files = ResultsWriter.WriteAll(OutputTestData.Result(figures: false), dir.Path);
        Assert.Equal(["spikes.h5", "WDR.v.csv", "metrics.json"], files.Select(Path.GetFileName));
        Assert.Empty(Directory.GetFiles(dir.Path, "*.png"));
    }

    [Fact]
    public void AFailedRunLeavesNoMetricsJson()
    {
        using var dir = new TempDir();
        ResultsWriter.WriteAll(OutputTestData.Result(figures: false), dir.Path);
        Assert.True(File.Exists(dir.File("metrics.json")));

        // A second run into the same folder fails while writing (duplicate population): the old
        // metrics.json must not survive to vouch for a folder that is now half old, half new.
        var r = OutputTestData.Result(figures: false);
        var bad = new CircuitSim.Recording.SimulationResult
        {
            Spec = r.Spec, DurationMs = r.DurationMs, Steps = r.Steps, Backend = r.Backend, Threads = r.Threads,
            LoopSeconds = r.LoopSeconds, BuildSeconds = r.BuildSeconds, SynapseCount = r.SynapseCount,
            SynapticEvents = r.SynapticEvents, Spikes = [OutputTestData.Wdr(), OutputTestData.Wdr()],
            Traces = r.Traces, Metrics = r.Metrics,
        };
        Assert.Throws<ArgumentException>(() => ResultsWriter.WriteAll(bad, dir.Path));
        Assert.False(File.Exists(dir.File("metrics.json")));
        Assert.Empty(Directory.GetFiles(dir.Path, ".*tmp-*", SearchOption.AllDirectories));
    }
}
