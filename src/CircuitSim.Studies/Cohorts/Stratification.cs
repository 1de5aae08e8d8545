using System.Globalization;
using System.Text;
using CircuitSim.Output;
using CircuitSim.Scenarios;
using CircuitSim.Studies.Design;
using CircuitSim.Studies.Results;

namespace CircuitSim.Studies.Cohorts;

/// <summary>One patient's phenotypes, cluster and response to each intervention arm.</summary>
public sealed record PatientSummary(string Id, int Point, IReadOnlyDictionary<string, double> Z, double[] Phenotypes, int Cluster,
    double BaseOutcome, IReadOnlyDictionary<string, double> Change);

/// <summary>One cluster: its size, mean phenotypes, mean expression (its defining genes) and the mean change and responders per arm.</summary>
public sealed record ClusterSummary(int Cluster, int Patients, double[] Phenotypes, IReadOnlyDictionary<string, double> MeanZ,
    IReadOnlyDictionary<string, double> MeanChange, IReadOnlyDictionary<string, double> Responders, string Defining);

/// <summary>
/// Stratifies a cohort: each patient's phenotypes are the base arm's metrics (mean over replicates);
/// patients are clustered by k-means on the phenotypes standardised across the cohort; each arm's
/// effect on a patient is the relative change of the outcome metric from the base arm, and a patient
/// responds when it falls by at least the responder fraction (30 %: IMMPACT's moderate benefit,
/// Dworkin et al. 2008 J Pain 9:105). A cluster is described by the genes whose mean z-score departs
/// most from the cohort's (its defining parameters) and by the share of responders per arm.
/// </summary>
public sealed class Stratification
{
    public required StratifySpec Spec { get; init; }
    public required IReadOnlyList<string> Genes { get; init; }
    public required IReadOnlyList<string> Arms { get; init; }
    public required IReadOnlyList<PatientSummary> Patients { get; init; }
    public required IReadOnlyList<ClusterSummary> Clusters { get; init; }

    /// <summary>Patients left out of clustering because a phenotype is missing (a failed run, a rate with no window).</summary>
    public int Unclustered => Patients.Count(p => p.Cluster < 0);

