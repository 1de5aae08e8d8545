using CircuitSim.Scenarios;

namespace CircuitSim.Cli;

/// <summary>Loading the scenario for a command, and reporting bad input as `error: ...` with exit code 2.</summary>
internal static class ScenarioInput
{
    /// <summary>The loaded scenario, or null after printing its errors.</summary>
    public static LoadedScenario? Load(string file, IReadOnlyList<string> sets)
    {
        try
        {
            return ScenarioLoader.LoadWithOrigins(file, sets);
        }
        catch (ScenarioException e)
        {
            BadInput(e.Message);
            return null;
        }
    }

    public static int BadInput(string message)
    {
        Console.Error.WriteLine("error: " + message);
        return ExitCodes.BadInput;
    }
}
