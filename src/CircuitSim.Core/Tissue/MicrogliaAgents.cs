using CircuitSim.Model;
using CircuitSim.Random;

namespace CircuitSim.Tissue;

/// <summary>
/// Microglia as agents on the slab, structure of arrays (position, activation, synthesis state), stepped on the
/// fields' clock after the fields:
/// - activation a relaxes towards the Hill function of the sensed field at the cell, c^n / (c^n + EC50^n)
///   (P2X4/P2X7 sensing of ATP), with one time constant up and another down;
/// - each cell moves up the sensed field's gradient at a speed that grows with the signal (v·c/(c + EC50)),
///   the process and cell movement towards ATP of Davalos et al. 2005 (Nat Neurosci 8:752), plus a random walk;
/// - secretion into a field in two phases, as BDNF from P2X4-stimulated microglia (Trang et al. 2009 J Neurosci
///   29:3518: a release within minutes, then a synthesis-dependent peak later): a stored pool released as
///   activation rises, and a late part that follows a synthesis state s, ds/dt = (a − s)/τ_late.
/// All glial time constants and speeds are scaled by one time compression factor. Random numbers are
/// counter-based (seed, agent, tick), so a run does not depend on threads.
/// </summary>
public sealed class MicrogliaAgents
{
    private const uint Purpose = 0x4D47_4C41; // "MGLA"
    private readonly MicrogliaSpec _spec;
    private readonly DiffusionField _senses;
    private readonly (DiffusionField Field, SecretionSpec Spec)[] _secretions;
    private readonly double _compression;
    private readonly ulong _seed;
    private long _tick;

    public MicrogliaAgents(MicrogliaSpec spec, double timeCompression, IReadOnlyList<DiffusionField> fields, ulong seed, double widthUm, double depthUm)
    {
        _spec = spec;
        _compression = timeCompression;
        _seed = seed;
        _senses = fields.FirstOrDefault(f => f.Name == spec.Senses)
                  ?? throw new Engine.BuildException($"microglia sense '{spec.Senses}', which is not a field of the tissue", "glia.microglia.senses");
        _secretions = spec.Secretes.Select(s => (fields.FirstOrDefault(f => f.Name == s.Field)
            ?? throw new Engine.BuildException($"microglia secrete '{s.Field}', which is not a field of the tissue", $"glia.microglia.secretes.{s.Field}"), s)).ToArray();
        int n = spec.Count;
        X = new double[n];
        Y = new double[n];
        Activation = new double[n];
        Synthesis = _secretions.Select(_ => new double[n]).ToArray();
        var bands = (spec.Laminae.Count > 0 ? spec.Laminae : ["I", "II", "III", "IV", "V"]).Select(LaminaGeometry.DepthBand).ToArray();
        double total = bands.Sum(b => b.Bottom - b.Top);
        for (int i = 0; i < n; i++)
        {
            var (a, b, _, _) = Philox.Next(seed, Purpose, (uint)i, ulong.MaxValue);
            X[i] = widthUm * Philox.ToUnitFloat(a);
            double d = total * Philox.ToUnitFloat(b);
            foreach (var (top, bottom) in bands)
            {
                if (d < bottom - top) { Y[i] = top + d; break; }
                d -= bottom - top;
            }
            Y[i] = Math.Clamp(Y[i], 0, depthUm);
        }
        WidthUm = widthUm;
        DepthUm = depthUm;
    }

    public double[] X { get; }
    public double[] Y { get; }
    public double[] Activation { get; }
    /// <summary>The synthesis state of each secretion, per agent.</summary>
    public double[][] Synthesis { get; }
    public double WidthUm { get; }
    public double DepthUm { get; }
    public int Count => X.Length;

    /// <summary>One step of <paramref name="dtMs"/> of run time (the glial processes advance by dtMs × the time compression).</summary>
    public void Step(double dtMs)
    {
        double t = dtMs * _compression; // glial time
        double up = 1 - Math.Exp(-t / _spec.ActivationTauMs), down = 1 - Math.Exp(-t / _spec.DeactivationTauMs);
        double k = _spec.Ec50Um, n = _spec.Hill, dx = _senses.DxUm;
        double walk = Math.Sqrt(2 * _spec.RandomWalkUm2PerMs * t);
        for (int i = 0; i < Count; i++)
        {
            int ci = Math.Clamp((int)(X[i] / dx), 0, _senses.Nx - 1), cj = Math.Clamp((int)(Y[i] / dx), 0, _senses.Ny - 1);
            double c = Math.Max(0, _senses[ci, cj]);
            double target = c <= 0 ? 0 : Math.Pow(c, n) / (Math.Pow(c, n) + Math.Pow(k, n));
            double before = Activation[i];
            Activation[i] += (target - before) * (target > before ? up : down);

            for (int q = 0; q < _secretions.Length; q++)
            {
                var (field, s) = _secretions[q];
                double rise = Math.Max(0, Activation[i] - before);
                double amount = s.EarlyUm * rise + s.LateUm * Synthesis[q][i] * (t / s.LateTauMs);
                if (amount > 0) field.Add(field.CellOf(X[i], Y[i]), amount);
                Synthesis[q][i] += (Activation[i] - Synthesis[q][i]) * (1 - Math.Exp(-t / s.LateTauMs));
            }

            // chemotaxis up the sensed field's gradient (central differences on the grid), faster with more signal
            double gx = (_senses[Math.Min(ci + 1, _senses.Nx - 1), cj] - _senses[Math.Max(ci - 1, 0), cj]) / (2 * dx);
            double gy = (_senses[ci, Math.Min(cj + 1, _senses.Ny - 1)] - _senses[ci, Math.Max(cj - 1, 0)]) / (2 * dx);
            double g = Math.Sqrt(gx * gx + gy * gy);
            double speed = _spec.ChemotaxisUmPerMs * c / (c + k);
            if (g > 1e-15 && speed > 0)
            {
                double step = Math.Min(speed * t, dx); // at most one cell per step, so the gradient is read where the cell is
                X[i] += step * gx / g;
                Y[i] += step * gy / g;
            }
            if (walk > 0)
            {
                X[i] += walk * Philox.Normal(_seed, Purpose, (uint)i, (ulong)(2 * _tick));
                Y[i] += walk * Philox.Normal(_seed, Purpose, (uint)i, (ulong)(2 * _tick + 1));
            }
            X[i] = Math.Clamp(X[i], 0, WidthUm - 1e-9);
            Y[i] = Math.Clamp(Y[i], 0, DepthUm - 1e-9);
        }
        _tick++;
    }
}
