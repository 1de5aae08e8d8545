using CircuitSim.Engine;

namespace CircuitSim.Cli;

/// <summary>`circuitsim validate`: loads the scenario and builds its network as `run` would, without running it.</summary>
public static class ValidateCommandHandler
{
    public static int Execute(string file, string[] sets)
    {
        if (ScenarioInput.Load(file, sets) is not { } loaded) return ExitCodes.BadInput;
        var spec = loaded.Spec;
        RunCommandHandler.PrintWarnings(spec);
        long synapses;
        try
        {
            synapses = Runner.Check(spec, new RunOptions()).SynapseCount;
        }
        catch (BuildException e)
        {
            return ScenarioInput.BadInput(loaded.Describe(e));
        }
        double mb = MemoryEstimate.Parts(spec).Sum(p => p.Bytes) / 1e6;
        string memory = mb < 1 ? "under 1 MB" : $"about {mb:N0} MB";
        Console.WriteLine($"{file}: ok — '{spec.Name}', {spec.Populations.Count} populations " +
                          $"({spec.Populations.Sum(p => p.Count)} cells), {spec.Projections.Count} projections " +
                          $"({synapses:N0} synapses), {spec.Stimuli.Count} stimuli, {spec.DurationMs / 1000:0.###} s at dt {spec.DtMs} ms, " +
                          $"{memory} before spikes");
        return ExitCodes.Ok;
    }
}
