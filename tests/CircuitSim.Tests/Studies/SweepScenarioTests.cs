using System.Globalization;

namespace CircuitSim.Tests.Studies;

/// <summary>The ready studies in scenarios/sweeps show what their descriptions say.</summary>
[Trait("Category", "Slow")]
public class SweepScenarioTests
{
    private static List<Dictionary<string, string>> Table(string folder)
    {
        var lines = File.ReadAllLines(Path.Combine(folder, "results.csv"));
        var header = lines[0].Split(',');
        return lines.Skip(1).Select(l => header.Zip(l.Split(',')).ToDictionary(p => p.First, p => p.Second)).ToList();
    }

    private static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    [Fact]
    public void Windup_grows_with_frequency_and_with_the_peptidergic_nmda_conductance_on_both_seeds()
    {
        using var f = new StudyFiles();
        string file = Path.Combine(StudyFiles.RepoRoot(), "scenarios", "sweeps", "windup-frequency-nmda.yaml");
        var (code, _, err) = StudyFiles.RunCli(null, "sweep", file, "--out", f.Out("w"), "--quiet");
        Assert.True(code == 0, err);
        var rows = Table(f.Out("w"));
        Assert.Equal(24, rows.Count);
        Assert.True(File.Exists(Path.Combine(f.Out("w"), "figures", "windup_map.png")));
        double W(double hz, double nmda, string seed) => D(rows.Single(r => D(r["stimuli.train.frequency"]) == hz
            && Math.Abs(D(r["projections.Cpep_WDR.receptors.NMDA"]) - nmda) < 1e-9 && r["seed"] == seed)["windup.windup.windup_index"]);
        foreach (var seed in new[] { "7", "8" })
            foreach (double nmda in new[] { 0, 0.1, 0.2, 0.3 })
            {
                Assert.True(W(1, nmda, seed) > W(0.5, nmda, seed) && W(2, nmda, seed) > W(1, nmda, seed), $"seed {seed}, {nmda} nS");
                if (nmda > 0) Assert.True(W(1, nmda, seed) > W(1, nmda - 0.1, seed) - 0.1, $"seed {seed}: NMDA {nmda} nS at 1 Hz");
            }
        foreach (var seed in new[] { "7", "8" })
            foreach (double hz in new[] { 0.5, 1, 2 })
                Assert.True(W(hz, 0.3, seed) > W(hz, 0, seed), $"seed {seed}, {hz} Hz: 0.3 nS against 0 nS");
    }

    [Fact]
    public void Inhibition_of_projection_neurons_turns_into_excitation_as_their_anion_reversal_rises()
    {
        using var f = new StudyFiles();
        string file = Path.Combine(StudyFiles.RepoRoot(), "scenarios", "sweeps", "chloride-gaba.yaml");
        var (code, _, err) = StudyFiles.RunCli(null, "sweep", file, "--out", f.Out("c"), "--quiet");
        Assert.True(code == 0, err);
        var rows = Table(f.Out("c"));
        Assert.Equal(36, rows.Count);
        double Mean(string arm, double ecl) => rows.Where(r => r["arm"] == arm && D(r["populations.PN.params.ECl"]) == ecl)
            .Average(r => D(r["response.pn.spikes_per_neuron"]));
        Assert.True(Mean("intact", -70) < 0.5 * Mean("no_inhibition", -70));   // inhibition works at -70 mV
        Assert.True(Mean("intact", -45) > 1.3 * Mean("no_inhibition", -45));   // and excites at -45 mV
        var intact = new[] { -70.0, -65, -60, -55, -50, -45 }.Select(e => Mean("intact", e)).ToList();
        Assert.Equal(intact.Order(), intact);                                    // rising with ECl
    }
}
