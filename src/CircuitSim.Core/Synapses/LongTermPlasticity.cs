using CircuitSim.Engine;

namespace CircuitSim.Synapses;

/// <summary>
/// A long-term plasticity rule on one projection, structure of arrays over its synapses: each synapse's weight
/// scale (read by delivery), stepped by one worker between the sources' barrier and delivery. Holds what every
/// rule needs: the synapses by target (for postsynaptic spikes) and the optional third factor, a receptor type's
/// activation that scales the rule's changes (dopamine, noradrenaline or substance P gating plasticity).
/// </summary>
public abstract class LongTermPlasticity
{
    protected readonly Projection Pr;
    /// <summary>Per synapse: the scale of its weights now (1 = the scenario's weight).</summary>
    public float[] Scale { get; }
    // synapses by target: the synapses of target j are BySynapse[ByTargetStart[j] .. ByTargetStart[j + 1])
    protected readonly int[] ByTargetStart, BySynapse, SourceOf;
    private Neuromodulation.ReceptorOccupancy? _thirdFactorReceptors;
    private int _thirdFactor = -1;

    protected LongTermPlasticity(Projection pr)
    {
        Pr = pr;
        int n = pr.Targets.Length;
        Scale = new float[n];
        Array.Fill(Scale, 1f);
        int nt = pr.Target.Count;
        ByTargetStart = new int[nt + 1];
        foreach (int t in pr.Targets) ByTargetStart[t + 1]++;
        for (int j = 0; j < nt; j++) ByTargetStart[j + 1] += ByTargetStart[j];
        BySynapse = new int[n];
        var fill = (int[])ByTargetStart.Clone();
        for (int k = 0; k < n; k++) BySynapse[fill[pr.Targets[k]]++] = k;
        SourceOf = new int[n];
        for (int i = 0; i < pr.Source.Count; i++)
            for (int k = pr.RowStart[i]; k < pr.RowStart[i + 1]; k++) SourceOf[k] = i;
    }

    /// <summary>Gates the rule's changes by a receptor type's activation (0–1), when the scenario names one.</summary>
    public void BindThirdFactor(Neuromodulation.ReceptorOccupancy receptors, int receptor)
    {
        _thirdFactorReceptors = receptors;
        _thirdFactor = receptor;
    }

    /// <summary>The third factor now: 1 without one, else the receptor's activation.</summary>
    protected float ThirdFactor => _thirdFactor < 0 ? 1f : (float)_thirdFactorReceptors!.Activation[_thirdFactor];

    public abstract void Step();

    /// <summary>Fraction of synapses potentiated: UP (ρ &gt; 0.5) for the calcium rule, above the starting weight for STDP.</summary>
    public abstract float FractionPotentiated();
}
