namespace CircuitSim.Tissue;

/// <summary>
/// One diffusing, decaying substance on a 2-D grid of the dorsal horn's transverse slab (x mediolateral,
/// y depth), in µM per cell: ∂c/∂t = D ∇²c − c/τ + sources, with no flux through the slab's edges.
/// Each step is locally one-dimensional and implicit (backward Euler along x for every row, then along y
/// for every column, each a tridiagonal system solved by the Thomas algorithm), so it is stable for any
/// step and grid (BioFVM's LOD scheme; Ghaffarizadeh, Friedman &amp; Macklin 2016 Bioinformatics 32:1256),
/// then first-order decay exactly, c·exp(−Δt/τ). The sum over cells is conserved by diffusion (the
/// no-flux rows of the matrices sum to one). Structure of arrays, no allocation per step.
/// </summary>
public sealed class DiffusionField
{
    private readonly double[] _c;
    /// <summary>Parts of a step that may run on different cores: blocks of rows (x sweep), blocks of columns (y sweep).</summary>
    private const int Parts = 8;
    private readonly double[][] _work;        // per part: one row of the x sweep's forward elimination
    private readonly Action<int> _rowsPart, _columnsPart;
    private double[] _cpX = [], _mX = [], _cpY = [], _mY = []; // Thomas coefficients: the same for every line, set per Δt
    private double _r = double.NaN, _decay = 1, _dtMs = double.NaN;

    public DiffusionField(string name, int nx, int ny, double dxUm, double diffusionUm2PerS, double decayTauMs)
    {
        if (nx < 1 || ny < 1) throw new ArgumentOutOfRangeException(nameof(nx), "a field needs at least one cell each way");
        if (dxUm <= 0) throw new ArgumentOutOfRangeException(nameof(dxUm));
        if (diffusionUm2PerS < 0) throw new ArgumentOutOfRangeException(nameof(diffusionUm2PerS));
        Name = name;
        Nx = nx;
        Ny = ny;
        DxUm = dxUm;
        DiffusionUm2PerS = diffusionUm2PerS;
        DecayTauMs = decayTauMs;
        _c = new double[nx * ny];
        _work = Enumerable.Range(0, Parts).Select(_ => new double[4 * nx]).ToArray();
        _rowsPart = RowsPart;
        _columnsPart = ColumnsPart;
    }

    public string Name { get; }
    public int Nx { get; }
    public int Ny { get; }
    public double DxUm { get; }
    public double DiffusionUm2PerS { get; }

    /// <summary>Time constant of first-order decay (ms); infinity: none.</summary>
    public double DecayTauMs { get; }

    /// <summary>Concentration per cell (µM), row by row: cell (i, j) at j·Nx + i, i along x, j along depth.</summary>
    public double[] Values => _c;

    public double this[int i, int j] { get => _c[j * Nx + i]; set => _c[j * Nx + i] = value; }

    /// <summary>The cell that holds a point (µm from the slab's corner), clamped to the slab.</summary>
    public int CellOf(double xUm, double yUm)
    {
        int i = Math.Clamp((int)(xUm / DxUm), 0, Nx - 1);
        int j = Math.Clamp((int)(yUm / DxUm), 0, Ny - 1);
        return j * Nx + i;
    }

    /// <summary>Adds an amount (µM of one cell) to a cell: a release.</summary>
    public void Add(int cell, double amount) => _c[cell] += amount;

    public double Total()
    {
        double s = 0;
        foreach (double v in _c) s += v;
        return s;
    }

    /// <summary>Advances by <paramref name="dtMs"/>: diffusion along x, then y (implicit), then decay.</summary>
    public void Step(double dtMs)
    {
        if (dtMs != _dtMs)
        {
            _dtMs = dtMs;
            _r = DiffusionUm2PerS * (dtMs / 1000.0) / (DxUm * DxUm);
            _decay = double.IsPositiveInfinity(DecayTauMs) ? 1 : Math.Exp(-dtMs / DecayTauMs);
            (_cpX, _mX) = Coefficients(Nx, _r);
            (_cpY, _mY) = Coefficients(Ny, _r);
        }
        // rows are independent along x, and columns along y: each part takes a block of them (on the tissue's
        // helper cores when they are free), with the same arithmetic in the same order whichever core runs it
        bool small = Nx * Ny < 4096;
        if (_r > 0 && Nx > 1)
        {
            if (small) RowsPart(-1); else TissueWorkers.For(Parts, _rowsPart);
        }
        if (small) ColumnsPart(-1); else TissueWorkers.For(Parts, _columnsPart);
    }

    /// <summary>The x sweep of part p's block of rows (p = −1: all rows).</summary>
    private void RowsPart(int p)
    {
        var (lo, hi) = p < 0 ? (0, Ny) : Block(Ny, p);
        var work = _work[Math.Max(p, 0)];
        int j = lo;
        // four rows at a time: four independent recurrences keep the core busy while each waits on its previous cell
        for (; j + 4 <= hi; j += 4) SweepFourRows(j * Nx, work);
        for (; j < hi; j++) SweepRow(j * Nx, work);
    }

