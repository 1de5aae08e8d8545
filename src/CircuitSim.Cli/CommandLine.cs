using System.CommandLine;
using CircuitSim.Model;

namespace CircuitSim.Cli;

/// <summary>The `circuitsim` command line: run and validate.</summary>
public static class CommandLine
{
    public static RootCommand Build()
    {
        var root = new RootCommand("CircuitSim: the spinal dorsal horn as a spiking circuit");
        root.Subcommands.Add(RunCommand());
        root.Subcommands.Add(ValidateCommand());
        return root;
    }

    public static int ReportParseErrors(ParseResult parsed)
    {
        foreach (var e in parsed.Errors) Console.Error.WriteLine($"error: {OptionValues.Plain(e.Message)}");
        Console.Error.WriteLine("see `circuitsim --help`");
        return ExitCodes.BadInput;
    }

    private static Option<string[]> SetOption() => new("--set")
    {
        Description = "override a value by key path, e.g. --set duration=2s (repeatable)",
        Arity = ArgumentArity.ZeroOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    private static Command RunCommand()
    {
        var file = new Argument<string>("file") { Description = "scenario YAML file" };
        var output = new Option<string?>("--out") { Description = "output folder (default results/<scenario-name>/)" };
        var set = SetOption();
        var backend = new Option<BackendKind?>("--backend")
            { Description = "auto | simd | reference | gpu (default: the scenario's)", CustomParser = OptionValues.Backend };
        var threads = new Option<int>("--threads")
            { Description = "worker threads (0: automatic)", DefaultValueFactory = _ => 0, CustomParser = OptionValues.Threads };
        var seed = new Option<ulong?>("--seed") { Description = "random seed (default: the scenario's)", CustomParser = OptionValues.Seed };
        var quiet = new Option<bool>("--quiet") { Description = "no progress bar or summary table" };
        var cmd = new Command("run", "run a scenario and write spikes, traces, metrics and figures")
            { file, output, set, backend, threads, seed, quiet };
        cmd.SetAction(r => RunCommandHandler.Execute(new RunArguments(
            r.GetValue(file)!, r.GetValue(output), r.GetValue(set) ?? Array.Empty<string>(), r.GetValue(backend),
            r.GetValue(threads), r.GetValue(seed), r.GetValue(quiet))));
        return cmd;
    }

    private static Command ValidateCommand()
    {
        var file = new Argument<string>("file") { Description = "scenario YAML file" };
        var set = SetOption();
        var cmd = new Command("validate", "check a scenario without running it") { file, set };
        cmd.SetAction(r => ValidateCommandHandler.Execute(r.GetValue(file)!, r.GetValue(set) ?? Array.Empty<string>()));
        return cmd;
    }
}

public sealed record RunArguments(string File, string? Out, string[] Sets, BackendKind? Backend, int Threads, ulong? Seed, bool Quiet);
