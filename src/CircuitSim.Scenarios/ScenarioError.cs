namespace CircuitSim.Scenarios;

/// <summary>
/// One problem in a scenario: where it is (file, 1-based line and column, key path) and what is
/// wrong (what was expected and what was found). <see cref="File"/> is <c>--set</c> for a problem
/// in a command-line override; then <see cref="Line"/> is the number of the override (1 for the
/// first) and <see cref="Column"/> the column within its <c>PATH=VALUE</c> argument.
/// </summary>
public sealed record ScenarioError(string File, int Line, int Column, string KeyPath, string Message)
{
    public override string ToString() => $"{File}:{Line}:{Column}: {KeyPath}: {Message}";
}

/// <summary>Thrown by <see cref="ScenarioLoader.Load"/> with every problem found in the scenario.</summary>
public sealed class ScenarioException : Exception
{
    public ScenarioException(IReadOnlyList<ScenarioError> errors)
        : base(string.Join(Environment.NewLine, errors))
    {
        Errors = errors;
    }

    /// <summary>All problems, ordered by file, line and column.</summary>
    public IReadOnlyList<ScenarioError> Errors { get; }
}
