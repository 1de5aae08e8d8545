namespace CircuitSim.Engine;

/// <summary>A state variable became NaN or ran away: the run stops and says where.</summary>
public sealed class NumericalBlowupException(string population, string variable, int neuron, double timeMs, float value)
    : Exception($"numerical blow-up: {population}.{variable} of neuron {neuron} is {value} at t = {timeMs:F1} ms; " +
                "try a smaller dt (e.g. --set dt=0.05ms) or check the parameters")
{
    public string Population { get; } = population;
    public string Variable { get; } = variable;
    public int Neuron { get; } = neuron;
    public double TimeMs { get; } = timeMs;
}