    /// <summary>The y sweep and the decay of part p's block of columns (p = −1: all columns).</summary>
    private void ColumnsPart(int p)
    {
        var (lo, hi) = p < 0 ? (0, Nx) : Block(Nx, p);
        if (hi <= lo) return;
        if (_r > 0 && Ny > 1) SweepColumns(lo, hi);
        if (_decay != 1)
        {
            double d = _decay;
            var c = _c;
            for (int j = 0; j < Ny; j++)
            {
                int row = j * Nx;
                for (int i = lo; i < hi; i++) c[row + i] *= d;
            }
        }
    }

    private static (int Lo, int Hi) Block(int n, int p) => (n * p / Parts, n * (p + 1) / Parts);

    /// <summary>
    /// The Thomas algorithm's forward coefficients of (I − r·L) on n cells with no-flux ends (rows (1 + r, −r),
    /// (−r, 1 + 2r, −r), (−r, 1 + r)): cp[k] and 1/m[k]. They depend on r and n only, so every line shares them.
    /// </summary>
    private static (double[] Cp, double[] InvM) Coefficients(int n, double r)
    {
        var cp = new double[n];
        var invM = new double[n];
        for (int k = 0; k < n; k++)
        {
            double b = k == 0 || k == n - 1 ? 1 + r : 1 + 2 * r;
            double m = k == 0 ? b : b + r * cp[k - 1]; // b − a·cp with the sub-diagonal a = −r
            invM[k] = 1 / m;
            cp[k] = k == n - 1 ? 0 : -r / m;
        }
        if (n == 1) invM[0] = 1;
        return (cp, invM);
    }

    /// <summary>One row along x: forward elimination into the work row, then back substitution into the field.</summary>
    private void SweepRow(int start, double[] dp)
    {
        double r = _r;
        var c = _c;
        var cp = _cpX;
        var invM = _mX;
        dp[0] = c[start] * invM[0];
        for (int k = 1; k < Nx; k++) dp[k] = (c[start + k] + r * dp[k - 1]) * invM[k];
        c[start + Nx - 1] = dp[Nx - 1];
        for (int k = Nx - 2; k >= 0; k--) c[start + k] = dp[k] - cp[k] * c[start + k + 1];
    }

    /// <summary>Four consecutive rows along x as <see cref="SweepRow"/>, interleaved (the same arithmetic per row).</summary>
    private void SweepFourRows(int start, double[] work)
    {
        double r = _r;
        int n = Nx;
        var cp = _cpX.AsSpan(0, n);
        var invM = _mX.AsSpan(0, n);
        var c0 = _c.AsSpan(start, n);
        var c1 = _c.AsSpan(start + n, n);
        var c2 = _c.AsSpan(start + 2 * n, n);
        var c3 = _c.AsSpan(start + 3 * n, n);
        var d0 = work.AsSpan(0, n);
        var d1 = work.AsSpan(n, n);
        var d2 = work.AsSpan(2 * n, n);
        var d3 = work.AsSpan(3 * n, n);
        double m = invM[0];
        double a0 = c0[0] * m, a1 = c1[0] * m, a2 = c2[0] * m, a3 = c3[0] * m;
        d0[0] = a0; d1[0] = a1; d2[0] = a2; d3[0] = a3;
        for (int k = 1; k < n; k++)
        {
            m = invM[k];
            a0 = (c0[k] + r * a0) * m; d0[k] = a0;
            a1 = (c1[k] + r * a1) * m; d1[k] = a1;
            a2 = (c2[k] + r * a2) * m; d2[k] = a2;
            a3 = (c3[k] + r * a3) * m; d3[k] = a3;
        }
        c0[n - 1] = a0; c1[n - 1] = a1; c2[n - 1] = a2; c3[n - 1] = a3;
        for (int k = n - 2; k >= 0; k--)
        {
            double q = cp[k];
            a0 = d0[k] - q * a0; c0[k] = a0;
            a1 = d1[k] - q * a1; c1[k] = a1;
            a2 = d2[k] - q * a2; c2[k] = a2;
            a3 = d3[k] - q * a3; c3[k] = a3;
        }
    }

    /// <summary>
    /// Every column along y at once, row by row: the same elimination as <see cref="SweepRow"/> with whole rows
    /// as the unknowns, so the inner loops run over contiguous memory (and vectorise) instead of striding.
    /// </summary>
    private void SweepColumns(int lo, int hi)
    {
        double r = _r;
        var c = _c;
        var cp = _cpY;
        var invM = _mY;
        int nx = Nx;
        // forward: row j becomes dp_j = (c_j + r·dp_{j−1}) / m_j, in place
        double m0 = invM[0];
        for (int i = lo; i < hi; i++) c[i] *= m0;
        for (int j = 1; j < Ny; j++)
        {
            double mj = invM[j];
            int row = j * nx, prev = row - nx;
            for (int i = lo; i < hi; i++) c[row + i] = (c[row + i] + r * c[prev + i]) * mj;
        }
        // back: u_j = dp_j − cp_j·u_{j+1}
        for (int j = Ny - 2; j >= 0; j--)
        {
            double cj = cp[j];
            int row = j * nx, next = row + nx;
            for (int i = lo; i < hi; i++) c[row + i] -= cj * c[next + i];
        }
    }
}
