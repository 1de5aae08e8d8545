using System.CommandLine;
using CircuitSim.Engine;
using CircuitSim.Model;

namespace CircuitSim.Cli;

/// <summary>The `circuitsim` command line: run, validate, sweep and merge.</summary>
public static class CommandLine
{
    public static RootCommand Build()
    {
        // the GPU backend (ILGPU) lives outside Core: the command makes it available to every run and sweep
        CircuitSim.Gpu.GpuEngineFactory.Register();
        var root = new RootCommand("CircuitSim: the spinal dorsal horn as a spiking circuit");
        root.Subcommands.Add(RunCommand());
        root.Subcommands.Add(ValidateCommand());
        root.Subcommands.Add(SweepCommand());
        root.Subcommands.Add(MergeCommand());
        root.Subcommands.Add(VizCommand());
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
        var gpuDevice = GpuDeviceOption();
        var gpuDelivery = GpuDeliveryOption();
        var cmd = new Command("run", "run a scenario and write spikes, traces, metrics and figures")
            { file, output, set, backend, threads, seed, quiet, gpuDevice, gpuDelivery };
        cmd.SetAction(r => RunCommandHandler.Execute(new RunArguments(
            r.GetValue(file)!, r.GetValue(output), r.GetValue(set) ?? Array.Empty<string>(), r.GetValue(backend),
            r.GetValue(threads), r.GetValue(seed), r.GetValue(quiet), r.GetValue(gpuDevice) ?? "auto", r.GetValue(gpuDelivery))));
        return cmd;
    }

    private static Option<string?> GpuDeviceOption() => new("--gpu-device")
    {
        Description = "for --backend gpu: auto | cuda | cpu (cpu: ILGPU's CPU accelerator, for tests without a GPU)",
        CustomParser = r =>
        {
            string? v = r.Tokens.Count > 0 ? r.Tokens[0].Value : null;
            if (v is null || v is "auto" or "cuda" or "cpu") return v;
            r.AddError($"--gpu-device: expected auto, cuda or cpu, found '{v}'");
            return null;
        },
    };

    private static Option<GpuDelivery> GpuDeliveryOption() => new("--gpu-delivery")
    {
        Description = "for --backend gpu: exact (the CPU's sums, identical spikes) | fast (event-driven, fixed-point: deterministic, not bit-identical)",
        DefaultValueFactory = _ => GpuDelivery.Exact,
        CustomParser = r =>
        {
            string? v = r.Tokens.Count > 0 ? r.Tokens[0].Value : null;
            if (v is null or "exact") return GpuDelivery.Exact;
            if (v == "fast") return GpuDelivery.Fast;
            r.AddError($"--gpu-delivery: expected exact or fast, found '{v}'");
            return GpuDelivery.Exact;
        },
    };

    private static Command ValidateCommand()
    {
        var file = new Argument<string>("file") { Description = "scenario YAML file" };
        var set = SetOption();
        var cmd = new Command("validate", "check a scenario without running it") { file, set };
        cmd.SetAction(r => ValidateCommandHandler.Execute(r.GetValue(file)!, r.GetValue(set) ?? Array.Empty<string>()));
        return cmd;
    }