    public static Stratification Compute(StratifySpec spec, IReadOnlyList<PlannedRun> design, ResultTable table)
    {
        var col = table.Columns.ToDictionary(c => c.Name);
        foreach (var name in spec.Phenotypes.Append(spec.Outcome).OfType<string>())
            if (!col.ContainsKey(name) && table.RowCount > 0)
                throw new StudyException($"{spec.Where}: sweep.stratify: no metric column '{name}' in the results (columns: {string.Join(", ", table.Columns.Select(c => c.Name).Where(n => n.Contains('.') && !n.StartsWith("z.", StringComparison.Ordinal)).Take(12))}, ...)");
        var runIndex = ((IntegerColumn)col["run"]).Values;
        var status = ((TextColumn)col["status"]).Values;
        double Value(string name, int row) => col.TryGetValue(name, out var c) && c is NumberColumn nc ? nc.Values[row] : double.NaN;

        var genes = design.SelectMany(r => r.Covariates.Select(c => c.Key)).Where(k => k.StartsWith("z.", StringComparison.Ordinal)).Distinct().Select(k => k[2..]).ToList();
        var arms = design.Select(r => r.Arm).Distinct().ToList();
        var rowsByPointArm = new Dictionary<(int, string), List<int>>();
        for (int i = 0; i < table.RowCount; i++)
        {
            if (status[i] != "ok") continue;
            var run = design[(int)runIndex[i]];
            if (!rowsByPointArm.TryGetValue((run.Point, run.Arm), out var list)) rowsByPointArm[(run.Point, run.Arm)] = list = [];
            list.Add(i);
        }
        double Mean(IEnumerable<int> rows, string metric)
        {
            var v = rows.Select(r => Value(metric, r)).Where(double.IsFinite).ToList();
            return v.Count > 0 ? v.Average() : double.NaN;
        }

        var patients = new List<PatientSummary>();
        foreach (var point in design.Select(r => r.Point).Distinct())
        {
            var first = design.First(r => r.Point == point);
            string id = first.Covariates.FirstOrDefault(c => c.Key == "patient").Value ?? $"point {point}";
            var z = genes.ToDictionary(g => g, g => double.Parse(first.Covariates.First(c => c.Key == "z." + g).Value, CultureInfo.InvariantCulture));
            var baseRows = rowsByPointArm.GetValueOrDefault((point, spec.BaseArm)) ?? [];
            var phen = spec.Phenotypes.Select(p => Mean(baseRows, p)).ToArray();
            double baseOutcome = spec.Outcome is { } o ? Mean(baseRows, o) : double.NaN;
            var change = new Dictionary<string, double>();
            foreach (var arm in arms.Where(a => a != spec.BaseArm))
            {
                double v = spec.Outcome is { } oc ? Mean(rowsByPointArm.GetValueOrDefault((point, arm)) ?? [], oc) : double.NaN;
                change[arm] = baseOutcome > 0 ? (v - baseOutcome) / baseOutcome : double.NaN;
            }
            patients.Add(new PatientSummary(id, point, z, phen, -1, baseOutcome, change));
        }

        // standardise the phenotypes across the clustered patients; a phenotype that does not vary carries no distance
        var usable = patients.Where(p => p.Phenotypes.All(double.IsFinite)).ToList();
        int d = spec.Phenotypes.Count;
        var mean = new double[d];
        var sd = new double[d];
        for (int q = 0; q < d; q++)
        {
            var v = usable.Select(p => p.Phenotypes[q]).ToList();
            mean[q] = v.Count > 0 ? v.Average() : 0;
            sd[q] = v.Count > 1 ? Math.Sqrt(v.Sum(x => (x - mean[q]) * (x - mean[q])) / (v.Count - 1)) : 0;
        }
        var x = usable.Select(p => p.Phenotypes.Select((v, q) => sd[q] > 0 ? (v - mean[q]) / sd[q] : 0).ToArray()).ToArray();
        var (labels, _) = KMeans.Fit(x, spec.Clusters);
        var clusterOf = new Dictionary<int, int>();
        for (int i = 0; i < usable.Count; i++) clusterOf[usable[i].Point] = labels[i];
        patients = patients.Select(p => p with { Cluster = clusterOf.TryGetValue(p.Point, out var c) ? c : -1 }).ToList();

        var cohortZ = genes.ToDictionary(g => g, g => patients.Average(p => p.Z[g]));
        var clusters = new List<ClusterSummary>();
        foreach (int c in labels.Distinct().Order())
        {
            var members = patients.Where(p => p.Cluster == c).ToList();
            var phen = Enumerable.Range(0, d).Select(q => members.Average(m => m.Phenotypes[q])).ToArray();
            var mz = genes.ToDictionary(g => g, g => members.Average(m => m.Z[g]));
            var mc = new Dictionary<string, double>();
            var resp = new Dictionary<string, double>();
            foreach (var arm in arms.Where(a => a != spec.BaseArm))
            {
                var ch = members.Select(m => m.Change[arm]).Where(double.IsFinite).ToList();
                mc[arm] = ch.Count > 0 ? ch.Average() : double.NaN;
                resp[arm] = ch.Count > 0 ? ch.Count(v => v <= -spec.ResponderDrop) / (double)ch.Count : double.NaN;
            }
            string defining = string.Join(", ", genes.OrderByDescending(g => Math.Abs(mz[g] - cohortZ[g])).Take(3)
                .Select(g => $"{g} {(mz[g] - cohortZ[g] >= 0 ? "+" : "−")}{Math.Abs(mz[g] - cohortZ[g]):0.00} SD"));
            clusters.Add(new ClusterSummary(c + 1, members.Count, phen, mz, mc, resp, defining));
        }
        patients = patients.Select(p => p with { Cluster = p.Cluster >= 0 ? p.Cluster + 1 : 0 }).ToList();
        return new Stratification { Spec = spec, Genes = genes, Arms = arms.Where(a => a != spec.BaseArm).ToList(), Patients = patients, Clusters = clusters };
    }

    public const string PatientsFile = "patients.csv", ClustersFile = "clusters.csv", SummaryFile = "stratification.md";
    public const string PhenotypeFigure = "cohort-phenotypes.png", InterventionFigure = "cohort-interventions.png";

