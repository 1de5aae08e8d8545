using CircuitSim.Scenarios;

namespace CircuitSim.Studies.Design;

/// <summary>
/// The runs of a <see cref="SweepSpec"/>, in a fixed order: point by point (a grid's first parameter
/// varies slowest), within a point arm by arm, within an arm replicate by replicate. Replicate r runs
/// with the scenario's seed + r at every point (common random numbers: points differ by their
/// parameters, not by their networks).
/// </summary>
public static class StudyDesign
{
    /// <param name="scenarioValue">The scenario's value at a key path (what a cohort's profiles change); unused by grids and random designs.</param>
    public static IReadOnlyList<PlannedRun> Plan(SweepSpec sweep, ulong scenarioSeed, Func<string, string?>? scenarioValue = null)
    {
        IReadOnlyList<IReadOnlyList<KeyValuePair<string, string>>> points;
        IReadOnlyList<IReadOnlyList<KeyValuePair<string, string>>> covariates;
        if (sweep.Mode == SweepMode.Cohort)
        {
            var patients = Cohorts.Patients.Of(sweep.Cohort!, sweep.Profiles, scenarioSeed);
            points = patients.Select(p => (IReadOnlyList<KeyValuePair<string, string>>)Cohorts.ProfileValues.For(p, sweep.Profiles, scenarioValue ?? (_ => null))).ToList();
            covariates = patients.Select(p => (IReadOnlyList<KeyValuePair<string, string>>)
                new[] { new KeyValuePair<string, string>("patient", p.Id) }
                    .Concat(sweep.Profiles.Select(g => new KeyValuePair<string, string>("z." + g.Gene, p.Z[g.Gene].ToString("R", System.Globalization.CultureInfo.InvariantCulture))))
                    .ToList()).ToList();
        }
        else
        {
            points = Points(sweep, scenarioSeed);
            covariates = points.Select(_ => (IReadOnlyList<KeyValuePair<string, string>>)[]).ToList();
        }
        var arms = sweep.Arms.Count > 0 ? sweep.Arms : [new SweepArm("base", [])];
        var runs = new List<PlannedRun>(points.Count * arms.Count * sweep.Replicates);
        for (int p = 0; p < points.Count; p++)
            foreach (var arm in arms)
                for (int r = 0; r < sweep.Replicates; r++)
                    runs.Add(new PlannedRun(runs.Count, p, arm.Name, r, scenarioSeed + (ulong)r, points[p], arm.Sets) { Covariates = covariates[p] });
        return runs;
    }

    /// <summary>The parameter values of each point, as (key path, YAML value).</summary>
    public static IReadOnlyList<IReadOnlyList<KeyValuePair<string, string>>> Points(SweepSpec sweep, ulong scenarioSeed)
    {
        var ps = sweep.Parameters;
        var result = new List<IReadOnlyList<KeyValuePair<string, string>>>();
        if (ps.Count == 0)
        {
            result.Add([]);
            return result;
        }
        switch (sweep.Mode)
        {
            case SweepMode.Grid:
            {
                var values = ps.Select(p => p.GridValues()).ToArray();
                var idx = new int[ps.Count];
                while (true)
                {
                    result.Add(ps.Select((p, j) => new KeyValuePair<string, string>(p.Path, values[j][idx[j]])).ToList());
                    int k = ps.Count - 1; // the last parameter varies fastest
                    while (k >= 0 && ++idx[k] == values[k].Count) idx[k--] = 0;
                    if (k < 0) break;
                }
                break;
            }
            case SweepMode.Random:
            {
                var u = sweep.Method == SamplingMethod.Sobol
                    ? SobolSequence.Points(sweep.Samples, ps.Count)
                    : LatinHypercube.Points(sweep.Samples, ps.Count, sweep.DesignSeed ?? scenarioSeed);
                foreach (var point in u)
                    result.Add(ps.Select((p, j) => new KeyValuePair<string, string>(p.Path, p.Sample(point[j]))).ToList());
                break;
            }
            default:
                throw new NotSupportedException($"sweep mode {sweep.Mode} has no design here");
        }
        return result;
    }
}
