using CircuitSim.Engine;
using CircuitSim.Interventions;
using CircuitSim.Model;
using CircuitSim.Scenarios;
using CircuitSim.Stimuli;

namespace CircuitSim.Viz.Controls;

/// <summary>
/// The view's keys. Every change to the network is posted to the simulation's command queue and applied
/// at the next step boundary (pause, speed, reset and screenshots are the driver's). What is in force is
/// listed for the header.
/// </summary>
internal sealed class VizControls
{
    /// <summary>Named pulse intensities (multiples of the Aβ threshold, as <see cref="FibreClasses.NamedIntensity"/>).</summary>
    private static readonly (string Name, double T)[] Intensities = [("Aβ-strength", 3), ("Aδ-strength", 20), ("C-strength", 75)];
    public const double StepMs = 10;
    public const int TrainPulses = 16;

    private readonly Func<Simulation> _sim;
    private readonly IVizDriver _driver;
    private readonly VizSpec _viz;
    private readonly ScenarioSpec _spec;
    private readonly List<string> _conditions = new();
    private bool _descendingOff;
    private double _frequencyHz;
    private int _intensity = -1;

    public bool HelpShown { get; private set; }
    /// <summary>What the keys have put in force, for the header (drugs, actions, descending off).</summary>
    public List<string> Conditions => _conditions; // a List, so that the header's foreach allocates no enumerator
    /// <summary>The last thing a key did, for the header (e.g. "ketamine given (60 % of its targets)").</summary>
    public string LastAction { get; private set; } = "";
    public string? StimulusName => _viz.Stimulus;
    public double FrequencyHz => _frequencyHz;
    public string IntensityName => _intensity >= 0 ? Intensities[_intensity].Name : "as in the scenario";

    public VizControls(Func<Simulation> sim, IVizDriver driver, VizSpec viz, ScenarioSpec spec)
    {
        _sim = sim;
        _driver = driver;
        _viz = viz;
        _spec = spec;
        ResetState();
    }

    /// <summary>After a reset the network is the scenario's again.</summary>
    public void ResetState()
    {
        _conditions.Clear();
        _descendingOff = false;
        var st = _viz.Stimulus is { } s ? _spec.Stimuli.Find(x => x.Name == s) : null;
        _frequencyHz = st?.FrequencyHz ?? 1;
        _intensity = st?.IntensityT is { } t ? Array.FindLastIndex(Intensities, i => i.T <= t) : -1;
    }

    /// <summary>The keys and what they do, for the help overlay.</summary>
    public IEnumerable<(string Key, string Does)> Help()
    {
        yield return ("Space", "pause / run");
        yield return ("S", $"step {StepMs:0} ms (paused)");
        yield return ("+ / −", "faster / slower");
        if (_viz.Stimulus is { } s)
        {
            yield return ("Enter", $"a train of {TrainPulses} pulses ({s})");
            yield return ("↑ / ↓", "stimulus frequency ×2 / ÷2");
            yield return ("→ / ←", "stimulus intensity up / down");
        }
        if (_sim().Network.SourcePopulations.Any(p => p.Kind == PopulationKind.Descending))
            yield return ("D", "descending input off / on");
        for (int k = 0; k < _viz.Drugs.Count; k++)
            yield return ((k + 1).ToString(), $"give {_viz.Drugs[k].Drug} ({_viz.Drugs[k].Dose:P0} of its targets)");
        foreach (var a in _viz.Actions) yield return (a.Key.ToString(), a.Label);
        yield return ("R", "reset to time 0");
        yield return ("P", "screenshot (PNG)");
        yield return ("H / F1", "this help");
        yield return ("Q / Esc", "quit");
    }

    /// <summary>A key pressed (GLFW code and modifier bits); false when the key does nothing here.</summary>
    public bool Press(int key, int mods = 0)
    {
        switch (key)
        {
            case Keys.Space: _driver.TogglePause(); Said(_driver.Paused ? "paused" : "running"); return true;
            case 'S': _driver.Advance(StepMs); Said($"stepped {StepMs:0} ms"); return true;
            case Keys.Equal or Keys.KeypadAdd: Speed(2); return true;
            case Keys.Minus or Keys.KeypadSubtract: Speed(0.5); return true;
            case Keys.Enter or Keys.KeypadEnter: return Train(_frequencyHz);
            case Keys.Up: return Train(Math.Min(50, _frequencyHz * 2));
            case Keys.Down: return Train(Math.Max(0.0625, _frequencyHz / 2));
            case Keys.Right: return Intensity(+1);
            case Keys.Left: return Intensity(-1);
            case 'D': return ToggleDescending();
            case 'R': _driver.Reset(); Said("reset to time 0"); return true;
            case 'P': _driver.Screenshot(); return true;
            case 'H' or Keys.F1: HelpShown = !HelpShown; return true;
            case 'Q' or Keys.Escape: _driver.Quit(); return true;
        }
        if (key is >= Keys.Digit1 and <= Keys.Digit9) return Drug(key - Keys.Digit1);
        if (key is >= Keys.A and <= Keys.Z && _viz.Actions.Find(a => a.Key == (char)key) is { } action) return Act(action);
        return false;
    }

