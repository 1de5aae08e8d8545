using CircuitSim.Model;
using CircuitSim.Random;

namespace CircuitSim.Tissue;

/// <summary>
/// Glial cells of one kind (microglia, astrocytes) as agents on the slab, structure of arrays (position, activation, synthesis state), stepped on the
/// fields' clock after the fields:
/// - activation a relaxes towards 1 − Π_k (1 − h_k), h_k the Hill function c^n / (c^n + EC50^n) of each sensed field at
///   the cell (ATP through P2X4/P2X7, CSF1 through CSF1R, fractalkine through CX3CR1: any of them activates), times
///   what a microglia inhibitor leaves (minocycline), with one time constant up and another down; a drug blocking a
///   sensing receptor (P2X4: TNP-ATP) scales that field's h_k by what it leaves;
/// - each cell moves up the first sensed field's gradient at a speed that grows with the signal (v·c/(c + EC50)),
///   the process and cell movement towards ATP of Davalos et al. 2005 (Nat Neurosci 8:752), plus a random walk;
/// - secretion into a field in two phases, as BDNF from P2X4-stimulated microglia (Trang et al. 2009 J Neurosci
///   29:3518: a release within minutes, then a synthesis-dependent peak later): a stored pool released as
///   activation rises, and a late part that follows a synthesis state s, ds/dt = (a − s)/τ_late; a secretion that
///   requires a sensed receptor's stimulation (BDNF needs P2X4: Trang et al. 2009) follows a·h_k instead of a.
/// All glial time constants and speeds are scaled by one time compression factor. Random numbers are
/// counter-based (seed, agent, tick), so a run does not depend on threads.
/// </summary>
public sealed class GliaAgents
{
    private uint Purpose => Kind == "microglia" ? 0x4D47_4C41u /* "MGLA" */ : 0x4153_5452u /* "ASTR" */;
    private readonly GliaCellSpec _spec;
    private readonly DiffusionField _senses;
    private readonly (DiffusionField Field, SensedField Spec)[] _sensed;
    private readonly (DiffusionField Field, SecretionSpec Spec, int Requires)[] _secretions;
    /// <summary>Per sensed field: the receptor's name for drugs (P2X4), or null.</summary>
    public string?[] SensingReceptors { get; }
    /// <summary>Per sensed field: 1 − the block of its receptor by drugs (1: none).</summary>
    public double[] SenseAvailability { get; }
    /// <summary>Fraction of activation a microglia inhibitor prevents (minocycline), 0-1.</summary>
    public double Inhibition { get; set; }
    private readonly double _compression;
    private readonly ulong _seed;
    private long _tick;
    private readonly double[] _ec50N, _synthesisRelax, _expressionRelax;
    private readonly double[][] _deposit;
    private readonly int[] _depositCell;
    private readonly Action<int> _stepBlock;
    private readonly int _reachCells;
    private readonly (int Di, int Dj)[] _territory;

    public GliaAgents(GliaCellSpec spec, double timeCompression, IReadOnlyList<DiffusionField> fields, ulong seed, double widthUm, double depthUm,
        string kind = "microglia")
    {
        Kind = kind;
        string at = $"glia.{kind}";
        _spec = spec;
        _compression = timeCompression;
        _seed = seed;
        if (spec.Senses.Count == 0) throw new Engine.BuildException($"{kind} sense nothing: give {at}.senses", at + ".senses");
        _sensed = spec.Senses.Select(s => (fields.FirstOrDefault(f => f.Name == s.Field)
            ?? throw new Engine.BuildException($"{kind} sense '{s.Field}', which is not a field of the tissue", at + ".senses"), s)).ToArray();
        _senses = _sensed[0].Field;
        SenseAvailability = Enumerable.Repeat(1.0, _sensed.Length).ToArray();
        SensingReceptors = _sensed.Select(x => x.Spec.Receptor).ToArray();
        _reachCells = (int)Math.Floor(spec.ReachUm / _senses.DxUm);
        var territory = new List<(int, int)>();
        for (int dj = -_reachCells; dj <= _reachCells; dj++)
            for (int di = -_reachCells; di <= _reachCells; di++)
                if ((di * di + dj * dj) * _senses.DxUm * _senses.DxUm <= spec.ReachUm * spec.ReachUm) territory.Add((di, dj));
        _territory = territory.ToArray();
        _ec50N = _sensed.Select(x => Math.Pow(x.Spec.Ec50Um, x.Spec.Hill)).ToArray();
        _secretions = spec.Secretes.Select(s => (fields.FirstOrDefault(f => f.Name == s.Field)
            ?? throw new Engine.BuildException($"{kind} secrete '{s.Field}', which is not a field of the tissue", $"{at}.secretes.{s.Field}"), s,
            s.Requires is null ? -1 : Array.FindIndex(spec.Senses.ToArray(), x => x.Field == s.Requires) is int q and >= 0 ? q
            : throw new Engine.BuildException($"{kind} secrete {s.Field} on stimulation of '{s.Requires}', which they do not sense", $"{at}.secretes.{s.Field}.requires"))).ToArray();
        // room for every cell proliferation may add, allocated once: the arrays' tail holds the cells not yet born
        int n = Math.Max(spec.Count, spec.MaxCount);
        Count = spec.Count;
        X = new double[n];
        Y = new double[n];
        Activation = new double[n];
        Synthesis = _secretions.Select(_ => new double[n]).ToArray();
        Expression = _sensed.Select(x => x.Spec.ExpressionTauMs > 0 ? Enumerable.Repeat(x.Spec.ExpressionBaseline, n).ToArray() : null).ToArray();
        _expressionRelax = new double[_sensed.Length];
        _deposit = _secretions.Select(_ => new double[n]).ToArray();
        _depositCell = new int[n];
        _synthesisRelax = new double[_secretions.Length];
        _stepBlock = StepBlock;
        IReadOnlyList<string> laminae = spec.Laminae.Count > 0 ? spec.Laminae : ["I", "II", "III", "IV", "V"];
        for (int i = 0; i < Count; i++)
        {
            var (a, b, _, _) = Philox.Next(seed, Purpose, (uint)i, ulong.MaxValue);
            X[i] = widthUm * Philox.ToUnitFloat(a);
            Y[i] = Math.Clamp(LaminaGeometry.DepthIn(laminae, Philox.ToUnitFloat(b)), 0, depthUm);
        }
        WidthUm = widthUm;
        DepthUm = depthUm;
    }

