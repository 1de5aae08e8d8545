namespace CircuitSim.Neuromodulation;

/// <summary>
/// Occupancy of each receptor type, structure of arrays. With the endogenous ligand alone it is a Hill
/// function of its level, a = (L/EC50)ⁿ, occupancy a/(1 + a). Drugs binding the same site compete for
/// it (Gaddum): with drug terms d_j = (D_j/K_j)^(n_j) and efficacies e_j (1 a full agonist, 0 an
/// antagonist, between a partial agonist),
///   activation = (a + Σ e_j·d_j) / (1 + a + Σ d_j),
/// so an antagonist lowers the endogenous ligand's effect and an agonist adds its own. The drug terms
/// are set by the drug pharmacokinetics on each tick (<see cref="DrugTerm"/>, <see cref="DrugAgonism"/>).
/// </summary>
public sealed class ReceptorOccupancy
{
    public string[] Names { get; }
    /// <summary>Index of each receptor's endogenous ligand in the substance pools.</summary>
    public int[] Ligand { get; }
    public double[] Ec50Um { get; }
    public double[] Hill { get; }
    /// <summary>Σ d_j over drugs at the receptor (0: none).</summary>
    public double[] DrugTerm { get; }
    /// <summary>Σ e_j·d_j over drugs at the receptor.</summary>
    public double[] DrugAgonism { get; }
    /// <summary>Fraction of each receptor type activated, 0–1, as of the last tick.</summary>
    public double[] Activation { get; }

    public ReceptorOccupancy(IReadOnlyList<Model.ReceptorTypeSpec> types, SubstancePools pools)
    {
        Names = types.Select(t => t.Name).ToArray();
        Ligand = types.Select(t => pools.IndexOf(t.Ligand)).ToArray();
        Ec50Um = types.Select(t => t.Ec50Um).ToArray();
        Hill = types.Select(t => t.Hill).ToArray();
        DrugTerm = new double[Names.Length];
        DrugAgonism = new double[Names.Length];
        Activation = new double[Names.Length];
    }

    public int IndexOf(string name) => Array.IndexOf(Names, name);

    /// <summary>Recomputes every activation from the current levels and drug terms.</summary>
    public void Update(double[] levels)
    {
        for (int r = 0; r < Names.Length; r++)
        {
            double l = Ligand[r] >= 0 ? levels[Ligand[r]] : 0;
            Activation[r] = Activated(l, Ec50Um[r], Hill[r], DrugTerm[r], DrugAgonism[r]);
        }
    }

    /// <summary>
    /// Activation of receptor type <paramref name="r"/> by its ligand at <paramref name="levelUm"/> where it is (a tissue
    /// field at a neuron), with the drugs now at the receptor.
    /// </summary>
    public double ActivationAt(int r, double levelUm, double ec50Um, double hill) =>
        Activated(levelUm, ec50Um, hill, DrugTerm[r], DrugAgonism[r]);

    /// <summary>(a + Σe·d)/(1 + a + Σd), a = (c/EC50)^n: the ligand's activation with competing drugs (terms d, efficacies e).</summary>
    private static double Activated(double levelUm, double ec50Um, double hill, double drugTerm, double drugAgonism)
    {
        double a = levelUm > 0 ? Math.Pow(levelUm / ec50Um, hill) : 0;
        return (a + drugAgonism) / (1 + a + drugTerm);
    }

    /// <summary>Activation with the endogenous ligand at level <paramref name="levelUm"/> and no drug.</summary>
    public static double Hill1(double levelUm, double ec50Um, double n) =>
        levelUm <= 0 ? 0 : Math.Pow(levelUm / ec50Um, n) / (1 + Math.Pow(levelUm / ec50Um, n));
}
