using System.Globalization;
using CircuitSim.Random;
using CircuitSim.Scenarios;

namespace CircuitSim.Studies.Cohorts;

/// <summary>A virtual patient: an id and an expression z-score per profiled gene.</summary>
public sealed record Patient(string Id, IReadOnlyDictionary<string, double> Z);

/// <summary>
/// The patients of a cohort: sampled (z = mean + sd · N(0, 1) per gene, counter-based, so a seed gives
/// the same cohort everywhere), or read from a CSV of z-scores (column <c>patient</c>, then one
/// column per gene; a profiled gene without a column has z = 0 for everyone).
/// </summary>
public static class Patients
{
    private const uint Purpose = 0x434F_484F; // "COHO": apart from the engine's purposes

    public static IReadOnlyList<Patient> Of(CohortSpec cohort, IReadOnlyList<GeneProfile> profiles, ulong scenarioSeed)
    {
        var genes = profiles.Select(p => p.Gene).ToList();
        if (cohort.Table is { } table) return Read(table, genes);
        ulong seed = cohort.Seed ?? scenarioSeed;
        var list = new List<Patient>(cohort.Size);
        for (int i = 0; i < cohort.Size; i++)
        {
            var z = new Dictionary<string, double>();
            for (int g = 0; g < genes.Count; g++)
            {
                var dist = cohort.Expression.FirstOrDefault(e => e.Gene == genes[g]) ?? new GeneDistribution(genes[g], 0, 1);
                z[genes[g]] = dist.Mean + dist.Sd * Philox.Normal(seed, Purpose, (uint)g, (ulong)i);
            }
            list.Add(new Patient($"P{i + 1:D4}", z));
        }
        return list;
    }

    private static IReadOnlyList<Patient> Read(string path, IReadOnlyList<string> genes)
    {
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0) throw new StudyException($"{path}:1: the expression table is empty; it needs a header 'patient,GENE,...'");
        var header = lines[0].Split(',').Select(h => h.Trim().Trim('"')).ToArray();
        int pid = Array.IndexOf(header, "patient");
        if (pid < 0) throw new StudyException($"{path}:1: the expression table needs a column 'patient' (found: {string.Join(", ", header)})");
        for (int c = 0; c < header.Length; c++)
            if (c != pid && !genes.Contains(header[c]))
                throw new StudyException($"{path}:1: column '{header[c]}' is not a gene of sweep.profiles ({string.Join(", ", genes)}), so it would change nothing");
        var list = new List<Patient>();
        var ids = new HashSet<string>();
        for (int l = 1; l < lines.Length; l++)
        {
            if (lines[l].Trim().Length == 0) continue;
            var cells = lines[l].Split(',').Select(x => x.Trim().Trim('"')).ToArray();
            if (cells.Length != header.Length) throw new StudyException($"{path}:{l + 1}: {cells.Length} fields where the header has {header.Length}");
            string id = cells[pid];
            if (id.Length == 0 || !ids.Add(id)) throw new StudyException($"{path}:{l + 1}: patient id '{id}' is empty or repeated");
            var z = genes.ToDictionary(g => g, _ => 0.0);
            for (int c = 0; c < header.Length; c++)
            {
                if (c == pid) continue;
                if (!double.TryParse(cells[c], NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
                    throw new StudyException($"{path}:{l + 1}: {header[c]}: expected a z-score, found '{cells[c]}'");
                z[header[c]] = v;
            }
            list.Add(new Patient(id, z));
        }
        if (list.Count == 0) throw new StudyException($"{path}: the expression table has no patients");
        return list;
    }
}
