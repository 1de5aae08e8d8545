using System.Text;
using CircuitSim.Output;

namespace CircuitSim.Studies.Cluster;

/// <summary>Where and how the Slurm jobs run: partition, time limit, cores per shard.</summary>
public sealed record SlurmSettings(int Shards, int CpusPerShard, string? Partition, string? TimeLimit);

/// <summary>
/// <c>circuitsim sweep --slurm N</c>: a Slurm job array with one task per shard (task i runs
/// <c>--shard i/N</c> into the shared study folder) and a merge job that starts when every task
/// has succeeded (<c>--dependency=afterok</c>). Writes slurm/array.sbatch, slurm/merge.sbatch and
/// slurm/submit.sh, which submits both and prints their job ids. Paths are absolute, since the
/// jobs start in another working directory on another node.
/// </summary>
public static class SlurmJob
{
    public const string Folder = "slurm";

    /// <summary>Writes the three files; returns the path of submit.sh.</summary>
    /// <param name="shardArgs">More options each shard runs with (--keep-runs, --backend).</param>
    public static string Write(string outDir, string name, IReadOnlyList<string> command, string scenarioFile,
        IReadOnlyList<string> sets, SlurmSettings s, IReadOnlyList<string>? shardArgs = null)
    {
        string out_ = Path.GetFullPath(outDir);
        string dir = Path.Combine(out_, Folder);
        string file = Path.GetFullPath(scenarioFile);
        string cmd = string.Join(' ', command.Select(Quote));
        string setArgs = string.Concat(sets.Select(x => " --set " + Quote(x))) + string.Concat((shardArgs ?? []).Select(x => " " + Quote(x)));
        string job = "circuitsim-" + new string(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '-').ToArray());

        var array = new StringBuilder()
            .Append("#!/bin/bash\n")
            .Append($"#SBATCH --job-name={job}\n")
            .Append($"#SBATCH --array=0-{s.Shards - 1}\n")
            .Append("#SBATCH --ntasks=1\n")
            .Append($"#SBATCH --cpus-per-task={s.CpusPerShard}\n")
            .Append($"#SBATCH --output=\"{Path.Combine(dir, "shard-%a.log").Replace("\"", "")}\"\n");
        Options(array, s);
        array.Append("set -euo pipefail\n")
            .Append("# one shard of the study; a shard that is rerun skips the runs its journal holds\n")
            .Append($"exec {cmd} sweep {Quote(file)} --out {Quote(out_)} --shard \"${{SLURM_ARRAY_TASK_ID}}/{s.Shards}\" --jobs {s.CpusPerShard} --quiet{setArgs}\n");

        var merge = new StringBuilder()
            .Append("#!/bin/bash\n")
            .Append($"#SBATCH --job-name={job}-merge\n")
            .Append("#SBATCH --ntasks=1\n#SBATCH --cpus-per-task=1\n")
            .Append($"#SBATCH --output=\"{Path.Combine(dir, "merge.log").Replace("\"", "")}\"\n");
        Options(merge, s);
        merge.Append("set -euo pipefail\n").Append($"exec {cmd} merge {Quote(out_)}\n");

        string submit =
            "#!/bin/bash\n" +
            "# submits the shards as one array job and the merge as a job that waits for all of them\n" +
            "set -euo pipefail\n" +
            "here=\"$(cd \"$(dirname \"$0\")\" && pwd)\"\n" +
            "array=$(sbatch --parsable \"$here/array.sbatch\")\n" +
            "array=${array%%;*}\n" +
            "merge=$(sbatch --parsable --dependency=afterok:\"$array\" \"$here/merge.sbatch\")\n" +
            "merge=${merge%%;*}\n" +
            $"echo \"array job $array ({s.Shards} tasks), merge job $merge\"\n";

        AtomicFile.WriteAllText(Path.Combine(dir, "array.sbatch"), array.ToString());
        AtomicFile.WriteAllText(Path.Combine(dir, "merge.sbatch"), merge.ToString());
        string submitPath = Path.Combine(dir, "submit.sh");
        AtomicFile.WriteAllText(submitPath, submit);
        if (!OperatingSystem.IsWindows())
            foreach (var f in new[] { "array.sbatch", "merge.sbatch", "submit.sh" })
                File.SetUnixFileMode(Path.Combine(dir, f), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                    | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        return submitPath;
    }

    private static void Options(StringBuilder sb, SlurmSettings s)
    {
        if (s.Partition is { } p) sb.Append($"#SBATCH --partition={p}\n");
        if (s.TimeLimit is { } t) sb.Append($"#SBATCH --time={t}\n");
    }

    /// <summary>A word for bash: single-quoted unless it is plainly safe.</summary>
    public static string Quote(string s) =>
        s.Length > 0 && s.All(c => char.IsLetterOrDigit(c) || "/._-=:+,@%".Contains(c)) ? s : "'" + s.Replace("'", "'\\''") + "'";

    /// <summary>How this process was started (the apphost, or dotnet and the dll), to start the same build on the nodes.</summary>
    public static IReadOnlyList<string> ThisCommand()
    {
        string process = Environment.ProcessPath ?? "circuitsim";
        // empty in a single-file publish (benchmarks/gpu), which is started as the process itself: handled below
#pragma warning disable IL3000
        string? entry = System.Reflection.Assembly.GetEntryAssembly()?.Location;
#pragma warning restore IL3000
        bool viaDotnet = Path.GetFileNameWithoutExtension(process).Equals("dotnet", StringComparison.OrdinalIgnoreCase);
        return viaDotnet && !string.IsNullOrEmpty(entry) ? [process, entry] : [process];
    }
}
