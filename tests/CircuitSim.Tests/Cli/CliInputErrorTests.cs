namespace CircuitSim.Tests.Cli;

/// <summary>A scenario file that cannot be read is one line naming it, exit code 2, never a stack trace or a hang.</summary>
[Collection("console")]
public class CliInputErrorTests
{
    [Theory]
    [InlineData("validate")]
    [InlineData("run")]
    public void DevZero_is_refused_at_once(string command)
    {
        if (!File.Exists("/dev/zero")) return;
        var (code, _, err) = CliProcess.Run(command, "/dev/zero");
        Assert.Equal(2, code);
        Assert.Equal("error: /dev/zero:1:1: (file): the file is larger than 16 MiB, the most a scenario may be (is it the right file?)", err.TrimEnd());
    }

    [Fact]
    public void A_folder_given_as_the_file_says_so()
    {
        var dir = Directory.CreateTempSubdirectory("circuitsim-dir-").FullName;
        try
        {
            var (code, _, err) = CliProcess.Run("validate", dir);
            Assert.Equal((2, $"error: {dir}:1:1: (file): this is a folder, not a scenario file"), (code, err.TrimEnd()));
        }
        finally { Directory.Delete(dir); }
    }

    [Fact]
    public void A_file_that_fails_to_read_is_one_line_with_the_systems_reason()
    {
        if (!File.Exists("/proc/self/mem")) return; // reading its first page fails with EIO, even for root
        var (code, _, err) = CliProcess.Run("validate", "/proc/self/mem");
        Assert.Equal((2, "error: /proc/self/mem:1:1: (file): cannot read the file: Input/output error"), (code, err.TrimEnd()));
    }
}
