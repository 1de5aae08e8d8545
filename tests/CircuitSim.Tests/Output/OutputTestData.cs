using CircuitSim.Metrics;
using CircuitSim.Model;
using CircuitSim.Recording;

namespace CircuitSim.Tests.Output;

/// <summary>A small hand-made run: two populations with known spikes, one empty population, one trace.</summary>
internal static class OutputTestData
{
    public static PopulationSpikes Afferents() => new()
    {
        Population = "C",
        Size = 4,
        TimesMs = [1.0, 2.5, 2.5, 7.25, 12.0],
        NodeIds = [0, 1, 3, 2, 0],
    };

    public static PopulationSpikes Wdr() => new()
    {
        Population = "WDR",
        Size = 3,
        TimesMs = [3.0, 5.0, 7.0, 9.0, 9.5],
        NodeIds = [1, 1, 1, 1, 2],
    };

    public static PopulationSpikes Silent() => new()
    {
        Population = "Silent",
        Size = 2,
        TimesMs = [],
        NodeIds = [],
    };

    /// <summary>The 17 populations of the base circuit (scenarios/base/dorsal-horn.yaml) in its order, with laminae.</summary>
    public static readonly (string Name, string? Lamina)[] BasePopulations =
    [
        ("C_pep", null), ("C_np", null), ("Adelta", null), ("Abeta_SA", null), ("Abeta_SA2", null), ("Abeta_RA", null),
        ("PN", "I"), ("PKCg", "IIi"), ("VGLUT3", "III"), ("DOR", "IIi"), ("TC", "II"), ("SOM", "II"), ("CR", "IIo"),
        ("PV", "IIi"), ("DYN", "II"), ("islet", "II"), ("WDR", "V"),
    ];

    /// <summary>
    /// Spikes of the 17 base populations over 1 s, 10 neurons each: neuron n of population i fires every
    /// 40 + 7·i ms from n·3 ms, so every population has a rate of its own (25 Hz down to 6.5 Hz).
    /// </summary>
    public static List<PopulationSpikes> BaseCircuit()
    {
        var list = new List<PopulationSpikes>();
        for (int i = 0; i < BasePopulations.Length; i++)
        {
            var spikes = new List<(double T, int Id)>();
            for (int n = 0; n < 10; n++)
                for (double t = n * 3; t < 1000; t += 40 + 7 * i) spikes.Add((t, n));
            spikes.Sort();
            list.Add(new PopulationSpikes
            {
                Population = BasePopulations[i].Name, Lamina = BasePopulations[i].Lamina, Size = 10,
                TimesMs = spikes.Select(s => s.T).ToArray(), NodeIds = spikes.Select(s => s.Id).ToArray(),
            });
        }
        return list;
    }

    /// <summary>WDR.v for neurons 0 and 2, every 0.1 ms, 5 samples (mV).</summary>
    public static TraceData Trace(string variable = "v", string unit = "mV") => new()
    {
        Population = "WDR",
        Variable = variable,
        Unit = unit,
        Neurons = [0, 2],
        EveryMs = 0.1,
        Values = new float[,]
        {
            { -65f, -70.25f },
            { -64.5f, 0.1f },
            { -63.123456f, 1e-7f },
            { -50f, -123456.79f },
            { 20f, 3.4028235e38f },
        },
    };

    public static SimulationResult Result(bool figures = true)
    {
        var spec = new ScenarioSpec
        {
            Name = "output-test",
            Description = "hand-made result for the writers",
            Seed = 42,
            DurationMs = 20,
            DtMs = 0.1,
        };
        spec.Record.Figures = figures;
        var spikes = new List<PopulationSpikes> { Afferents(), Wdr(), Silent() };
        var result = new SimulationResult
        {
            Spec = spec,
            DurationMs = 20,
            Steps = 200,
            Backend = "reference",
            Threads = 1,
            LoopSeconds = 0.5,
            BuildSeconds = 0.25,
            SynapseCount = 12,
            SynapticEvents = 30,
            Spikes = spikes,
            Traces = [Trace()],
            Metrics = CircuitSim.Metrics.MetricsCalculator.Compute(spikes, 20),
        };
        result.Extra["windup"] = new { SpikesPerPulse = new[] { 1.0, 2.0, double.NaN }, Population = "WDR" };
        return result;
    }
}

/// <summary>A fresh temporary folder, deleted on dispose.</summary>
internal sealed class TempDir : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "circuitsim-output-" + Guid.NewGuid().ToString("N"));
    public TempDir() => Directory.CreateDirectory(Path);
    public string File(string name) => System.IO.Path.Combine(Path, name);
    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}
