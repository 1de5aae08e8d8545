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
}