    /// <summary>microglia or astrocytes.</summary>
    public string Kind { get; }
    public double[] X { get; }
    public double[] Y { get; }
    public double[] Activation { get; }
    /// <summary>Per sensed field with an expression time: each cell's expression of the receptor (0–1); null otherwise.</summary>
    public double[]?[] Expression { get; }
    /// <summary>The synthesis state of each secretion, per agent.</summary>
    public double[][] Synthesis { get; }
    public double WidthUm { get; }
    public double DepthUm { get; }
    /// <summary>Cells alive now (the first Count entries of the arrays).</summary>
    public int Count { get; private set; }
    /// <summary>The most cells there can be (the arrays' length).</summary>
    public int Capacity => X.Length;

    /// <summary>The mean of a field over the grid cells whose centres lie within the cell's reach of its grid cell.</summary>
    private double Territory(DiffusionField f, int ci, int cj)
    {
        double sum = 0;
        int n = 0;
        foreach (var (di, dj) in _territory)
        {
            int i = ci + di, j = cj + dj;
            if ((uint)i >= (uint)f.Nx || (uint)j >= (uint)f.Ny) continue;
            sum += Math.Max(0, f[i, j]);
            n++;
        }
        return n > 0 ? sum / n : 0;
    }

    /// <summary>One step of <paramref name="dtMs"/> of run time (the glial processes advance by dtMs × the time compression).</summary>
    public void Step(double dtMs)
    {
        double t = dtMs * _compression; // glial time
        _t = t;
        _up = 1 - Math.Exp(-t / _spec.ActivationTauMs);
        _down = 1 - Math.Exp(-t / _spec.DeactivationTauMs);
        _walk = Math.Sqrt(2 * _spec.RandomWalkUm2PerMs * t);
        _allowed = 1 - Math.Clamp(Inhibition, 0, 1);
        for (int q = 0; q < _secretions.Length; q++) _synthesisRelax[q] = 1 - Math.Exp(-t / _secretions[q].Spec.LateTauMs);
        for (int q = 0; q < _sensed.Length; q++)
            _expressionRelax[q] = _sensed[q].Spec.ExpressionTauMs > 0 ? 1 - Math.Exp(-t / _sensed[q].Spec.ExpressionTauMs) : 0;
        // every cell senses the fields as they are at the tick, in parallel blocks; then their secretions go in, in
        // agent order, so the fields and the cells do not depend on which core stepped which block
        int parts = Count >= 2048 ? Parts : 1;
        if (parts == 1) StepBlock(-1); else TissueWorkers.For(parts, _stepBlock);
        for (int q = 0; q < _secretions.Length; q++)
        {
            var field = _secretions[q].Field;
            var amount = _deposit[q];
            var cell = _depositCell;
            for (int i = 0; i < Count; i++)
                if (amount[i] > 0) field.Add(cell[i], amount[i]);
        }
        if (_spec.ProliferationPerMs > 0) Proliferate(_t);
        _tick++;
    }

    /// <summary>
    /// Division of activated cells (CSF1 drives the microgliosis of the dorsal horn after nerve injury: Guan et al. 2016
    /// Nat Neurosci 19:94; resident cells divide, Gu et al. 2016 Cell Rep 16:605): each living cell divides in this
    /// tick with probability rate·activation·t, in cell order, until the capacity; the daughter starts beside it (a
    /// random offset of one grid cell at most) with its state.
    /// </summary>
    private void Proliferate(double t)
    {
        int living = Count;
        for (int i = 0; i < living && Count < Capacity; i++)
        {
            var (a, b, e, _) = Philox.Next(_seed, Purpose ^ 0x0001_0000u, (uint)i, (ulong)_tick);
            if (Philox.ToUnitDouble(a, b) >= _spec.ProliferationPerMs * Activation[i] * t) continue;
            int d = Count++;
            double angle = 2 * Math.PI * Philox.ToUnitFloat(e);
            X[d] = Math.Clamp(X[i] + _senses.DxUm * Math.Cos(angle), 0, WidthUm - 1e-9);
            Y[d] = Math.Clamp(Y[i] + _senses.DxUm * Math.Sin(angle), 0, DepthUm - 1e-9);
            Activation[d] = Activation[i];
            for (int q = 0; q < Synthesis.Length; q++) Synthesis[q][d] = Synthesis[q][i];
            foreach (var x in Expression) if (x is not null) x[d] = x[i];
        }
    }

