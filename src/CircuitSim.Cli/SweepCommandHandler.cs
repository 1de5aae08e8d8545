using CircuitSim.Model;
using CircuitSim.Scenarios;
using CircuitSim.Studies;
using CircuitSim.Studies.Cluster;
using CircuitSim.Studies.Running;
using Spectre.Console;

namespace CircuitSim.Cli;

public sealed record SweepArguments(string File, string? Out, string[] Sets, int Jobs, string? Shard, int? Slurm, bool Submit,
    string? Partition, string? TimeLimit, bool KeepRuns, BackendKind? Backend, bool Quiet, string GpuDevice = "auto");

/// <summary>
/// `circuitsim sweep`: plans the study from the scenario's `sweep:`, runs what is not finished yet
/// (all of it, or one shard), and writes results.csv and results.parquet; or, with --slurm N,
/// writes a Slurm array job of N shards and a merge job (and submits them with --submit).
/// </summary>
public static class SweepCommandHandler
{
    public static int Execute(SweepArguments a)
    {
        var shard = Shard.Whole;
        if (a.Shard is { } shardText && !Shard.TryParse(shardText, out shard, out var why)) return ScenarioInput.BadInput("--shard: " + why);
        if (a.Slurm is { } n && n < 1) return ScenarioInput.BadInput($"--slurm: expected the number of shards (at least 1), found {n}");
        if (a.Slurm is not null && a.Shard is not null) return ScenarioInput.BadInput("--slurm writes the jobs that run every shard; give it without --shard");
        if (a.Submit && a.Slurm is null) return ScenarioInput.BadInput("--submit submits the Slurm jobs of --slurm N; give --slurm too");
        if (a.Jobs < 0) return ScenarioInput.BadInput($"--jobs: expected a whole number ≥ 0 (0: one per core), found {a.Jobs}");
        // with the gpu backend --jobs is the copies per batch (the workers mostly wait for the device)
        int jobs = a.Jobs > 0 ? a.Jobs : a.Backend == BackendKind.Gpu ? 64 : Environment.ProcessorCount;

        string? name;
        try { name = ScenarioLoader.Load(a.File, a.Sets).Name; }
        catch (ScenarioException e) { return ScenarioInput.BadInput(e.Message); }
        string outDir = a.Out ?? Path.Combine("results", RunCommandHandler.SafeName(name) + "-sweep");

        StudyManifest manifest;
        try { manifest = Study.Prepare(a.File, a.Sets, outDir); }
        catch (ScenarioException e) { return ScenarioInput.BadInput(e.Message); }
        catch (StudyException e) { return ScenarioInput.BadInput(e.Message); }

        if (a.Slurm is { } shards)
        {
            var shardArgs = new List<string>();
            if (a.KeepRuns) shardArgs.Add("--keep-runs");
            if (a.Backend is { } b) shardArgs.AddRange(["--backend", b.ToString().ToLowerInvariant()]);
            string submit = SlurmJob.Write(outDir, name, SlurmJob.ThisCommand(), a.File, a.Sets,
                new SlurmSettings(shards, Math.Max(1, a.Jobs), a.Partition, a.TimeLimit), shardArgs);
            Console.WriteLine($"{manifest.Runs.Count} runs in {shards} shards: Slurm jobs written to {Path.GetDirectoryName(submit)}");
            if (!a.Submit)
            {
                Console.WriteLine($"submit them with: {submit}");
                return ExitCodes.Ok;
            }
            var (code, output) = Shell(submit);
            Console.WriteLine(output.TrimEnd());
            if (code != 0) Console.Error.WriteLine($"error: {submit} exited with {code}");
            return code == 0 ? ExitCodes.Ok : ExitCodes.Failure;
        }

        var options = new StudyOptions(a.File, a.Sets, outDir, jobs, a.Backend ?? BackendKind.Auto, shard, a.KeepRuns, a.GpuDevice);
        using var stop = new StopSignals();
        StudyOutcome outcome;
        var tables = new TableRefresh(manifest, outDir, shard.IsWhole);
        try
        {
            if (a.Quiet || Console.IsErrorRedirected || Console.IsOutputRedirected)
            {
                outcome = StudyRunner.Run(manifest, options, new StudyProgress(manifest.Runs, null, a.Quiet), stop.Token, tables.Maybe);
            }
            else
            {
                outcome = null!;
                AnsiConsole.Progress().AutoClear(false)
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                    .Start(ctx =>
                    {
                        var bar = ctx.AddTask("study", maxValue: Math.Max(1, manifest.Runs.Count));
                        outcome = StudyRunner.Run(manifest, options, new StudyProgress(manifest.Runs, bar, false), stop.Token, tables.Maybe);
                    });
            }
        }
        catch (StudyException e)
        {
            // the study stopped (its scenario changed, another process holds the shard): what finished stays
            if (shard.IsWhole) tables.Now();
            Console.Error.WriteLine("error: " + e.Message);
            return ExitCodes.Failure;
        }

        int done = outcome.DoneBefore + outcome.RanNow;
        if (shard.IsWhole)
        {
            var table = tables.Now();
            if (!a.Quiet) Console.WriteLine($"{done} of {outcome.Planned} runs finished ({outcome.Failed} failed this time): {Path.Combine(outDir, Study.CsvFile)}, {Path.Combine(outDir, Study.ParquetFile)}");
            try
            {
                foreach (var fig in Study.Figures(manifest, outDir, table))
                    if (!a.Quiet) Console.WriteLine($"figure: {fig}");
                if (Study.Stratify(manifest, outDir, table) is { } strata && !a.Quiet) Console.WriteLine(strata.Markdown());
            }
            catch (StudyException e) { return ScenarioInput.BadInput(e.Message); }
        }
        else if (!a.Quiet)
            Console.WriteLine($"shard {shard}: {done} of {outcome.Planned} runs finished ({outcome.Failed} failed this time); join the shards with `circuitsim merge {outDir}`");
        if (outcome.Interrupted)
        {
            Console.Error.WriteLine($"interrupted: {done} of {outcome.Planned} runs finished and kept in {outDir}; run the same command again to finish the rest");
            return ExitCodes.Failure;
        }
        return ExitCodes.Ok;
    }

    private static (int Code, string Output) Shell(string script)
    {
        var psi = new System.Diagnostics.ProcessStartInfo("/bin/bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(script);
        using var p = System.Diagnostics.Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, output + err.Result);
    }

    /// <summary>Rewrites the tables while a whole study runs (at most every 2 s, never two at once), so they are current at any moment.</summary>
    private sealed class TableRefresh(StudyManifest manifest, string outDir, bool enabled)
    {
        private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
        private int _busy;
        private double _last = double.NegativeInfinity;

        public void Maybe()
        {
            if (!enabled || _clock.Elapsed.TotalSeconds - _last < 2 || Interlocked.Exchange(ref _busy, 1) == 1) return;
            try
            {
                Study.WriteTables(manifest, outDir);
                _last = _clock.Elapsed.TotalSeconds;
            }
            finally { Volatile.Write(ref _busy, 0); }
        }

        public CircuitSim.Studies.Results.ResultTable Now()
        {
            while (Interlocked.Exchange(ref _busy, 1) == 1) Thread.Sleep(10);
            try { return Study.WriteTables(manifest, outDir); }
            finally { Volatile.Write(ref _busy, 0); }
        }
    }
}
