namespace CircuitSim.Engine;

/// <summary>A change applied at a step boundary, before the neurons update in that step.</summary>
public sealed record ScheduledEvent(long Step, int Order, string Description, Action<Network> Apply);
