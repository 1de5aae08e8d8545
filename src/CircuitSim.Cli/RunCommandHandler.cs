using CircuitSim.Engine;
using CircuitSim.Model;
using CircuitSim.Output;
using CircuitSim.Recording;
using CircuitSim.Scenarios;
using Spectre.Console;

namespace CircuitSim.Cli;

/// <summary>`circuitsim run`: load, check the output folder, build, run, write, summarise.</summary>
public static class RunCommandHandler
{
    public static int Execute(RunArguments a)
    {
        double startup = (DateTime.Now - System.Diagnostics.Process.GetCurrentProcess().StartTime).TotalSeconds;
        var loadClock = System.Diagnostics.Stopwatch.StartNew();
        if (ScenarioInput.Load(a.File, a.Sets) is not { } loaded) return ExitCodes.BadInput;
        var spec = loaded.Spec;
        if (a.Seed is { } seed) spec.Seed = seed;
        double loadSeconds = loadClock.Elapsed.TotalSeconds;
        PrintWarnings(spec);
        if (loaded.Sweep is not null && !a.Quiet)
            Console.Error.WriteLine("note: the scenario's sweep: section is read by `circuitsim sweep`; this run uses the scenario's own values");
        string outDir = a.Out ?? Path.Combine("results", SafeName(spec.Name));
        if (OutputFolder.Problem(outDir) is { } why) return ScenarioInput.BadInput(why);
        if (a.Backend is { } kind)
        {
            // checked here: a BuildException from the run would point at the file's backend key, not the option
            try
            {
                if (kind == BackendKind.Gpu) CircuitSim.Engine.Backends.ExternalEngines.RequireGpu();
                else CircuitSim.Engine.Backends.NeuronBackends.Create(kind);
            }
            catch (BuildException e) { return ScenarioInput.BadInput("--backend: " + e.Message); }
        }

        using var stop = new StopSignals();
        try
        {
            var options = new RunOptions(a.Backend ?? BackendKind.Auto, a.Threads, GpuDevice: a.GpuDevice, GpuDelivery: a.GpuDelivery);
            SimulationResult result;
            if (a.Quiet || Console.IsOutputRedirected)
            {
                var progress = a.Quiet ? null : new ProgressLine(spec);
                result = Runner.Run(spec, options, progress is null ? null : new[] { progress }, stop.Token);
            }
            else
            {
                result = RunWithProgressBar(spec, options, stop.Token);
            }
            bool complete = result.Steps * spec.DtMs >= spec.DurationMs - spec.DtMs / 2;
            result.Extra["timing"] = new Dictionary<string, double>
            {
                ["startup_seconds"] = startup, ["load_seconds"] = loadSeconds, ["build_seconds"] = result.BuildSeconds,
                ["loop_seconds"] = result.LoopSeconds,
            };
            result.Extra["completed"] = complete;
            IReadOnlyList<string> files;
            try
            {
                files = ResultsWriter.WriteAll(result, outDir);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // disk full, permission changed during the run, a file where a folder goes: one line, no stack trace
                Console.Error.WriteLine($"error: cannot write the results in {outDir}: {e.Message}");
                return ExitCodes.Failure;
            }
            if (!a.Quiet) Summary.Print(result, outDir, files);
            if (!complete)
            {
                Console.Error.WriteLine($"interrupted at {result.DurationMs / 1000:0.###} s: partial results in {outDir}");
                return ExitCodes.Failure;
            }
            return ExitCodes.Ok;
        }
        // a device the chosen backend cannot find is the option's fault, not the file's
        catch (BuildException e) when (a.Backend is not null && e.KeyPaths.Contains("backend") && loaded.ValueAt("backend") is null)
        {
            return ScenarioInput.BadInput("--backend: " + e.Message);
        }
        catch (BuildException e) { return ScenarioInput.BadInput(loaded.Describe(e)); }
        catch (NumericalBlowupException e)
        {
            Console.Error.WriteLine($"error: {a.File}: {e.Message}");
            return ExitCodes.Failure;
        }
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

    internal static void PrintWarnings(ScenarioSpec spec)
    {
        foreach (var w in spec.Warnings) Console.Error.WriteLine("warning: " + w);
    }

    public static string SafeName(string name)
    {
        var chars = name.Trim().Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-').ToArray();
        var s = new string(chars).Trim('-');
        while (s.Contains("--")) s = s.Replace("--", "-");
        return s.Length == 0 ? "scenario" : s;
    }
}
