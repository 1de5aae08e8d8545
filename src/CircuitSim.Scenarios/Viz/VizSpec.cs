namespace CircuitSim.Scenarios;

/// <summary>
/// The scenario's <c>viz:</c> section, read by <c>circuitsim viz</c> (like <c>sweep:</c>, it is not part of a
/// run: a run's results and fingerprint do not depend on it). What the live view shows, the keys a teacher
/// presses, and captions that tell a class what to look at.
/// </summary>
public sealed class VizSpec
{
    public static readonly string[] PanelNames = ["raster", "traces", "windup", "substances", "chloride", "weights", "tissue"];

    /// <summary>Panels in order (raster and traces on the left, the others stacked on the right); empty: chosen from the scenario.</summary>
    public List<string> Panels { get; } = new();
    /// <summary>Time span of the scrolling raster and traces, ms.</summary>
    public double WindowMs { get; set; } = 2000;
    public List<VizTrace> Traces { get; } = new();
    /// <summary>The population whose wind-up bars build (null: the first wind-up metric's, else none).</summary>
    public string? WindupPopulation { get; set; }
    /// <summary>Pulse-train stimuli whose pulses start a bar.</summary>
    public List<string> WindupStimuli { get; } = new();
    /// <summary>Bars show what each pulse added: the window's spikes less those in as long a time before the pulse.</summary>
    public bool WindupBaseline { get; set; }
    /// <summary>The pulse-train stimulus whose frequency and intensity the arrow keys change (null: the last wind-up stimulus).</summary>
    public string? Stimulus { get; set; }
    /// <summary>Simulated time per wall-clock time to start with; 0: as fast as the machine goes.</summary>
    public double Speed { get; set; } = 1;
    /// <summary>Drugs on keys 1–9, with the dose each key gives (fraction of the targets occupied).</summary>
    public List<(string Drug, double Dose)> Drugs { get; } = new();
    /// <summary>Named changes on letter keys (a nerve injury, say), applied through the command queue.</summary>
    public List<VizAction> Actions { get; } = new();
    /// <summary>The tissue field drawn as a heat map (null: the first).</summary>
    public string? Field { get; set; }
    /// <summary>Captions by time, in order: each shows from its time until the next.</summary>
    public List<VizCaption> Captions { get; } = new();
}

public sealed record VizTrace(string Population, int Neuron, string Variable);

/// <summary>A key's change by key paths (values in internal units), as an intervention's <c>set</c>.</summary>
public sealed record VizAction(string Name, char Key, string Label, IReadOnlyList<KeyValuePair<string, double>> Set);

public sealed record VizCaption(double AtMs, string Text);
