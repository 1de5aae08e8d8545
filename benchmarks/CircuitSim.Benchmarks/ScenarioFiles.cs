namespace CircuitSim.Benchmarks;

/// <summary>Finds the repository's scenarios/ folder from wherever BenchmarkDotNet runs the benchmark.</summary>
internal static class ScenarioFiles
{
    public static string Path(string name)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "CircuitSim.sln"))) dir = dir.Parent;
        if (dir is null) throw new DirectoryNotFoundException("CircuitSim.sln not found above " + AppContext.BaseDirectory);
        return System.IO.Path.Combine(dir.FullName, "scenarios", name);
    }
}