    /// <summary>patients.csv, clusters.csv, stratification.md and the two figures, into the study folder.</summary>
    public void Write(string folder, bool figures = true)
    {
        static string N(double v) => double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : "";
        var sb = new StringBuilder("patient,cluster");
        foreach (var g in Genes) sb.Append(",z.").Append(g);
        foreach (var p in Spec.Phenotypes) sb.Append(',').Append(p);
        if (Spec.Outcome is { } o) sb.Append(",outcome.").Append(Spec.BaseArm);
        foreach (var a in Arms) sb.Append(",change.").Append(a);
        sb.Append('\n');
        foreach (var p in Patients)
        {
            sb.Append(p.Id).Append(',').Append(p.Cluster);
            foreach (var g in Genes) sb.Append(',').Append(N(p.Z[g]));
            foreach (var v in p.Phenotypes) sb.Append(',').Append(N(v));
            if (Spec.Outcome is not null) sb.Append(',').Append(N(p.BaseOutcome));
            foreach (var a in Arms) sb.Append(',').Append(N(p.Change[a]));
            sb.Append('\n');
        }
        AtomicFile.WriteAllText(Path.Combine(folder, PatientsFile), sb.ToString());

        sb.Clear().Append("cluster,patients");
        foreach (var p in Spec.Phenotypes) sb.Append(",mean.").Append(p);
        foreach (var g in Genes) sb.Append(",mean_z.").Append(g);
        foreach (var a in Arms) sb.Append(",mean_change.").Append(a).Append(",responders.").Append(a);
        sb.Append(",defining\n");
        foreach (var c in Clusters)
        {
            sb.Append(c.Cluster).Append(',').Append(c.Patients);
            foreach (var v in c.Phenotypes) sb.Append(',').Append(N(v));
            foreach (var g in Genes) sb.Append(',').Append(N(c.MeanZ[g]));
            foreach (var a in Arms) sb.Append(',').Append(N(c.MeanChange[a])).Append(',').Append(N(c.Responders[a]));
            sb.Append(",\"").Append(c.Defining).Append("\"\n");
        }
        AtomicFile.WriteAllText(Path.Combine(folder, ClustersFile), sb.ToString());
        AtomicFile.WriteAllText(Path.Combine(folder, SummaryFile), Markdown());
        if (figures && Clusters.Count > 0)
        {
            CohortFigures.WritePhenotypes(Path.Combine(folder, PhenotypeFigure), Spec.Phenotypes,
                Patients.Where(p => p.Cluster > 0).Select(p => (p.Cluster, p.Phenotypes)).ToList());
            if (Arms.Count > 0 && Spec.Outcome is { } outcome)
                CohortFigures.WriteInterventions(Path.Combine(folder, InterventionFigure), outcome, Arms,
                    Clusters.Select(c => (c.Cluster, c.Patients, Arms.Select(a => c.MeanChange[a]).ToArray(), Arms.Select(a => c.Responders[a]).ToArray())).ToList());
        }
    }

    /// <summary>The stratification table as Markdown: clusters, their phenotypes, defining genes and which intervention helps whom.</summary>
    public string Markdown()
    {
        var sb = new StringBuilder();
        sb.Append($"# Stratification: {Patients.Count} patients, {Clusters.Count} clusters (k-means on {Spec.Phenotypes.Count} standardised phenotypes)");
        if (Unclustered > 0) sb.Append($"; {Unclustered} patients not clustered (a phenotype missing)");
        sb.Append("\n\n| cluster | patients | ").Append(string.Join(" | ", Spec.Phenotypes)).Append(" | defining genes (mean z vs cohort) |\n|");
        sb.Append(string.Concat(Enumerable.Repeat("---|", Spec.Phenotypes.Count + 3))).Append('\n');
        foreach (var c in Clusters)
            sb.Append($"| {c.Cluster} | {c.Patients} | ").Append(string.Join(" | ", c.Phenotypes.Select(v => v.ToString("0.###", CultureInfo.InvariantCulture)))).Append($" | {c.Defining} |\n");
        if (Arms.Count > 0 && Spec.Outcome is { } o)
        {
            sb.Append($"\nChange of `{o}` from the `{Spec.BaseArm}` arm, mean over the cluster's patients (share of responders, a fall of at least {Spec.ResponderDrop:P0}):\n\n");
            sb.Append("| cluster | ").Append(string.Join(" | ", Arms)).Append(" |\n|").Append(string.Concat(Enumerable.Repeat("---|", Arms.Count + 1))).Append('\n');
            foreach (var c in Clusters)
                sb.Append($"| {c.Cluster} | ").Append(string.Join(" | ", Arms.Select(a =>
                    double.IsFinite(c.MeanChange[a]) ? $"{c.MeanChange[a] * 100:+0;−0} % ({c.Responders[a] * 100:0} %)" : "n/a"))).Append(" |\n");
        }
        return sb.ToString();
    }
}
