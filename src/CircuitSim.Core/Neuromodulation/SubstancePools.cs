namespace CircuitSim.Neuromodulation;

/// <summary>
/// The levels of the scenario's substances, one well-mixed pool each (µM), structure of arrays. On each
/// tick of the slow clock a pool takes what was released since the last tick and loses, over the tick,
///   dL/dt = −k·s_k·L − a·Vmax·L/(Km + L),
/// first-order clearance k (diffusion out of the region, peptidases; s_k scaled by modulation: CGRP
/// slows substance P's breakdown) and saturable reuptake through its transporter (Michaelis–Menten;
/// a = the fraction of transporters a drug leaves working). The step is exact for the clearance and
/// takes the reuptake's rate at the tick's start level (semi-implicit: L never goes negative, stable
/// for any tick length).
/// </summary>
public sealed class SubstancePools
{
    public string[] Names { get; }
    /// <summary>Level of each substance, µM.</summary>
    public double[] Level { get; }
    /// <summary>First-order clearance, 1/ms (0: none).</summary>
    public double[] Clearance { get; }
    /// <summary>Scale of the first-order clearance set by modulation (1: none acts).</summary>
    public double[] ClearanceScale { get; }
    /// <summary>Reuptake Vmax, µM/ms, and Km, µM (Vmax 0: no transporter).</summary>
    public double[] ReuptakeVmax { get; }
    public double[] ReuptakeKm { get; }
    /// <summary>Transporter of each substance (SERT, NET, DAT), or null.</summary>
    public string?[] Transporter { get; }
    /// <summary>Fraction of each substance's transporters left working by drugs (1: none blocked).</summary>
    public double[] TransporterAvailability { get; }
    /// <summary>Released since the last tick, µM (filled by the release counting, emptied by <see cref="Advance"/>).</summary>
    public double[] Pending { get; }

    public SubstancePools(IReadOnlyList<Model.SubstanceSpec> specs)
    {
        int n = specs.Count;
        Names = specs.Select(s => s.Name).ToArray();
        Level = specs.Select(s => s.InitialUm).ToArray();
        Clearance = specs.Select(s => s.DecayMs is { } tau and > 0 ? 1.0 / tau : 0.0).ToArray();
        ReuptakeVmax = specs.Select(s => s.Transporter is not null && s.ReuptakeTauMs > 0 ? s.ReuptakeKmUm / s.ReuptakeTauMs : 0.0).ToArray();
        ReuptakeKm = specs.Select(s => s.ReuptakeKmUm).ToArray();
        Transporter = specs.Select(s => s.Transporter).ToArray();
        ClearanceScale = Enumerable.Repeat(1.0, n).ToArray();
        TransporterAvailability = Enumerable.Repeat(1.0, n).ToArray();
        Pending = new double[n];
    }

    public int IndexOf(string name) => Array.IndexOf(Names, name);

    /// <summary>Adds the pending release and lets each pool clear for <paramref name="dtMs"/>.</summary>
    public void Advance(double dtMs)
    {
        for (int s = 0; s < Level.Length; s++)
        {
            double l = Level[s] + Pending[s];
            Pending[s] = 0;
            double rate = Clearance[s] * ClearanceScale[s];
            if (ReuptakeVmax[s] > 0) rate += TransporterAvailability[s] * ReuptakeVmax[s] / (ReuptakeKm[s] + l);
            Level[s] = l * Math.Exp(-rate * dtMs);
        }
    }
}
