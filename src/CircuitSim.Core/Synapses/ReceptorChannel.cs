namespace CircuitSim.Synapses;

/// <summary>
/// One receptor channel on one target population, structure of arrays. The conductance is a
/// difference of exponentials g = A − B (B absent when the rise is instantaneous); an arriving
/// weight w adds w·Norm to both, Norm scaling the peak of the unit response to 1, so weights
/// are peak conductances. Input arrives through a ring of per-step accumulators (Morrison
/// et al. 2005): slot (t mod RingSlots) holds what arrives at step t.
/// </summary>
public sealed class ReceptorChannel
{
    public required string Name { get; init; }
    public required int Index { get; init; }
    public required float[] A { get; init; }
    public float[]? B { get; init; }
    public required float DecayA { get; init; }
    public required float DecayB { get; init; }
    public required float Norm { get; init; }
    /// <summary>Reversal, mV; ignored when <see cref="UsesChloride"/>.</summary>
    public required float Reversal { get; init; }
    public required bool UsesChloride { get; init; }
    public required bool MgBlock { get; init; }
    /// <summary>Index of the potentiating channel on the same population, or −1.</summary>
    public int ModulatorIndex { get; init; } = -1;
    /// <summary>Largest fractional enhancement by the modulating channel (Emax: g·(1 + Emax) at full modulation).</summary>
    public float PotentiationMax { get; init; }
    /// <summary>Modulating conductance giving half the largest enhancement, nS (K in 1 + Emax·g_m/(g_m + K)).</summary>
    public float PotentiationHalfNs { get; init; } = 1f;
    /// <summary>Fraction of the channel's current carried by Ca²⁺ (NMDA ~0.1), feeding models with intracellular calcium.</summary>
    public float CalciumFraction { get; init; }
    /// <summary>A neuropeptide receptor (NK1), activated only by peptidergic afferent fibres.</summary>
    public bool Peptide { get; init; }
    /// <summary>1/G of a saturating channel (g → g/(1 + g/G)), nS⁻¹; 0 for a linear one.</summary>
    public float InverseSaturation { get; init; }

    /// <summary>The conductance the channel passes for a summed drive g (nS): g itself, or g/(1 + g/G) when it saturates.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public float Effective(float g) => InverseSaturation > 0f ? g / (1f + g * InverseSaturation) : g;

    /// <summary>Fraction of the channel left unblocked by drugs (1 = no block).</summary>
    public float Availability { get; set; } = 1f;
    /// <summary>Scale of the conductance set by neuromodulation (D1 or TrkB on NMDA: above 1), 1 when none acts.</summary>
    public float Gain { get; set; } = 1f;
    /// <summary>What the kernels multiply the conductance by: drug block times modulation.</summary>
    public float Scale => Availability * Gain;
    /// <summary>
    /// A factor per neuron (padded length) on the channel's conductance, set on a slow clock by what is around each
    /// neuron in the tissue (IL-1β raising AMPA, IL-6 lowering GABA_A where the cytokine is); null when none acts.
    /// </summary>
    public float[]? LocalGain { get; set; }
    /// <summary>
    /// What neuron <paramref name="i"/>'s conductance is multiplied by: <see cref="Scale"/> times its local gain. Every
    /// reader of the conductance outside the kernels (chloride loading, plasticity's calcium, PSC counts) takes it from here.
    /// </summary>
    public float ScaleAt(int i) => LocalGain is { } g ? Scale * g[i] : Scale;
    /// <summary>
    /// Arrivals are added straight into <see cref="A"/> (the ring is A itself, one slot): every input of the
    /// population has a one-step delay and the channel is a single exponential with unit normalisation.
    /// </summary>
    public bool ArrivesInState { get; set; }
    /// <summary>RingSlots × padded count accumulators; sized by the builder from the longest delay.</summary>
    public float[] Ring { get; set; } = Array.Empty<float>();
    public int RingSlots { get; set; } = 1;

    /// <summary>Peak of exp(−t/τd) − exp(−t/τr), so that Norm = 1/peak.</summary>
    public static double PeakNormalisation(double tauRise, double tauDecay)
    {
        if (tauRise <= 0 || tauDecay <= tauRise) return 1.0;
        double tPeak = tauDecay * tauRise / (tauDecay - tauRise) * Math.Log(tauDecay / tauRise);
        return 1.0 / (Math.Exp(-tPeak / tauDecay) - Math.Exp(-tPeak / tauRise));
    }
}

/// <summary>Jahr &amp; Stevens (1990) Mg²⁺ block of NMDA receptors: B(v) = 1 / (1 + [Mg]o/3.57 mM · exp(−0.062 v/mV)).</summary>
public static class MagnesiumBlock
{
    public const float Slope = 0.062f;      // 1/mV
    public const float HalfConcentration = 3.57f; // mM

    public static double Exact(double vMv, double mgMm = ReceptorDefaults.MagnesiumMm) =>
        1.0 / (1.0 + mgMm / HalfConcentration * Math.Exp(-Slope * vMv));
}