    private const int Parts = 8;
    private static readonly double Sqrt3 = Math.Sqrt(3);
    private double _t, _up, _down, _walk, _allowed;

    /// <summary>Part p's block of cells (p = −1: all of them).</summary>
    private void StepBlock(int p)
    {
        int lo = p < 0 ? 0 : Count * p / Parts, hi = p < 0 ? Count : Count * (p + 1) / Parts;
        Span<double> hill = stackalloc double[_sensed.Length];
        double t = _t, k = _sensed[0].Spec.Ec50Um, dx = _senses.DxUm, walk = _walk;
        for (int i = lo; i < hi; i++)
        {
            int ci = Math.Clamp((int)(X[i] / dx), 0, _senses.Nx - 1), cj = Math.Clamp((int)(Y[i] / dx), 0, _senses.Ny - 1);
            double c = Math.Max(0, _senses[ci, cj]);
            double quiet = 1;
            for (int q = 0; q < _sensed.Length; q++)
            {
                var (f, sf) = _sensed[q];
                double level = _reachCells == 0 ? (q == 0 ? c : Math.Max(0, f.Values[f.CellOf(X[i], Y[i])])) : Territory(f, ci, cj);
                double cn = level <= 0 ? 0 : sf.Hill == 1 ? level : sf.Hill == 1.5 ? level * Math.Sqrt(level) : Math.Pow(level, sf.Hill);
                double expressed = Expression[q] is { } e ? e[i] : 1;
                hill[q] = cn <= 0 ? 0 : SenseAvailability[q] * expressed * cn / (cn + _ec50N[q]);
                quiet *= 1 - hill[q];
            }
            double target = (1 - quiet) * _allowed;
            double before = Activation[i];
            Activation[i] += (target - before) * (target > before ? _up : _down);
            for (int q = 0; q < _sensed.Length; q++)
                if (Expression[q] is { } e)
                {
                    double b = _sensed[q].Spec.ExpressionBaseline;
                    e[i] += (b + (1 - b) * Activation[i] - e[i]) * _expressionRelax[q];
                }

            _depositCell[i] = _senses.CellOf(X[i], Y[i]);
            for (int q = 0; q < _secretions.Length; q++)
            {
                var (_, s, requires) = _secretions[q];
                double stimulus = requires < 0 ? 1 : hill[requires];
                double drive = Activation[i] * stimulus, driveBefore = before * stimulus;
                double rise = Math.Max(0, drive - driveBefore);
                _deposit[q][i] = s.EarlyUm * rise + s.LateUm * Synthesis[q][i] * (t / s.LateTauMs);
                Synthesis[q][i] += (drive - Synthesis[q][i]) * _synthesisRelax[q];
            }

            // chemotaxis up the sensed field's gradient (central differences on the grid), faster with more signal
            // (no signal at the cell: no chemotaxis, and no gradient to read)
            double speed = c > 0 ? _spec.ChemotaxisUmPerMs * c / (c + k) : 0;
            if (speed > 0)
            {
                double gx = (_senses[Math.Min(ci + 1, _senses.Nx - 1), cj] - _senses[Math.Max(ci - 1, 0), cj]) / (2 * dx);
                double gy = (_senses[ci, Math.Min(cj + 1, _senses.Ny - 1)] - _senses[ci, Math.Max(cj - 1, 0)]) / (2 * dx);
                double g = Math.Sqrt(gx * gx + gy * gy);
                if (g > 1e-15)
                {
                    double step = Math.Min(speed * t, dx); // at most one cell per step, so the gradient is read where the cell is
                    X[i] += step * gx / g;
                    Y[i] += step * gy / g;
                }
            }
            if (walk > 0)
            {
                // one counter-based draw gives both displacements, each uniform with the walk's variance (±√3σ): over
                // many ticks the sum is the same diffusion as Gaussian steps (central limit), at a fraction of the cost
                var (a, b, _, _) = Philox.Next(_seed, Purpose, (uint)i, (ulong)_tick);
                X[i] += walk * Sqrt3 * (2 * Philox.ToUnitFloat(a) - 1);
                Y[i] += walk * Sqrt3 * (2 * Philox.ToUnitFloat(b) - 1);
            }
            X[i] = Math.Clamp(X[i], 0, WidthUm - 1e-9);
            Y[i] = Math.Clamp(Y[i], 0, DepthUm - 1e-9);
        }
    }
}
