namespace CircuitSim.Cli;

/// <summary>Checks the results folder before the run, so that a long simulation is not lost to a folder it cannot write.</summary>
internal static class OutputFolder
{
    /// <summary>Null when <paramref name="outDir"/> is a folder that can be written, or can be created; else one line saying why not.</summary>
    public static string? Problem(string outDir)
    {
        string full;
        try
        {
            full = Path.GetFullPath(outDir);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return $"--out '{outDir}' is not a valid path";
        }
        if (File.Exists(full)) return $"--out '{outDir}' is a file, not a folder";
        // the nearest folder that exists is where the run will create or write
        string? dir = full;
        while (dir is not null && !Directory.Exists(dir))
        {
            if (File.Exists(dir)) return $"--out '{outDir}': '{dir}' is a file, not a folder";
            dir = Path.GetDirectoryName(dir);
        }
        if (dir is null) return $"--out '{outDir}': no such folder";
        return WriteProblem(dir) is { } why ? $"--out '{outDir}': cannot write in '{dir}' ({why})" : null;
    }

    /// <summary>Creates and removes a file in <paramref name="dir"/>: only trying tells permissions, read-only mounts and ACLs apart.</summary>
    private static string? WriteProblem(string dir)
    {
        try
        {
            using (File.Create(Path.Combine(dir, $".circuitsim-probe-{Guid.NewGuid():N}"), 1, FileOptions.DeleteOnClose)) { }
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return "permission denied";
        }
        catch (IOException e)
        {
            return e.Message.Split(" : ")[0].TrimEnd('.'); // the system's reason, without the probe's name
        }
    }
}