    private void Said(string what) => LastAction = what;

    private void Speed(double factor)
    {
        double s = _driver.TargetSpeed;
        if (s == 0) s = factor > 1 ? 0 : 64; // from 'as fast as it goes', slower starts at 64×
        else s = Math.Clamp(s * factor, 1.0 / 64, 1024);
        _driver.TargetSpeed = s;
        Said(s == 0 ? "speed: as fast as it goes" : $"speed: {s:0.###}× real time");
    }

    private PulseTrainDrive[] Drives() =>
        _viz.Stimulus is { } s ? _sim().Network.Drives.OfType<PulseTrainDrive>().Where(d => d.Name == s).ToArray() : Array.Empty<PulseTrainDrive>();

    private bool Train(double hz)
    {
        if (_viz.Stimulus is not { } name) return false;
        _frequencyHz = hz;
        var sim = _sim();
        Post($"stimulus {name}: {TrainPulses} pulses at {hz:0.###} Hz", net =>
        {
            long now = sim.StepsDone;
            foreach (var d in net.Drives.OfType<PulseTrainDrive>().Where(d => d.Name == name))
                d.Retime(now, 1000 / hz / net.DtMs, TrainPulses);
        });
        Said($"{name}: {TrainPulses} pulses at {hz:0.###} Hz");
        return true;
    }

    private bool Intensity(int delta)
    {
        if (_viz.Stimulus is not { } name) return false;
        _intensity = Math.Clamp((_intensity < 0 ? Intensities.Length - 1 : _intensity) + delta, 0, Intensities.Length - 1);
        var (label, t) = Intensities[_intensity];
        Post($"stimulus {name}: intensity {label}", net =>
        {
            foreach (var d in net.Drives.OfType<PulseTrainDrive>().Where(d => d.Name == name)) d.SetIntensity(t);
        });
        Said($"{name}: {label} ({t:0} T)");
        return true;
    }

    private bool ToggleDescending()
    {
        var net0 = _sim().Network;
        var descending = net0.SourcePopulations.Where(p => p.Kind == PopulationKind.Descending).Select(p => p.Name).ToArray();
        if (descending.Length == 0) { Said("this circuit has no descending fibres"); return false; }
        _descendingOff = !_descendingOff;
        bool off = _descendingOff;
        var rates = descending.ToDictionary(n => n, n => _spec.Populations.Find(p => p.Name == n)?.RateHz ?? 0);
        var releases = _spec.Releases.Where(r => !r.PeptidergicOnly && descending.Contains(r.Population)).ToArray();
        // spinalisation: the brainstem's axons fire and release nothing (as spinalized.yaml does with release: 0)
        Post(off ? "descending input off" : "descending input on", net =>
        {
            foreach (var sp in net.SourcePopulations.Where(p => descending.Contains(p.Name))) sp.EctopicRateHz = off ? 0 : rates[sp.Name];
            foreach (var r in releases) net.Neuromodulators?.SetRelease(r.Population, off ? 0 : r.PerSpikeUm);
        });
        Toggle("descending off", off);
        Said(off ? "descending input off (spinalised)" : "descending input restored");
        return true;
    }

    private bool Drug(int k)
    {
        if (k >= _viz.Drugs.Count) return false;
        var (name, dose) = _viz.Drugs[k];
        var drug = _spec.Drugs[name];
        var sim = _sim();
        Post($"drug {name} ({dose:P0})", net => net.Neuromodulators!.Give(drug, DoseKind.Fraction, dose, sim.TimeMs));
        Toggle($"{name} {dose:P0}", true);
        Said($"{name} given ({dose:P0} of its targets)");
        return true;
    }

    private bool Act(VizAction action)
    {
        var apply = InterventionCompiler.CompileLive(_sim().Network, action.Name, action.Set);
        Post(action.Label, apply);
        Toggle(action.Label, true);
        Said(action.Label);
        return true;
    }

    private void Post(string description, Action<Network> apply) => _sim().Commands.Post("viz: " + description, apply);

    private void Toggle(string condition, bool on)
    {
        _conditions.Remove(condition);
        if (on) _conditions.Add(condition);
    }
}
