using System.Text;

namespace CircuitSim.Output;

/// <summary>
/// Writes a file through a temporary file in the same folder (<c>.NAME.tmp-GUID</c>) that is renamed
/// over the final path once it is complete and flushed. A writer that throws leaves neither the final
/// file nor the temporary one behind, so a file that exists is always a whole file.
/// </summary>
public static class AtomicFile
{
    static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Creates the folder if needed, lets <paramref name="write"/> fill a temporary file, then moves it to <paramref name="path"/> (replacing any old file).</summary>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        string full = Path.GetFullPath(path);
        string dir = Path.GetDirectoryName(full) ?? throw new ArgumentException($"'{path}' has no folder.", nameof(path));
        Directory.CreateDirectory(dir);
        string temp = Path.Combine(dir, $".{Path.GetFileName(full)}.tmp-{Guid.NewGuid():N}");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    public static void WriteAllBytes(string path, byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        Write(path, s => s.Write(bytes));
    }

    /// <summary>Writes text as UTF-8 without a byte-order mark.</summary>
    public static void WriteAllText(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Write(path, s => s.Write(Utf8NoBom.GetBytes(text)));
    }

    /// <summary>Writes text through a buffered UTF-8 (no BOM) writer, for large text files.</summary>
    public static void WriteText(string path, Action<TextWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        Write(path, s =>
        {
            using var writer = new StreamWriter(s, Utf8NoBom, bufferSize: 1 << 16, leaveOpen: true);
            write(writer);
            writer.Flush();
        });
    }

    static void TryDelete(string file)
    {
        try { File.Delete(file); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