    private static Command SweepCommand()
    {
        var file = new Argument<string>("file") { Description = "scenario YAML file with a sweep: section" };
        var output = new Option<string?>("--out") { Description = "study folder (default results/<scenario-name>-sweep/); a rerun resumes there" };
        var set = SetOption();
        var jobs = new Option<int>("--jobs") { Description = "runs at once, one thread each (0: one per core); with --backend gpu, the copies per batch (0: 64)", DefaultValueFactory = _ => 0 };
        var shard = new Option<string?>("--shard") { Description = "run only shard i of N (i/N, 0-based): runs whose index is i modulo N" };
        var slurm = new Option<int?>("--slurm") { Description = "write a Slurm array job of N shards and a merge job to <out>/slurm/, instead of running" };
        var submit = new Option<bool>("--submit") { Description = "with --slurm: submit the jobs with sbatch" };
        var partition = new Option<string?>("--partition") { Description = "with --slurm: the Slurm partition" };
        var time = new Option<string?>("--time") { Description = "with --slurm: each shard's time limit (Slurm format, e.g. 2:00:00)" };
        var keep = new Option<bool>("--keep-runs") { Description = "also write each run's full results (spikes, metrics, figures) to <out>/runs/run-NNNNNN/" };
        var backend = new Option<BackendKind?>("--backend")
            { Description = "auto | simd | reference | gpu (default: the scenario's)", CustomParser = OptionValues.Backend };
        var quiet = new Option<bool>("--quiet") { Description = "no progress or summary" };
        var gpuDevice = GpuDeviceOption();
        var cmd = new Command("sweep", "run a parameter study (the scenario's sweep:) and write results.csv and results.parquet")
            { file, output, set, jobs, shard, slurm, submit, partition, time, keep, backend, quiet, gpuDevice };
        cmd.SetAction(r => SweepCommandHandler.Execute(new SweepArguments(
            r.GetValue(file)!, r.GetValue(output), r.GetValue(set) ?? Array.Empty<string>(), r.GetValue(jobs), r.GetValue(shard),
            r.GetValue(slurm), r.GetValue(submit), r.GetValue(partition), r.GetValue(time), r.GetValue(keep), r.GetValue(backend), r.GetValue(quiet),
            r.GetValue(gpuDevice) ?? "auto")));
        return cmd;
    }

    private static Command VizCommand()
    {
        var file = new Argument<string>("file") { Description = "scenario YAML file (its viz: section chooses panels, keys and captions)" };
        var set = SetOption();
        var screenshot = new Option<string?>("--screenshot") { Description = "draw one frame without a display into this PNG (at --at, default the end)" };
        var at = new Option<string?>("--at") { Description = "simulated time of the screenshot, or where --record stops, e.g. 5s" };
        var record = new Option<string?>("--record") { Description = "draw a PNG frame every --every into this folder, without a display (and video.mp4 when ffmpeg is installed)" };
        var every = new Option<string?>("--every") { Description = "simulated time between recorded frames (default 100ms)" };
        var press = new Option<string[]>("--press")
            { Description = "press a key at a simulated time, TIME:KEY, e.g. 180s:1 (repeatable; headless)", Arity = ArgumentArity.ZeroOrMore };
        var size = new Option<string?>("--size") { Description = "frame size WIDTHxHEIGHT (default 1280x720)" };
        var speed = new Option<double?>("--speed") { Description = "simulated time per wall-clock time to start with (default the scenario's viz.speed or 1; 0: as fast as it goes)" };
        var backend = new Option<BackendKind?>("--backend")
            { Description = "auto | simd | reference | gpu (default: the scenario's)", CustomParser = OptionValues.Backend };
        var threads = new Option<int>("--threads")
            { Description = "worker threads (0: automatic)", DefaultValueFactory = _ => 0, CustomParser = OptionValues.Threads };
        var seed = new Option<ulong?>("--seed") { Description = "random seed (default: the scenario's)", CustomParser = OptionValues.Seed };
        var cmd = new Command("viz", "watch a scenario run live (window), or draw its frames headless (--screenshot, --record)")
            { file, set, screenshot, at, record, every, press, size, speed, backend, threads, seed };
        cmd.SetAction(r => VizCommandHandler.Execute(new VizArguments(
            r.GetValue(file)!, r.GetValue(set) ?? Array.Empty<string>(), r.GetValue(screenshot), r.GetValue(at), r.GetValue(record),
            r.GetValue(every), r.GetValue(press) ?? Array.Empty<string>(), r.GetValue(size), r.GetValue(speed), r.GetValue(backend),
            r.GetValue(threads), r.GetValue(seed))));
        return cmd;
    }

    private static Command MergeCommand()
    {
        var dirs = new Argument<string[]>("folders") { Description = "the study folder (and the folders of shards that ran elsewhere)", Arity = ArgumentArity.OneOrMore };
        var quiet = new Option<bool>("--quiet") { Description = "no summary" };
        var cmd = new Command("merge", "join the shards of a study into results.csv and results.parquet") { dirs, quiet };
        cmd.SetAction(r => MergeCommandHandler.Execute(r.GetValue(dirs)!, r.GetValue(quiet)));
        return cmd;
    }
}

public sealed record RunArguments(string File, string? Out, string[] Sets, BackendKind? Backend, int Threads, ulong? Seed, bool Quiet,
    string GpuDevice = "auto", GpuDelivery GpuDelivery = GpuDelivery.Exact);
