namespace CircuitSim.Viz;

/// <summary>The live view cannot start or go on (no display, no OpenGL, a bad option): one line for the user.</summary>
public sealed class VizException(string message) : Exception(message);
