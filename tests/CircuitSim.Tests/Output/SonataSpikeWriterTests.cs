using System.Text.Json;
using CircuitSim.Output;
using CircuitSim.Recording;

namespace CircuitSim.Tests.Output;

public class SonataSpikeWriterTests
{
    const string ReadSpikes = """
        import sys, json, h5py
        f = h5py.File(sys.argv[1], 'r')
        out = {'root_magic': int(f.attrs['magic']), 'root_version': [int(v) for v in f.attrs['version']],
               'spikes_magic': int(f['spikes'].attrs['magic']), 'spikes_version': [int(v) for v in f['spikes'].attrs['version']],
               'magic_dtype': str(f.attrs['magic'].dtype), 'populations': {}}
        for name, g in f['spikes'].items():
            ts, ids = g['timestamps'], g['node_ids']
            out['populations'][name] = {
                'timestamps': [float(t) for t in ts[:]], 'node_ids': [int(i) for i in ids[:]],
                'ts_dtype': str(ts.dtype), 'ids_dtype': str(ids.dtype), 'units': ts.attrs['units'],
                'sorting': int(g.attrs['sorting']),
                'sorting_enum': h5py.check_enum_dtype(g.attrs.get_id('sorting').dtype),
                'sorting_base': str(g.attrs.get_id('sorting').dtype)}
        print(json.dumps(out))
        """;

    static JsonElement WriteAndRead(TempDir dir, IReadOnlyList<PopulationSpikes> spikes)
    {
        var path = dir.File("spikes.h5");
        SonataSpikeWriter.Write(path, spikes);
        return JsonDocument.Parse(ExternalTool.RunPython(ReadSpikes, path)).RootElement;
    }

    [Fact]
    public void H5pyReadsPopulationsTimesIdsAndSortingEnum()
    {
        using var dir = new TempDir();
        var doc = WriteAndRead(dir, [OutputTestData.Afferents(), OutputTestData.Wdr(), OutputTestData.Silent()]);

        Assert.Equal(0x0A7A, doc.GetProperty("root_magic").GetInt32());
        Assert.Equal(0x0A7A, doc.GetProperty("spikes_magic").GetInt32());
        Assert.Equal("uint32", doc.GetProperty("magic_dtype").GetString());
        Assert.Equal([0, 1], doc.GetProperty("root_version").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal([0, 1], doc.GetProperty("spikes_version").EnumerateArray().Select(e => e.GetInt32()));

        var pops = doc.GetProperty("populations");
        Assert.Equal(["C", "Silent", "WDR"], pops.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));

        var c = pops.GetProperty("C");
        Assert.Equal([1.0, 2.5, 2.5, 7.25, 12.0], c.GetProperty("timestamps").EnumerateArray().Select(e => e.GetDouble()));
        Assert.Equal([0L, 1, 3, 2, 0], c.GetProperty("node_ids").EnumerateArray().Select(e => e.GetInt64()));
        Assert.Equal("float64", c.GetProperty("ts_dtype").GetString());
        Assert.Equal("uint64", c.GetProperty("ids_dtype").GetString());
        Assert.Equal("ms", c.GetProperty("units").GetString());
        Assert.Equal(2, c.GetProperty("sorting").GetInt32());   // by_time
        var names = c.GetProperty("sorting_enum");
        Assert.Equal(0, names.GetProperty("none").GetInt32());
        Assert.Equal(1, names.GetProperty("by_id").GetInt32());
        Assert.Equal(2, names.GetProperty("by_time").GetInt32());
        Assert.Equal("uint8", c.GetProperty("sorting_base").GetString());

        var wdr = pops.GetProperty("WDR");
        Assert.Equal([3.0, 5.0, 7.0, 9.0, 9.5], wdr.GetProperty("timestamps").EnumerateArray().Select(e => e.GetDouble()));
        Assert.Equal([1L, 1, 1, 1, 2], wdr.GetProperty("node_ids").EnumerateArray().Select(e => e.GetInt64()));
    }

    [Fact]
    public void EmptyPopulationHasZeroLengthDatasets()
    {
        using var dir = new TempDir();
        var silent = WriteAndRead(dir, [OutputTestData.Silent()]).GetProperty("populations").GetProperty("Silent");
        Assert.Equal(0, silent.GetProperty("timestamps").GetArrayLength());
        Assert.Equal(0, silent.GetProperty("node_ids").GetArrayLength());
        Assert.Equal("float64", silent.GetProperty("ts_dtype").GetString());
        Assert.Equal("uint64", silent.GetProperty("ids_dtype").GetString());
        Assert.Equal(2, silent.GetProperty("sorting").GetInt32());
    }

    [Fact]
    public void UnsortedInputIsWrittenSortedByTimeThenId()
    {
        using var dir = new TempDir();
        var p = new PopulationSpikes { Population = "X", Size = 5, TimesMs = [4.0, 1.0, 4.0, 0.5], NodeIds = [3, 2, 1, 4] };
        var x = WriteAndRead(dir, [p]).GetProperty("populations").GetProperty("X");
        Assert.Equal([0.5, 1.0, 4.0, 4.0], x.GetProperty("timestamps").EnumerateArray().Select(e => e.GetDouble()));
        Assert.Equal([4L, 2, 1, 3], x.GetProperty("node_ids").EnumerateArray().Select(e => e.GetInt64()));
    }

    [Fact]
    public void H5dumpReadsTheFile()
    {
        using var dir = new TempDir();
        var path = dir.File("spikes.h5");
        SonataSpikeWriter.Write(path, [OutputTestData.Afferents(), OutputTestData.Silent()]);
        var (code, stdout, stderr) = ExternalTool.Run("h5dump", "-H", path);
        Assert.True(code == 0, $"h5dump exited with {code}: {stderr}");
        Assert.Contains("GROUP \"spikes\"", stdout);
        Assert.Contains("\"by_time\"", stdout);
        Assert.Contains("H5T_STD_U64LE", stdout);
        Assert.Contains("H5T_IEEE_F64LE", stdout);
    }

    [Fact]
    public void BadInputIsRejectedAndLeavesNoFile()
    {
        using var dir = new TempDir();
        var path = dir.File("spikes.h5");
        var mismatched = new PopulationSpikes { Population = "X", Size = 2, TimesMs = [1.0, 2.0], NodeIds = [0] };
        Assert.Throws<ArgumentException>(() => SonataSpikeWriter.Write(path, [mismatched]));
        Assert.Throws<ArgumentException>(() => SonataSpikeWriter.Write(path, [OutputTestData.Wdr(), OutputTestData.Wdr()]));
        var slash = new PopulationSpikes { Population = "a/b", Size = 1, TimesMs = [], NodeIds = [] };
        Assert.Throws<ArgumentException>(() => SonataSpikeWriter.Write(path, [slash]));
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }
}
