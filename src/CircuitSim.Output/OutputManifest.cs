namespace CircuitSim.Output;

/// <summary>
/// The files CircuitSim wrote into a results folder, listed in <c>.circuitsim-files</c> (one path
/// relative to the folder a line). A rerun into the folder removes what the list names before it
/// writes, so no file of an earlier run survives that this run does not write (the traces of a
/// population since renamed, edges.h5 of a run with record.network), and nothing else the user
/// keeps there is touched. A file is listed before it is written, so a run that dies while writing
/// leaves nothing unlisted.
/// </summary>
internal sealed class OutputManifest
{
    public const string FileName = ".circuitsim-files";
    private const string Header = "# files CircuitSim wrote in this folder; a new run into it removes them first";

    private readonly string _dir;
    private readonly List<string> _files = new();

    private OutputManifest(string dir) => _dir = dir;

    /// <summary>Removes the files an earlier run listed in <paramref name="dir"/> and starts an empty list.</summary>
    public static OutputManifest Start(string dir)
    {
        foreach (var rel in Read(dir))
        {
            string full = Path.GetFullPath(Path.Combine(dir, rel));
            if (!IsInside(dir, full)) continue; // an edited list cannot reach outside the folder
            if (File.Exists(full)) File.Delete(full);
            string? parent = Path.GetDirectoryName(full);
            if (parent is not null && IsInside(dir, parent) && Directory.Exists(parent) && !Directory.EnumerateFileSystemEntries(parent).Any())
                Directory.Delete(parent); // traces/, when it held only our files
        }
        var manifest = new OutputManifest(dir);
        manifest.Save();
        return manifest;
    }

    /// <summary>Lists files about to be written (full paths inside the folder).</summary>
    public void Add(params IEnumerable<string> fullPaths)
    {
        foreach (var f in fullPaths)
        {
            string rel = Path.GetRelativePath(_dir, f).Replace(Path.DirectorySeparatorChar, '/');
            if (!_files.Contains(rel)) _files.Add(rel);
        }
        Save();
    }

    /// <summary>Lists exactly the files that were written, once all are.</summary>
    public void Finish(IEnumerable<string> written)
    {
        _files.Clear();
        Add(written);
    }

    private void Save() => AtomicFile.WriteAllText(Path.Combine(_dir, FileName), string.Join('\n', _files.Prepend(Header)) + "\n");

    private static IEnumerable<string> Read(string dir)
    {
        string path = Path.Combine(dir, FileName);
        if (!File.Exists(path)) return [];
        return File.ReadAllLines(path).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'));
    }

    private static bool IsInside(string dir, string full)
    {
        string rel = Path.GetRelativePath(dir, full);
        return rel != "." && !rel.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(rel);
    }
}
