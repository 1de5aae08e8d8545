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
    private readonly double[] _scratch, _cp, _dp; // Thomas algorithm workspace, the longest line
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
        int line = Math.Max(nx, ny);
        _scratch = new double[line];
        _cp = new double[line];
        _dp = new double[line];
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
        }
        if (_r > 0)
        {
            for (int j = 0; j < Ny; j++) SolveLine(j * Nx, 1, Nx);
            for (int i = 0; i < Nx; i++) SolveLine(i, Nx, Ny);
        }
        if (_decay != 1)
            for (int k = 0; k < _c.Length; k++) _c[k] *= _decay;
    }

    /// <summary>
    /// (I − r·L) u = c along one line of n cells (start, stride), L the 1-D Laplacian with no-flux ends:
    /// interior rows (−r, 1 + 2r, −r), end rows (1 + r, −r). Thomas algorithm; the result replaces c.
    /// </summary>
    private void SolveLine(int start, int stride, int n)
    {
        if (n == 1) return;
        double r = _r;
        var cp = _cp;
        var dp = _dp;
        // first row: (1 + r) u0 − r u1 = c0
        double b = 1 + r;
        cp[0] = -r / b;
        dp[0] = _c[start] / b;
        for (int k = 1; k < n; k++)
        {
            double bk = k == n - 1 ? 1 + r : 1 + 2 * r;
            double m = bk - (-r) * cp[k - 1];
            cp[k] = k == n - 1 ? 0 : -r / m;
            dp[k] = (_c[start + k * stride] - (-r) * dp[k - 1]) / m;
        }
        var u = _scratch;
        u[n - 1] = dp[n - 1];
        for (int k = n - 2; k >= 0; k--) u[k] = dp[k] - cp[k] * u[k + 1];
        for (int k = 0; k < n; k++) _c[start + k * stride] = u[k];
    }
}
