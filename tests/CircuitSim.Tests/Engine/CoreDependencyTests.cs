using CircuitSim.Engine;

namespace CircuitSim.Tests.Engine;

/// <summary>DESIGN.md: the engine's project knows no file format and no plotting; writers and figures are outside it.</summary>
public class CoreDependencyTests
{
    [Fact]
    public void Core_references_no_file_format_or_plotting_library()
    {
        var referenced = typeof(Simulation).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.Contains("System.Runtime", referenced); // the list is real
        foreach (var forbidden in new[] { "ScottPlot", "PureHDF", "SkiaSharp", "YamlDotNet", "CircuitSim.Output" })
            Assert.DoesNotContain(referenced, name => name.StartsWith(forbidden, StringComparison.Ordinal));
        Assert.DoesNotContain(typeof(Simulation).Assembly.GetTypes(), t => t.Namespace == "CircuitSim.Output");
    }
}
