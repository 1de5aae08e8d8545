using System.Globalization;
using CircuitSim.Engine;
using CircuitSim.Model;
using CircuitSim.Scenarios;
using CircuitSim.Viz;

namespace CircuitSim.Cli;

public sealed record VizArguments(string File, string[] Sets, string? Screenshot, string? At, string? Record, string? Every,
    string[] Presses, string? Size, double? Speed, BackendKind? Backend, int Threads, ulong? Seed);

/// <summary>`circuitsim viz`: the live view of a scenario, in a window or headless (PNG frames).</summary>
public static class VizCommandHandler
{
    public static int Execute(VizArguments a)
    {
        if (ScenarioInput.Load(a.File, a.Sets) is not { } loaded) return ExitCodes.BadInput;
        if (a.Seed is { } seed) loaded.Spec.Seed = seed;
        RunCommandHandler.PrintWarnings(loaded.Spec);
        if (Parse(a) is not { } options) return ExitCodes.BadInput;
        try
        {
            using var session = new VizSession(loaded, options);
            if (options.Headless)
            {
                var files = session.RunHeadless(Console.Error);
                Console.WriteLine($"{files.Count} file(s) written: {(files.Count <= 3 ? string.Join(", ", files) : $"{files[0]} … {files[^1]}")}");
                if (session.Frames.Count > 0)
                    Console.WriteLine($"{session.Frames.Count} frame(s) drawn, {session.Frames.MeanMs:0.0} ms each on average ({session.RendererName}); simulated {session.Simulation.TimeMs / 1000:0.###} s");
            }
            else
            {
                session.RunWindow();
                foreach (var f in session.Written) Console.WriteLine("screenshot: " + f);
                if (session.Frames.Count > 1)
                    Console.WriteLine($"{session.Frames.Count} frames, {session.Frames.MeanAfterFirstMs:0.0} ms each on average, slowest {session.Frames.MaxMs:0} ms ({session.RendererName}); simulated {session.Simulation.TimeMs / 1000:0.###} s");
            }
            // what the keys did, for the record of a class or a study
            foreach (var c in session.Simulation.Commands.Applied.Where(c => !c.Scheduled))
                Console.WriteLine($"at {c.Step * loaded.Spec.DtMs / 1000:0.###} s: {c.Description}");
            return ExitCodes.Ok;
        }
        catch (BuildException e) { return ScenarioInput.BadInput(loaded.Describe(e)); }
        catch (VizException e)
        {
            Console.Error.WriteLine("error: " + e.Message);
            return ExitCodes.Failure;
        }
        catch (NumericalBlowupException e)
        {
            Console.Error.WriteLine($"error: {a.File}: {e.Message}");
            return ExitCodes.Failure;
        }
    }

    private static VizOptions? Parse(VizArguments a)
    {
        var problems = new List<string>();
        double? Time(string? text, string option)
        {
            if (text is null) return null;
            try { return Units.Parse(text, Dimension.Time); }
            catch (FormatException e) { problems.Add($"{option}: {e.Message}"); return null; }
        }
        double? at = Time(a.At, "--at");
        double every = Time(a.Every, "--every") ?? 100;
        if (every <= 0) problems.Add("--every: expected a positive time, e.g. 100ms");
        if (a.At is not null && a.Screenshot is null && a.Record is null) problems.Add("--at: only with --screenshot or --record (the time of the shot, or where recording stops)");
        int width = 1280, height = 720;
        if (a.Size is { } size)
        {
            var parts = size.Split('x', 'X');
            if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out width)
                || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out height) || width < 320 || height < 240 || width > 7680 || height > 4320)
                problems.Add($"--size: expected WIDTHxHEIGHT in pixels, from 320x240 to 7680x4320, found '{size}'");
        }
        var presses = new List<(double, int)>();
        foreach (var p in a.Presses)
        {
            int colon = p.LastIndexOf(':');
            if (colon <= 0) { problems.Add($"--press: expected TIME:KEY, e.g. 5s:1 or 180s:space, found '{p}'"); continue; }
            double? t = Time(p[..colon], "--press");
            int? key = CircuitSim.Viz.Controls.Keys.Parse(p[(colon + 1)..]);
            if (key is null) problems.Add($"--press: unknown key '{p[(colon + 1)..]}' (a letter or digit, space, enter, up, down, left, right, plus, minus, esc)");
            if (t is { } tt && key is { } k) presses.Add((tt, k));
        }
        if (a.Speed is { } s && s < 0) problems.Add("--speed: expected simulated time per wall-clock time, ≥ 0 (0: as fast as it goes)");
        foreach (var pr in problems) Console.Error.WriteLine("error: " + pr);
        if (problems.Count > 0) return null;
        string? shotDir = a.Screenshot is { } sp ? Path.GetDirectoryName(Path.GetFullPath(sp)) : a.Record;
        return new VizOptions(width, height, a.Screenshot, a.Record, at, every, presses, a.Backend ?? BackendKind.Auto, a.Threads, a.Speed,
            shotDir ?? ".");
    }
}
