using CircuitSim.Scenarios;
using CircuitSim.Tests.Studies;
using CircuitSim.Viz;

namespace CircuitSim.Tests.Viz;

/// <summary>Scenarios for the live view's tests, written beside a temporary folder and extending the ready ones.</summary>
internal sealed class VizFiles : IDisposable
{
    public string Dir { get; } = Directory.CreateTempSubdirectory("circuitsim-viz-").FullName;

    /// <summary>
    /// windup.yaml with only its 1 Hz train (16 C-strength pulses from 1 s) and 18 s long; the wind-up bars
    /// follow the train and key 1 gives ketamine (60 % NMDA block).
    /// </summary>
    public string Windup(string extraViz = "")
    {
        // the defaults below, less those the extra lines give themselves (a key twice is a YAML error)
        string defaults = string.Join("\n", new[] { "  windup: { population: WDR, stimulus: fast }", "  drugs: { ketamine: 0.6 }", "  window: 2 s" }
            .Where(l => !extraViz.Contains(l[..l.IndexOf(':')] + ":")));
        string rel = Path.GetRelativePath(Dir, Path.Combine(StudyFiles.RepoRoot(), "scenarios", "windup.yaml")).Replace('\\', '/');
        string yaml = $$"""
            name: viz-windup
            extends: {{rel}}
            duration: 18 s
            stimuli:
              slow: null
              fast: { start: 1 s }
            record:
              metrics:
                windup_slow: null
              figures: false
            viz:
            {{defaults}}
            {{extraViz}}
            """;
        string path = Path.Combine(Dir, "windup.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    public static VizSession Session(string file, VizOptions options) => new(ScenarioLoader.LoadWithOrigins(file), options);

    public void Dispose()
    {
        try { Directory.Delete(Dir, recursive: true); } catch (IOException) { }
    }
}
