using CircuitSim.Engine;
using CircuitSim.Model;
using CircuitSim.Output;
using CircuitSim.Recording;
using CircuitSim.Scenarios;
using Spectre.Console;

namespace CircuitSim.Cli;

/// <summary>`circuitsim run` and `circuitsim validate`: load, build, run, write, summarise.</summary>
public static class RunCommandHandler
{
    public static int Validate(string file, string[] sets)
    {
        try
        {
            var spec = ScenarioLoader.Load(file, sets);
            PrintWarnings(spec);
            Console.WriteLine($"{file}: ok — '{spec.Name}', {spec.Populations.Count} populations " +
                              $"({spec.Populations.Sum(p => p.Count)} cells), {spec.Projections.Count} projections, " +
                              $"{spec.Stimuli.Count} stimuli, {spec.DurationMs / 1000:0.###} s at dt {spec.DtMs} ms");
            return ExitCodes.Ok;
        }
        catch (ScenarioException e) { return BadInput(e.Message); }
        catch (FileNotFoundException e) { return BadInput(e.Message); }
    }

    public static int Execute(RunArguments a)
    {
        double startup = (DateTime.Now - System.Diagnostics.Process.GetCurrentProcess().StartTime).TotalSeconds;
        var loadClock = System.Diagnostics.Stopwatch.StartNew();
        ScenarioSpec spec;
        try { spec = ScenarioLoader.Load(a.File, a.Sets); }
        catch (ScenarioException e) { return BadInput(e.Message); }
        catch (FileNotFoundException e) { return BadInput(e.Message); }
        if (a.Seed is { } seed) spec.Seed = seed;
        double loadSeconds = loadClock.Elapsed.TotalSeconds;
        PrintWarnings(spec);
        string outDir = a.Out ?? Path.Combine("results", SafeName(spec.Name));

        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; cancel.Cancel(); };
        Console.CancelKeyPress += onCancel;
        try
        {
            var options = new RunOptions(a.Backend ?? BackendKind.Auto, a.Threads);
            SimulationResult result;
            if (a.Quiet || Console.IsOutputRedirected)
            {
                var progress = a.Quiet ? null : new ProgressLine(spec);
                result = Runner.Run(spec, options, progress is null ? null : new[] { progress }, cancel.Token);
            }
            else
            {
                result = RunWithProgressBar(spec, options, cancel.Token);
            }
            bool complete = result.Steps * spec.DtMs >= spec.DurationMs - spec.DtMs / 2;
            result.Extra["timing"] = new Dictionary<string, double>
            {
                ["startup_seconds"] = startup, ["load_seconds"] = loadSeconds, ["build_seconds"] = result.BuildSeconds,
                ["loop_seconds"] = result.LoopSeconds,
            };
            result.Extra["completed"] = complete;
            var files = ResultsWriter.WriteAll(result, outDir);
            if (!a.Quiet) Summary.Print(result, outDir, files);
            if (!complete)
            {
                Console.Error.WriteLine($"interrupted at {result.DurationMs / 1000:0.###} s: partial results in {outDir}");
                return ExitCodes.Failure;
            }
            return ExitCodes.Ok;
        }
        catch (BuildException e) { return BadInput($"{a.File}: {e.Message}"); }
        catch (NumericalBlowupException e)
        {
            Console.Error.WriteLine($"error: {a.File}: {e.Message}");
            return ExitCodes.Failure;
        }
        finally { Console.CancelKeyPress -= onCancel; }
    }

    private static SimulationResult RunWithProgressBar(ScenarioSpec spec, RunOptions options, CancellationToken cancel)
    {
        SimulationResult? result = null;
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask(spec.Name, maxValue: spec.DurationMs);
                var observer = new ProgressBarObserver(task);
                result = Runner.Run(spec, options, new ISimulationObserver[] { observer }, cancel);
                task.Value = task.MaxValue;
            });
        return result!;
    }

    private static void PrintWarnings(ScenarioSpec spec)
    {
        foreach (var w in spec.Warnings) Console.Error.WriteLine("warning: " + w);
    }

    private static int BadInput(string message)
    {
        Console.Error.WriteLine("error: " + message);
        return ExitCodes.BadInput;
    }

    public static string SafeName(string name)
    {
        var chars = name.Trim().Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-').ToArray();
        var s = new string(chars).Trim('-');
        while (s.Contains("--")) s = s.Replace("--", "-");
        return s.Length == 0 ? "scenario" : s;
    }
}
