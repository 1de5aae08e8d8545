using System.Text;

namespace CircuitSim.Scenarios.Yaml;

/// <summary>Reads a scenario file's text, at most <see cref="YamlLimits.MaxFileBytes"/> of it.</summary>
internal static class ScenarioFile
{
    /// <summary>
    /// The text of <paramref name="path"/>, or null with the reason: "file not found", "… is a folder",
    /// "… is larger than 16 MiB", or the system's message. Never reads more than the limit plus one byte,
    /// so <c>/dev/zero</c> or a huge file is refused quickly.
    /// </summary>
    public static string? Read(string path, out string? why)
    {
        why = null;
        if (Directory.Exists(path))
        {
            why = "this is a folder, not a scenario file";
            return null;
        }
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
            var buffer = new byte[stream.CanSeek ? Math.Min(YamlLimits.MaxFileBytes + 1L, stream.Length + 1) : 1 << 16];
            int filled = 0;
            while (true)
            {
                if (filled == buffer.Length)
                {
                    if (buffer.Length > YamlLimits.MaxFileBytes) break;
                    Array.Resize(ref buffer, (int)Math.Min(YamlLimits.MaxFileBytes + 1L, buffer.Length * 2L + 4096));
                }
                int n = stream.Read(buffer, filled, buffer.Length - filled);
                if (n == 0) break;
                filled += n;
            }
            if (filled > YamlLimits.MaxFileBytes)
            {
                why = $"the file is larger than {YamlLimits.FileSize}, the most a scenario may be (is it the right file?)";
                return null;
            }
            // as File.ReadAllText: UTF-8 unless a byte-order mark says otherwise
            using var reader = new StreamReader(new MemoryStream(buffer, 0, filled), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            return reader.ReadToEnd();
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            why = "file not found";
        }
        catch (UnauthorizedAccessException)
        {
            why = "cannot read the file: permission denied";
        }
        catch (Exception e) when (e is IOException or NotSupportedException or ArgumentException)
        {
            why = "cannot read the file: " + e.Message.Split(" : ")[0].TrimEnd('.'); // the system's reason; the path is in the error already
        }
        return null;
    }
}
