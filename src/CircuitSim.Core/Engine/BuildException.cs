namespace CircuitSim.Engine;

/// <summary>
/// The scenario is valid YAML but cannot be built (too large, a parameter out of range, ...): bad
/// input, exit code 2. <see cref="KeyPaths"/> name the scenario values at fault, most specific
/// first, so that the loader, which knows where each value was written, can point at the first
/// one the file has (a threshold set in <c>params</c>, else the preset, else the population).
/// </summary>
public sealed class BuildException(string message, params string[] keyPaths) : Exception(message)
{
    public IReadOnlyList<string> KeyPaths { get; } = keyPaths;

    /// <summary>Where a neuron parameter of a population may come from: its params, its preset, the population itself.</summary>
    public static string[] ParameterPaths(string population, params string[] parameters) =>
        parameters.Select(p => $"populations.{population}.params.{p}")
            .Append($"populations.{population}.preset").Append($"populations.{population}").ToArray();
}
