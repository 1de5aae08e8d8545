namespace CircuitSim.Studies.Results;

/// <summary>How a run ended: with results, or refused by the model (a parameter it rejects, a numerical blow-up).</summary>
public enum RunStatus { Ok, Failed }

/// <summary>
/// One finished run as the journal keeps it: which run (index and key), how it ended, its metrics,
/// how long it took and which build of CircuitSim computed it. A failed run is a result too
/// (that point of the design cannot run) and is not redone on resume.
/// </summary>
public sealed record RunRecord(int Index, string Key, RunStatus Status, string? Error,
    IReadOnlyList<KeyValuePair<string, double>> Metrics, double WallSeconds, string CodeVersion);
