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
    /// <summary>Probability that a synapse releases at a spike, (0, 1] (1: every spike transmits).</summary>
    public double ReleaseProbability { get; set; } = 1;
    /// <summary>Short-term depression/facilitation (Tsodyks–Markram), or null for none.</summary>
    public StpSpec? Stp { get; set; }
    /// <summary>Long-term plasticity by the calcium-based rule, or null.</summary>
    public PlasticitySpec? Plasticity { get; set; }
    /// <summary>Long-term plasticity by pair or triplet STDP, or null.</summary>
    public StdpSpec? Stdp { get; set; }
    /// <summary>A receptor type whose activation (0–1) scales the plasticity's changes (a third factor), or null.</summary>
    public string? PlasticityThirdFactor { get; set; }
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

/// <summary>
/// Long-term plasticity of a projection by the calcium-based rule of Graupner &amp; Brunel (2012, PNAS 109:3991),
/// with the calcium that a presynaptic spike lets in flowing through the synapse's NMDA receptors (Shouval, Bear
/// &amp; Cooper 2002, PNAS 99:10831): each presynaptic spike opens the synapse's NMDA gate n (n += 1, decaying with
/// the NMDA decay time, 100 ms), and while it is open calcium enters at a rate ∝ n·B(V)/B(V_ref)·s_NMDA (B the
/// Mg²⁺ unblock at the target's voltage, s_NMDA the NMDA channel's drug block and gain), scaled so that one spike
/// at V_ref raises c by Cpre at its peak; each postsynaptic spike adds Cpost times the synapse's open gate (at
/// most 1) and the NMDA availability: the back-propagating spike relieves the Mg²⁺ block of glutamate-bound NMDA
/// receptors (Shouval et al. 2002), so that all of the synapse's calcium needs NMDA receptors; c decays with τCa. The efficacy ρ follows
///   τ dρ/dt = −ρ(1−ρ)(ρ* − ρ) + γp(1−ρ)Θ(c − θp) − γd ρ Θ(c − θd),
/// and scales the synapse's weights by (1 + (b−1)ρ)/(1 + (b−1)β), so that the scenario's weights are those of
/// the initial mix (a fraction β of synapses UP, ρ = 1, the rest DOWN). Defaults: Graupner &amp; Brunel's generic
/// set (their Fig. 2; the authors' code): τCa 20 ms, Cpre 1, Cpost 2, θd 1, θp 1.3, γd 200, γp 321.808,
/// τ 150 s, ρ* 0.5, β 0.5, b 5. Left out: their noise term and the 13.7 ms delay of the presynaptic calcium.
/// </summary>
public sealed class PlasticitySpec
{
    public double TauCaMs { get; set; } = 20;
    public double CPre { get; set; } = 1;
    public double CPost { get; set; } = 2;
    public double ThetaD { get; set; } = 1;
    public double ThetaP { get; set; } = 1.3;
    public double GammaD { get; set; } = 200;
    public double GammaP { get; set; } = 321.808;
    public double TauMs { get; set; } = 150_000;
    public double RhoStar { get; set; } = 0.5;
    /// <summary>Fraction of synapses UP at the start (drawn per synapse from the seed).</summary>
    public double InitialUp { get; set; } = 0.5;
    /// <summary>b: weight of an UP synapse over a DOWN one.</summary>
    public double UpDownRatio { get; set; } = 5;
    /// <summary>Whether presynaptic calcium enters through NMDA receptors (scaled by Mg²⁺ unblock and NMDA block).</summary>
    public bool NmdaGated { get; set; } = true;
    /// <summary>Voltage at which one presynaptic spike's NMDA calcium peaks at Cpre, mV.</summary>
    public double ReferenceMv { get; set; } = -65;
    /// <summary>Decay of the synapse's NMDA gate, ms (NMDA receptor deactivation; the base circuit's NMDA decay).</summary>
    public double NmdaDecayMs { get; set; } = 100;
}

/// <summary>
/// Pair or triplet STDP (see <c>Synapses.StdpPlasticity</c>). Defaults: the pair rule of Song, Miller &amp; Abbott 2000
/// (τ+ = τ− = 20 ms, A+ 0.005, A− = 1.05·A+ of the largest weight, here on a scale where 1 is the scenario's
/// weight and w_max 2); triplet: Pfister &amp; Gerstner 2006's all-to-all visual cortex fit (τ+ 16.8 ms, τ− 33.7 ms,
/// τx 101 ms, τy 125 ms, A2+ 5e-10, A3+ 6.2e-3, A2− 7e-3, A3− 2.3e-4).
/// </summary>
public sealed class StdpSpec
{
    public bool Triplet { get; set; }
    public double TauPlusMs { get; set; } = 20;
    public double TauMinusMs { get; set; } = 20;
    public double TauXMs { get; set; } = 101;
    public double TauYMs { get; set; } = 125;
    public double APlus { get; set; } = 0.005;
    public double AMinus { get; set; } = 0.00525;
    public double A3Plus { get; set; }
    public double A3Minus { get; set; }
    public double WMax { get; set; } = 2;

    public static StdpSpec TripletDefaults() => new()
    {
        Triplet = true, TauPlusMs = 16.8, TauMinusMs = 33.7, TauXMs = 101, TauYMs = 125,
        APlus = 5e-10, A3Plus = 6.2e-3, AMinus = 7e-3, A3Minus = 2.3e-4,
    };
}
