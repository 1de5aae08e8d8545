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
    private readonly double[] _work;          // one row (x sweep) or one row of partial results (y sweep)
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
        _work = new double[nx];
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
        if (_r > 0)
        {
            if (Nx > 1) for (int j = 0; j < Ny; j++) SweepRow(j * Nx);
            if (Ny > 1) SweepColumns();
        }
        if (_decay != 1)
            for (int k = 0; k < _c.Length; k++) _c[k] *= _decay;
    }

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
    private void SweepRow(int start)
    {
        double r = _r;
        var c = _c;
        var dp = _work;
        var cp = _cpX;
        var invM = _mX;
        dp[0] = c[start] * invM[0];
        for (int k = 1; k < Nx; k++) dp[k] = (c[start + k] + r * dp[k - 1]) * invM[k];
        c[start + Nx - 1] = dp[Nx - 1];
        for (int k = Nx - 2; k >= 0; k--) c[start + k] = dp[k] - cp[k] * c[start + k + 1];
    }

    /// <summary>
    /// Every column along y at once, row by row: the same elimination as <see cref="SweepRow"/> with whole rows
    /// as the unknowns, so the inner loops run over contiguous memory (and vectorise) instead of striding.
    /// </summary>
    private void SweepColumns()
    {
        double r = _r;
        var c = _c;
        var cp = _cpY;
        var invM = _mY;
        int nx = Nx;
        // forward: row j becomes dp_j = (c_j + r·dp_{j−1}) / m_j, in place
        double m0 = invM[0];
        for (int i = 0; i < nx; i++) c[i] *= m0;
        for (int j = 1; j < Ny; j++)
        {
            double mj = invM[j];
            int row = j * nx, prev = row - nx;
            for (int i = 0; i < nx; i++) c[row + i] = (c[row + i] + r * c[prev + i]) * mj;
        }
        // back: u_j = dp_j − cp_j·u_{j+1}
        for (int j = Ny - 2; j >= 0; j--)
        {
            double cj = cp[j];
            int row = j * nx, next = row + nx;
            for (int i = 0; i < nx; i++) c[row + i] -= cj * c[next + i];
        }
    }
}
