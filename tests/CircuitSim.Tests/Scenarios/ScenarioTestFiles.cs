using CircuitSim.Model;
using CircuitSim.Scenarios;

namespace CircuitSim.Tests.Scenarios;

/// <summary>A temporary folder of scenario files for one test.</summary>
internal sealed class ScenarioTestFiles : IDisposable
{
    public string Dir { get; } = Path.Combine(Path.GetTempPath(), "circuitsim-scn-" + Guid.NewGuid().ToString("N"));

    public ScenarioTestFiles() => Directory.CreateDirectory(Dir);

    /// <summary>Writes a file (relative name, may include folders) and returns its full path.</summary>
    public string Write(string name, string yaml)
    {
        string path = Path.Combine(Dir, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, yaml.Replace("\r\n", "\n"));
        return path;
    }

    public ScenarioSpec Load(string name, string yaml, params string[] sets) => ScenarioLoader.Load(Write(name, yaml), sets);

    /// <summary>Loads a file that must fail and returns its errors.</summary>
    public IReadOnlyList<ScenarioError> Errors(string name, string yaml, params string[] sets)
    {
        string path = Write(name, yaml);
        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(path, sets));
        Assert.NotEmpty(e.Errors);
        Assert.Equal(string.Join(Environment.NewLine, e.Errors), e.Message);
        return e.Errors;
    }

    public void Dispose()
    {
        try { Directory.Delete(Dir, recursive: true); } catch (IOException) { }
    }

    /// <summary>
    /// A small valid circuit: C fibres onto WDR neurons, a wind-up train. Line numbers matter in
    /// tests: 'duration' is line 2, WDR's 'count' line 12, its params line 13, the projection's
    /// 'to' line 17, its connect line 18.
    /// </summary>
    public const string Base =
        """
        name: base circuit
        duration: 2 s
        populations:
          C:
            kind: afferent
            fibre: C
            count: 20
            conduction_distance: 50 mm
          WDR:
            kind: neuron
            model: adex
            count: 10
            params: { C: 200 pF, gL: 10 nS, EL: -65 mV }
        projections:
          C_WDR:
            from: C
            to: WDR
            connect: { rule: probability, p: 0.5 }
            receptors: { AMPA: 1 nS, NMDA: 0.6 nS }
        stimuli:
          train:
            target: C
            protocol: pulse_train
            start: 1 s
            count: 16
            frequency: 1 Hz

        """;
}
