namespace CircuitSim.Engine;

/// <summary>The scenario is valid YAML but cannot be built (too large, an unsupported change...): bad input, exit code 2.</summary>
public sealed class BuildException(string message) : Exception(message);
