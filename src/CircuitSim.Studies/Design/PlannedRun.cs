namespace CircuitSim.Studies.Design;

/// <summary>
/// One run of a study: its place in the design (point, arm, replicate), its seed, and the key-path
/// overrides that make it (applied after the command line's <c>--set</c>). <see cref="Key"/> names
/// the run by what it computes, so a resumed study recognises a finished run only when it is the
/// same run.
/// </summary>
public sealed record PlannedRun(int Index, int Point, string Arm, int Replicate, ulong Seed,
    IReadOnlyList<KeyValuePair<string, string>> Parameters, IReadOnlyList<KeyValuePair<string, string>> ArmSets)
{
    /// <summary>What describes the point besides its overrides (a patient's id and expression z-scores): columns of the table, not of the run.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Covariates { get; init; } = [];

    /// <summary>Every override of this run as <c>PATH=VALUE</c>: the point's parameters, the arm's, then the seed.</summary>
    public IReadOnlyList<string> Sets =>
        Parameters.Concat(ArmSets).Select(kv => $"{kv.Key}={kv.Value}").Append($"seed={Seed}").ToList();

    /// <summary>16 hex digits of SHA-256 over the overrides: the same for the same run in any study layout.</summary>
    public string Key
    {
        get
        {
            return Running.StudyJob.KeyOf(string.Join('\n', Sets));
        }
    }
}
