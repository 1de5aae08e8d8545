using System.Text;
using System.Text.Json;

namespace CircuitSim.Studies.Results;

/// <summary>
/// The study's record of finished runs: one JSON line per run, appended and flushed to disk as the
/// run finishes, so that a study killed at any moment (even by SIGKILL or a node failure) keeps
/// every run that finished. A line cut short by the kill is the only thing lost, and it is
/// recognised and ignored on reading (its run is then simply redone). Each writer (one study, or
/// one shard of it) has its own file, so shards on a cluster never write to the same file.
/// </summary>
public sealed class RunJournal : IDisposable
{
    private readonly FileStream _stream;
    private readonly FileStream _lock;
    private readonly object _gate = new();

    private RunJournal(FileStream stream, FileStream lockFile) => (_stream, _lock) = (stream, lockFile);

    /// <summary>
    /// Opens (creating) a journal file for appending, holding an exclusive lock on <c>PATH.lock</c> for as long
    /// as it is open, so that two processes never run the same shard into one journal; a torn last line
    /// is ended so the next record starts on its own line.
    /// </summary>
    public static RunJournal Open(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        FileStream lockFile;
        try
        {
            lockFile = new FileStream(path + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            throw new StudyException($"another circuitsim is writing {path} (the same study and shard is running): wait for it, or stop it first");
        }
        bool endsWithNewline = true;
        if (File.Exists(path) && new FileInfo(path).Length > 0)
            using (var read = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
            {
                read.Seek(-1, SeekOrigin.End);
                endsWithNewline = read.ReadByte() == '\n';
            }
        var fs = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
        if (!endsWithNewline) fs.WriteByte((byte)'\n');
        return new RunJournal(fs, lockFile);
    }

    public void Append(RunRecord r)
    {
        var line = Encoding.UTF8.GetBytes(Serialize(r) + "\n");
        lock (_gate)
        {
            _stream.Write(line);
            _stream.Flush(flushToDisk: true);
        }
    }

    public void Dispose()
    {
        _stream.Dispose();
        _lock.Dispose();
    }

    /// <summary>Every whole record of the journals in a folder (<c>*.jsonl</c>), in file then line order.</summary>
    public static List<RunRecord> ReadAll(string folder)
    {
        var records = new List<RunRecord>();
        if (!Directory.Exists(folder)) return records;
        foreach (var file in Directory.GetFiles(folder, "*.jsonl").Order(StringComparer.Ordinal))
            foreach (var line in File.ReadAllLines(file))
                if (TryParse(line) is { } r) records.Add(r);
        return records;
    }

    private static string Serialize(RunRecord r)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms))
        {
            w.WriteStartObject();
            w.WriteNumber("index", r.Index);
            w.WriteString("key", r.Key);
            w.WriteString("status", r.Status == RunStatus.Ok ? "ok" : "failed");
            if (r.Error is null) w.WriteNull("error"); else w.WriteString("error", r.Error);
            w.WriteNumber("wall_seconds", r.WallSeconds);
            w.WriteString("code_version", r.CodeVersion);
            w.WriteStartObject("metrics");
            foreach (var (k, v) in r.Metrics)
                if (double.IsFinite(v)) w.WriteNumber(k, v); else w.WriteNull(k);
            w.WriteEndObject();
            w.WriteBoolean("end", true); // a line that has this was written whole
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(ms.ToArray());
    }

    private static RunRecord? TryParse(string line)
    {
        if (line.Length == 0) return null;
        try
        {
            using var doc = JsonDocument.Parse(line);
            var o = doc.RootElement;
            if (!o.TryGetProperty("end", out var end) || end.ValueKind != JsonValueKind.True) return null;
            var metrics = new List<KeyValuePair<string, double>>();
            foreach (var p in o.GetProperty("metrics").EnumerateObject())
                metrics.Add(new(p.Name, p.Value.ValueKind == JsonValueKind.Number ? p.Value.GetDouble() : double.NaN));
            return new RunRecord(
                o.GetProperty("index").GetInt32(), o.GetProperty("key").GetString()!,
                o.GetProperty("status").GetString() == "ok" ? RunStatus.Ok : RunStatus.Failed,
                o.GetProperty("error").ValueKind == JsonValueKind.String ? o.GetProperty("error").GetString() : null,
                metrics, o.GetProperty("wall_seconds").GetDouble(), o.GetProperty("code_version").GetString()!);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return null; // a line torn by a kill: its run is redone
        }
    }
}
