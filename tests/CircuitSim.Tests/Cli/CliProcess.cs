using CircuitSim.Cli;

namespace CircuitSim.Tests.Cli;

/// <summary>Runs `circuitsim` in process, as Program.cs does, capturing what it writes (tests doing so share the "console" collection).</summary>
internal static class CliProcess
{
    public static (int Code, string Out, string Err) Run(params string[] args)
    {
        var (oldOut, oldErr) = (Console.Out, Console.Error);
        var (output, error) = (new StringWriter(), new StringWriter());
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            var parsed = CommandLine.Build().Parse(args);
            int code = parsed.Errors.Count > 0 ? CommandLine.ReportParseErrors(parsed) : parsed.Invoke();
            return (code, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldErr);
        }
    }

    /// <summary>The CLI built beside this test assembly's configuration: src/CircuitSim.Cli/bin/&lt;config&gt;/&lt;tfm&gt;/circuitsim.dll, for tests that start it as a child process.</summary>
    public static string Dll()
    {
        var tfmDir = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var root = tfmDir;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "CircuitSim.sln"))) root = root.Parent;
        Assert.NotNull(root);
        var dll = Path.Combine(root.FullName, "src", "CircuitSim.Cli", "bin", tfmDir.Parent!.Name, tfmDir.Name, "circuitsim.dll");
        Assert.True(File.Exists(dll), dll);
        return dll;
    }
}
