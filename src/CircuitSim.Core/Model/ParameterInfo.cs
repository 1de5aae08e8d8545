namespace CircuitSim.Model;

/// <summary>A named model parameter with its dimension, default (internal units) and meaning.</summary>
public sealed record ParameterInfo(string Name, Dimension Dimension, double Default, string Description);
