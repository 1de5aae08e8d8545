using System.Diagnostics;
using CircuitSim.Tests.Output;

namespace CircuitSim.Tests.Studies;

/// <summary>
/// `circuitsim sweep --slurm 4 --submit` on a real single-node Slurm (tests/slurm/single-node.sh
/// starts munge, slurmctld and slurmd; CI installs them): a 4-task array job and a dependent merge
/// job, whose table must equal the study run on this machine without Slurm. Needs root (the
/// daemons run as root here); it fails, never skips, without them.
/// </summary>
[Trait("Category", "Slow")]
public class SlurmIntegrationTests
{
    [Fact]
    public void A_four_task_array_job_and_its_merge_job_give_the_table_of_the_local_study()
    {
        if (OperatingSystem.IsWindows()) return;
        using var f = new StudyFiles();
        var file = f.Scenario();
        string cluster = f.Out("cluster");
        string script = Path.Combine(StudyFiles.RepoRoot(), "tests", "slurm", "single-node.sh");
        var (up, upOut, upErr) = ExternalTool.Run("/bin/bash", script, "start", cluster);
        try
        {
            Assert.True(up == 0, $"single-node Slurm did not start:\n{upOut}\n{upErr}");
            var env = new Dictionary<string, string> { ["SLURM_CONF"] = Path.Combine(cluster, "slurm.conf") };

            var (code, stdout, stderr) = StudyFiles.RunCli(env, "sweep", file, "--out", f.Out("slurm"), "--slurm", "4", "--submit");
            Assert.True(code == 0, stdout + stderr);
            Assert.Matches(@"array job \d+ \(4 tasks\), merge job \d+", stdout);

            // the merge job writes the table when the four shards have finished
            string mergeLog = Path.Combine(f.Out("slurm"), "slurm", "merge.log");
            var clock = Stopwatch.StartNew();
            while (!(File.Exists(mergeLog) && File.ReadAllText(mergeLog).Contains("runs merged")))
            {
                Assert.True(clock.Elapsed < TimeSpan.FromMinutes(8), "the Slurm jobs did not finish within 8 minutes:\n" + Logs(f.Out("slurm")));
                Thread.Sleep(500);
            }
            Assert.Contains("12 runs merged", File.ReadAllText(mergeLog));
            Assert.Equal(4, Directory.GetFiles(Path.Combine(f.Out("slurm"), "journal"), "shard-*-of-0004.jsonl").Length);

            Assert.Equal(0, StudyFiles.RunCli(null, "sweep", file, "--out", f.Out("local"), "--quiet").Code);
            Assert.Equal(StudyFiles.TableWithoutTimes(f.Out("local")), StudyFiles.TableWithoutTimes(f.Out("slurm")));
        }
        finally
        {
            ExternalTool.Run("/bin/bash", script, "stop", cluster);
        }
    }

    private static string Logs(string outDir)
    {
        var dir = Path.Combine(outDir, "slurm");
        return Directory.Exists(dir)
            ? string.Join("\n", Directory.GetFiles(dir, "*.log").Select(l => $"--- {l}\n{File.ReadAllText(l)}"))
            : "(no slurm folder)";
    }
}
