using System.Runtime.InteropServices;

namespace CircuitSim.Tests.Studies;

/// <summary>SIGTERM (a cluster's time limit) stops a study cleanly: the finished runs are kept and tabled, exit code 1, and the same command finishes it.</summary>
public partial class StudySignalTests
{
    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    [Fact]
    public async Task Sigterm_keeps_the_finished_runs_in_the_table_and_the_same_command_finishes_the_study()
    {
        if (OperatingSystem.IsWindows()) return;
        using var f = new StudyFiles();
        var file = f.Scenario(duration: "40 s") /* runs long enough (~1 s each) to be stopped mid-study */;
        string journal = Path.Combine(f.Out("s"), "journal", "study.jsonl");
        using (var p = StudyFiles.Start(null, "sweep", file, "--out", f.Out("s"), "--jobs", "1", "--quiet"))
        {
            var err = p.StandardError.ReadToEndAsync();
            var until = DateTime.UtcNow.AddMinutes(3);
            while (!(File.Exists(journal) && File.ReadAllLines(journal).Length >= 2))
            {
                Assert.False(p.HasExited, "the study ended before the signal");
                Assert.True(DateTime.UtcNow < until, "no run finished within 3 minutes");
                await Task.Delay(20);
            }
            Assert.Equal(0, Kill(p.Id, 15));
            Assert.True(p.WaitForExit(120_000));
            Assert.Equal(1, p.ExitCode);
            string stderr = await err;
            Assert.Contains("interrupted:", stderr);
            Assert.Contains("run the same command again", stderr);
        }
        int kept = File.ReadAllLines(journal).Length;
        Assert.InRange(kept, 2, 11);
        Assert.Equal(kept + 1, File.ReadAllLines(Path.Combine(f.Out("s"), "results.csv")).Length);
        var (code, _, err2) = StudyFiles.RunCli(null, "sweep", file, "--out", f.Out("s"), "--quiet");
        Assert.True(code == 0, err2);
        Assert.Equal(13, File.ReadAllLines(Path.Combine(f.Out("s"), "results.csv")).Length);
    }
}
