namespace CircuitSim.Model;

public enum ConnectRule { Probability, FanIn, FanOut, OneToOne, All }

public sealed class ConnectSpec
{
    public ConnectRule Rule { get; set; } = ConnectRule.Probability;
    /// <summary>Connection probability (rule probability).</summary>
    public double P { get; set; }
    /// <summary>Number of sources per target (fan_in) or targets per source (fan_out).</summary>
    public int N { get; set; }
    /// <summary>Whether a neuron may connect to itself when source and target are one population.</summary>
    public bool AllowSelf { get; set; } = true;
}

public sealed class ProjectionSpec
{
    public required string Name { get; set; }
    public required string From { get; set; }
    public required string To { get; set; }
    public ConnectSpec Connect { get; set; } = new();
    /// <summary>Peak conductance per receptor channel of the target, nS, in file order.</summary>
    public Dictionary<string, double> Receptors { get; } = new();
    /// <summary>Synaptic delay added to the source fibre's conduction delay, ms.</summary>
    public double DelayMs { get; set; } = 1.0;
    /// <summary>Relative spread (SD / mean) of weights across synapses; 0 means all equal.</summary>
    public double WeightJitter { get; set; }
    /// <summary>Short-term depression/facilitation (Tsodyks–Markram), or null for none.</summary>
    public StpSpec? Stp { get; set; }
}

/// <summary>Tsodyks–Markram short-term plasticity of a projection (see <c>Synapses.ShortTermDynamics</c>).</summary>
public sealed class StpSpec
{
    /// <summary>Utilisation (release probability) of a rested synapse, (0, 1].</summary>
    public double U { get; set; } = 0.5;
    /// <summary>Recovery from depression, ms (0: none).</summary>
    public double TauRecMs { get; set; }
    /// <summary>Decay of facilitation, ms (0: no facilitation, u = U at every spike).</summary>
    public double TauFacMs { get; set; }
}
