using CircuitSim.Validation;

namespace CircuitSim.Tests.Validation;

/// <summary>
/// The sensitivity analysis runs through the study machinery: every evaluation is journaled, so an
/// analysis that is run again (after an interruption, or once its shards are done) redoes nothing
/// and writes the same table.
/// </summary>
[Trait("Category", "Slow")]
public class SensitivityResumeTests
{
    [Fact]
    public void A_rerun_reads_every_evaluation_from_the_journal_and_shards_fill_the_same_table()
    {
        var dir = Directory.CreateTempSubdirectory("circuitsim-sens-").FullName;
        try
        {
            string parms = Path.Combine(dir, "params.txt");
            File.WriteAllText(parms, "projections.Cpep_PN.receptors.NK1=0.012 nS\nprojections.PV_WDR.receptors.GABA_A=0.6 nS\n");
            string[] Args(string study, string md, params string[] more) =>
                ["--params", parms, "--only", "V3", "--seeds", "11,12", "--jobs", "2", "--study", study, "--out", md, .. more];

            // the whole analysis: 2 seeds x (baseline + NK1 -20 % + NK1 +20 %); the GABA_A of PV -> WDR cannot reach V3's neurons
            string whole = Path.Combine(dir, "whole.md");
            Assert.Equal(0, Commands.Sensitivity(Options.Parse(Args(Path.Combine(dir, "a"), whole))));
            var journal = Directory.GetFiles(Path.Combine(dir, "a", "journal"), "*.jsonl").Single();
            Assert.Equal(6, File.ReadAllLines(journal).Length);
            var table = File.ReadAllText(whole);
            Assert.Contains("| `projections.PV_WDR.receptors.GABA_A` | 0.6nS | no path |", table);
            Assert.Matches(@"\| `projections.Cpep_PN.receptors.NK1` \| 0.012nS \| (holds|\*\*flips\*\*) \(\d/2; .+\) / (holds|\*\*flips\*\*) \(\d/2; .+\) \|", table);
            Assert.DoesNotContain("in progress", table);

            // run again: nothing new is evaluated, the same table is written
            string again = Path.Combine(dir, "again.md");
            Assert.Equal(0, Commands.Sensitivity(Options.Parse(Args(Path.Combine(dir, "a"), again))));
            Assert.Equal(6, File.ReadAllLines(journal).Length);
            Assert.Equal(Rows(table), Rows(File.ReadAllText(again)));

            // in two shards: the first leaves the table in progress, the second completes it
            string sharded = Path.Combine(dir, "sharded.md");
            Assert.Equal(0, Commands.Sensitivity(Options.Parse(Args(Path.Combine(dir, "b"), sharded, "--shard", "0/2"))));
            Assert.Contains("in progress: 3 of 6 evaluations", File.ReadAllText(sharded));
            Assert.Equal(0, Commands.Sensitivity(Options.Parse(Args(Path.Combine(dir, "b"), sharded, "--shard", "1/2"))));
            Assert.Equal(Rows(table), Rows(File.ReadAllText(sharded)));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public void The_old_resume_flag_says_that_resuming_is_automatic()
    {
        var e = Assert.Throws<ArgumentException>(() => Options.Parse(["--resume"]));
        Assert.Contains("resumes by itself", e.Message);
    }

    private static List<string> Rows(string md) => md.Split('\n').Where(l => l.StartsWith("| `")).ToList();
}
