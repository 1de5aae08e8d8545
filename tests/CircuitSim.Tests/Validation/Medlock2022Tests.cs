using CircuitSim.Model;
using CircuitSim.Stimuli;

namespace CircuitSim.Tests.Validation;

/// <summary>
/// The Medlock et al. 2022 network (scenarios/medlock-2022.yaml) against the targets their genetic
/// algorithm fitted (fitnessFunc.py): median NK1 projection-neuron rates 0 Hz at 10 and 25 mN,
/// 1.63, 5.46 and 9.70 Hz at 50, 100 and 200 mN, over a 5 s press with their afferent input table.
/// </summary>
public class Medlock2022Tests
{
    [Fact]
    public void Input_table_gives_their_rates()
    {
        // their curves at onset and 5 s at scale 1 (36.2 -> 7.66, 27.2 -> 9.1, 31.9 -> 7.6 Hz) and their force scales
        Assert.Equal(36.2, Medlock2022Input.RateHz(FibreClass.Abeta, Adaptation.Slow, 100, 0), 1);
        Assert.Equal(7.66, Medlock2022Input.RateHz(FibreClass.Abeta, Adaptation.Slow, 50, 5000), 2);
        Assert.Equal(3.6, Medlock2022Input.RateHz(FibreClass.Abeta, Adaptation.Slow, 5, 0), 1);
        Assert.Equal(27.2 * 0.25, Medlock2022Input.RateHz(FibreClass.Adelta, Adaptation.Slow, 100, 0), 1);
        Assert.Equal(9.1 * 0.5, Medlock2022Input.RateHz(FibreClass.Adelta, Adaptation.Slow, 200, 5000), 1);
        Assert.Equal(31.865 * 2, Medlock2022Input.RateHz(FibreClass.C, Adaptation.Slow, 800, 0), 6);
        Assert.Equal(31.865e-3, Medlock2022Input.RateHz(FibreClass.C, Adaptation.Slow, 25, 0), 4);
        Assert.Equal(0, Medlock2022Input.RateHz(FibreClass.Abeta, Adaptation.Rapid, 100, 0));
        Assert.Equal(Medlock2022Input.RateHz(FibreClass.C, Adaptation.Slow, 100, 5000), Medlock2022Input.RateHz(FibreClass.C, Adaptation.Slow, 100, 9000));
    }

    [Fact]
    public void A_heat_stimulus_built_in_code_is_refused_with_the_medlock_input()
    {
        // the loader refuses it too; this is the builder's own check for specs made in code
        var spec = CircuitSim.Tests.Engine.Specs.Empty("heat", 100);
        spec.Populations.Add(new PopulationSpec { Name = "C", Kind = PopulationKind.Afferent, Count = 4, Fibre = FibreClass.C });
        spec.Stimuli.Add(new StimulusSpec
        {
            Name = "hot", Target = "C", Protocol = StimulusProtocol.Natural, Modality = NaturalModality.Heat, TemperatureC = 48,
            Input = NaturalInput.Medlock2022, StartMs = 10, DurationMs = 50,
        });
        var e = Assert.Throws<CircuitSim.Engine.BuildException>(() => CircuitSim.Engine.NetworkBuilder.Build(spec));
        Assert.Contains("mechanical stimuli only", e.Message);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void Afferents_fire_at_the_mean_rates_of_their_table()
    {
        // 100 mN over 5 s: their formula means Abeta 13.6, Adelta 4.50, C 3.57 Hz
        var r = ScenarioRuns.Run("medlock-2022.yaml", "record.figures=false");
        double Rate(string pop) => r.PerNeuron(pop, 500, 5500) / 5.0;
        Assert.InRange(Rate("Abeta_SA"), 12.0, 15.2);
        Assert.InRange(Rate("Adelta"), 3.8, 5.2);
        Assert.InRange((Rate("C_pep") + Rate("C_np")) / 2, 3.2, 3.95);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void Projection_neurons_follow_their_force_response_targets()
    {
        foreach (var seed in new[] { 1, 2 })
        {
            double Median(double forceMn)
            {
                var r = ScenarioRuns.Run("medlock-2022.yaml", $"seed={seed}", $"stimuli.press.force={forceMn}mN", "record.figures=false");
                var pn = r.Spikes("PN");
                var counts = new double[pn.Size];
                for (int k = 0; k < pn.TimesMs.Length; k++)
                    if (pn.TimesMs[k] >= 500 && pn.TimesMs[k] < 5500) counts[pn.NodeIds[k]] += 1 / 5.0;
                Array.Sort(counts);
                return (counts[pn.Size / 2 - 1] + counts[pn.Size / 2]) / 2;
            }
            var m = new[] { 10, 25, 50, 100, 200 }.Select(f => Median(f)).ToArray();
            string all = string.Join(", ", m.Select(x => x.ToString("F2")));
            Assert.True(m[0] == 0 && m[1] == 0, $"seed {seed}: innocuous pressure must not drive PN: {all}");
            Assert.InRange(m[2], 0.3, 4.0);   // target 1.63 Hz
            Assert.InRange(m[3], 3.0, 12.0);  // target 5.46 Hz
            Assert.InRange(m[4], 5.0, 15.0);  // target 9.70 Hz
            Assert.True(m[2] < m[3] && m[3] <= m[4] + 0.5, $"seed {seed}: not rising with force: {all}");
        }
    }
}
