using CircuitSim.Validation;

namespace CircuitSim.Tests.Validation;

/// <summary>An interrupted sensitivity analysis (hours long) continues from the rows it already wrote.</summary>
public class SensitivityResumeTests
{
    private const string Table = """
        # Sensitivity of the validation targets to the tuned parameters (±20 %)

        Seeds 11, 12, 13, 14, 15; a target holds when its criteria hold on the median of the seeds and on most seeds.

        | parameter | tuned | V1 −20 %/+20 % |
        |---|---|---|
        | `populations.WDR.params.C` | 67.5pF | holds (3/5; ratio_last_first 2.16) / **flips** (2/5; ratio_last_first 2.06) |
        | `projections.PV_WDR.receptors.GABA_A` | 0.6nS | no path |

        (in progress: 2 of 106 parameters)
        """;

    [Fact]
    public void Resume_keeps_the_rows_of_an_interrupted_run_with_the_same_seeds()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, Table);
            var rows = Commands.FinishedRows(path, new ulong[] { 11, 12, 13, 14, 15 });
            Assert.Equal(new[] { "populations.WDR.params.C", "projections.PV_WDR.receptors.GABA_A" }, rows.Keys.Order());
            Assert.EndsWith("| no path |", rows["projections.PV_WDR.receptors.GABA_A"]);
            // rows made on other seeds are not comparable, so nothing is kept
            Assert.Empty(Commands.FinishedRows(path, new ulong[] { 1, 2, 3, 4, 5 }));
            Assert.Empty(Commands.FinishedRows(path + ".missing", new ulong[] { 11, 12, 13, 14, 15 }));
        }
        finally { File.Delete(path); }
    }
}
