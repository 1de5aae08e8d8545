using System.Globalization;
using System.Text.Json;
using CircuitSim.Output;

namespace CircuitSim.Tests.Output;

public class TraceCsvWriterTests
{
    [Fact]
    public void PandasReadsShapeHeaderAndExactFloat32Values()
    {
        using var dir = new TempDir();
        var trace = OutputTestData.Trace();
        var files = TraceCsvWriter.Write(dir.Path, [trace]);
        var path = Assert.Single(files);
        Assert.Equal(Path.Combine(dir.Path, "traces", "WDR.v.csv"), path);

        const string script = """
            import sys, json
            import numpy as np, pandas as pd
            df = pd.read_csv(sys.argv[1])
            print(json.dumps({'shape': list(df.shape), 'columns': list(df.columns),
                              'time': df['time_ms'].tolist(),
                              'bits': {c: [int(b) for b in df[c].to_numpy(dtype=np.float32).view(np.uint32)] for c in df.columns[1:]}}))
            """;
        var doc = JsonDocument.Parse(ExternalTool.RunPython(script, path)).RootElement;
        Assert.Equal([5, 3], doc.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(["time_ms", "0", "2"], doc.GetProperty("columns").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal([0.0, 0.1, 0.2, 0.3, 0.4], doc.GetProperty("time").EnumerateArray().Select(e => e.GetDouble()));

        // Every value parses back to the very same float32 (compare bit patterns).
        for (int c = 0; c < trace.Neurons.Length; c++)
        {
            var bits = doc.GetProperty("bits").GetProperty(trace.Neurons[c].ToString(CultureInfo.InvariantCulture))
                .EnumerateArray().Select(e => e.GetUInt32()).ToArray();
            var expected = Enumerable.Range(0, 5).Select(k => BitConverter.SingleToUInt32Bits(trace.Values[k, c])).ToArray();
            Assert.Equal(expected, bits);
        }
    }

    [Fact]
    public void TextIsInvariantAndShortest()
    {
        using var dir = new TempDir();
        var path = Assert.Single(TraceCsvWriter.Write(dir.Path, [OutputTestData.Trace()]));
        var lines = File.ReadAllLines(path);
        Assert.Equal("time_ms,0,2", lines[0]);
        Assert.Equal("0,-65,-70.25", lines[1]);
        Assert.Equal("0.1,-64.5,0.1", lines[2]);
        Assert.Equal("0.3,-50,-123456.79", lines[4]);
        Assert.Equal(6, lines.Length);
    }

    [Fact]
    public void NonFiniteValuesAreReadByPandasAsFloats()
    {
        using var dir = new TempDir();
        var t = new CircuitSim.Recording.TraceData
        {
            Population = "P", Variable = "w", Unit = "pA", Neurons = [7], EveryMs = 1,
            Values = new float[,] { { float.NaN }, { float.PositiveInfinity }, { float.NegativeInfinity } },
        };
        var path = Assert.Single(TraceCsvWriter.Write(dir.Path, [t]));
        var output = ExternalTool.RunPython("""
            import sys, pandas as pd
            s = pd.read_csv(sys.argv[1])['7']
            print(s.dtype, s.isna()[0], s[1], s[2])
            """, path);
        Assert.Equal("float64 True inf -inf", output.Trim());
    }
}
