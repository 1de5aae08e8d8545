using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CircuitSim.Output;
using CircuitSim.Studies.Design;

namespace CircuitSim.Studies;

/// <summary>
/// study.json, the folder's account of its study: the scenario, the command line's overrides, the
/// design (every planned run with its overrides and key) and a hash over the merged scenario and the
/// design. A rerun of the same command finds the same hash and resumes; a changed scenario, design or
/// <c>--set</c> gives another hash and is refused, so results of two studies never mix in one table.
/// <c>circuitsim merge</c> rebuilds the table from this file and the journals alone.
/// </summary>
public sealed class StudyManifest
{
    public const string FileName = "study.json";
    public const string JournalFolder = "journal";

    public required string Scenario { get; init; }
    public required string ScenarioFile { get; init; }
    public required IReadOnlyList<string> Sets { get; init; }
    public required string Mode { get; init; }
    public required string DesignHash { get; init; }

    /// <summary>SHA-256 of the merged scenario with the study's --set (no sweep): what every run must still load.</summary>
    public string ScenarioHash { get; init; } = "";
    public required string CodeVersion { get; init; }
    public required IReadOnlyList<PlannedRun> Runs { get; init; }

    /// <summary>The figures drawn from the table once every run is in.</summary>
    public IReadOnlyList<Scenarios.SweepFigure> Figures { get; init; } = [];

    /// <summary>How a cohort is stratified once its runs are in (null: not a cohort, or no stratify:).</summary>
    public Scenarios.StratifySpec? Stratify { get; init; }

    public static string Hash(string fingerprint, IReadOnlyList<string> sets, IReadOnlyList<PlannedRun> runs)
    {
        var text = new StringBuilder(fingerprint).Append('\n');
        foreach (var s in sets) text.Append("--set ").Append(s).Append('\n');
        foreach (var r in runs)
        {
            text.Append(r.Index).Append(' ').Append(r.Point).Append(' ').Append(r.Arm).Append(' ').Append(r.Replicate).Append(' ').Append(r.Key);
            foreach (var c in r.Covariates) text.Append(' ').Append(c.Key).Append('=').Append(c.Value);
            text.Append('\n');
        }
        return HashOf(text.ToString());
    }

    public static string HashOf(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    public static string CodeVersionOfThisBuild() =>
        typeof(StudyManifest).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion ?? "unknown";

    public void Write(string folder)
    {
        var runs = new JsonArray();
        foreach (var r in Runs)
            runs.Add(new JsonObject
            {
                ["run"] = r.Index, ["point"] = r.Point, ["arm"] = r.Arm, ["replicate"] = r.Replicate, ["seed"] = r.Seed, ["key"] = r.Key,
                ["parameters"] = Pairs(r.Parameters), ["arm_sets"] = Pairs(r.ArmSets), ["covariates"] = Pairs(r.Covariates),
            });
        var o = new JsonObject
        {
            ["scenario"] = Scenario, ["scenario_file"] = ScenarioFile, ["sets"] = new JsonArray(Sets.Select(s => (JsonNode)s!).ToArray()),
            ["mode"] = Mode, ["design_hash"] = DesignHash, ["scenario_hash"] = ScenarioHash, ["code_version"] = CodeVersion, ["runs"] = runs,
        };
        if (Figures.Count > 0) o["figures"] = JsonSerializer.SerializeToNode(Figures);
        if (Stratify is { } st)
            o["stratify"] = new JsonObject
            {
                ["phenotypes"] = new JsonArray(st.Phenotypes.Select(x => (JsonNode)x!).ToArray()), ["clusters"] = st.Clusters,
                ["outcome"] = st.Outcome, ["responder_drop"] = st.ResponderDrop, ["base_arm"] = st.BaseArm, ["where"] = st.Where,
            };
        AtomicFile.WriteAllText(Path.Combine(folder, FileName), o.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }

    private static JsonArray Pairs(IReadOnlyList<KeyValuePair<string, string>> pairs) =>
        new(pairs.Select(p => (JsonNode)new JsonArray(p.Key, p.Value)).ToArray());

    /// <summary>The manifest in a folder, or null when there is none; throws <see cref="StudyException"/> when it cannot be read.</summary>
    public static StudyManifest? Read(string folder)
    {
        string path = Path.Combine(folder, FileName);
        if (!File.Exists(path)) return null;
        try
        {
            var o = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
            var runs = o["runs"]!.AsArray().Select(n =>
            {
                var r = n!.AsObject();
                return new PlannedRun((int)r["run"]!, (int)r["point"]!, (string)r["arm"]!, (int)r["replicate"]!, (ulong)r["seed"]!,
                    ReadPairs(r["parameters"]!), ReadPairs(r["arm_sets"]!)) { Covariates = r["covariates"] is { } c ? ReadPairs(c) : [] };
            }).ToList();
            return new StudyManifest
            {
                Scenario = (string)o["scenario"]!, ScenarioFile = (string)o["scenario_file"]!,
                Sets = o["sets"]!.AsArray().Select(s => (string)s!).ToList(), Mode = (string)o["mode"]!,
                DesignHash = (string)o["design_hash"]!, ScenarioHash = (string?)o["scenario_hash"] ?? "", CodeVersion = (string)o["code_version"]!, Runs = runs,
                Figures = o["figures"] is { } fig ? fig.Deserialize<List<Scenarios.SweepFigure>>() ?? [] : [],
                Stratify = o["stratify"] is JsonObject st
                    ? new Scenarios.StratifySpec
                    {
                        Phenotypes = st["phenotypes"]!.AsArray().Select(x => (string)x!).ToList(), Clusters = (int)st["clusters"]!,
                        Outcome = (string?)st["outcome"], ResponderDrop = (double)st["responder_drop"]!, BaseArm = (string)st["base_arm"]!,
                        Where = (string)st["where"]!,
                    }
                    : null,
            };
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or NullReferenceException or FormatException)
        {
            throw new StudyException($"{path}: not a study manifest that this version can read ({e.Message})");
        }
    }

    private static List<KeyValuePair<string, string>> ReadPairs(JsonNode n) =>
        n.AsArray().Select(p => new KeyValuePair<string, string>((string)p![0]!, (string)p[1]!)).ToList();
}

/// <summary>A study that cannot start or be merged, with a message for the user (one line, no stack trace).</summary>
public sealed class StudyException(string message) : Exception(message);
