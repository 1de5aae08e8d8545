using System.CommandLine.Parsing;
using System.Globalization;
using System.Text.RegularExpressions;
using CircuitSim.Model;

namespace CircuitSim.Cli;

/// <summary>
/// Parsers of option values whose errors speak the user's words ("--threads: expected a whole
/// number, found 'x'"), not .NET's ("... as expected type 'System.Int32'").
/// </summary>
internal static partial class OptionValues
{
    private static readonly (string Word, BackendKind Kind)[] Backends =
        { ("auto", BackendKind.Auto), ("simd", BackendKind.Simd), ("reference", BackendKind.Reference), ("gpu", BackendKind.Gpu) };

    public static int Threads(ArgumentResult r)
    {
        if (Token(r) is not { } s) return 0;
        if (int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out int n)) return n;
        r.AddError($"--threads: expected a whole number ≥ 0 (0: automatic), found '{s}'");
        return 0;
    }

    public static ulong? Seed(ArgumentResult r)
    {
        if (Token(r) is not { } s) return null;
        if (ulong.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out ulong seed)) return seed;
        r.AddError($"--seed: expected a whole number from 0 to {ulong.MaxValue}, found '{s}'");
        return null;
    }

    public static BackendKind? Backend(ArgumentResult r)
    {
        if (Token(r) is not { } s) return null;
        foreach (var (word, kind) in Backends)
            if (string.Equals(word, s.Trim(), StringComparison.OrdinalIgnoreCase)) return kind;
        r.AddError($"--backend: expected one of {string.Join(", ", Backends.Select(b => b.Word))}; found '{s}'");
        return null;
    }

    private static string? Token(ArgumentResult r) => r.Tokens.Count > 0 ? r.Tokens[0].Value : null;

    [GeneratedRegex(@"^Cannot parse argument '(?<value>.*)' for option '(?<option>[^']*)' as expected type '(?<type>[^']*)'\.")]
    private static partial Regex CannotParse();

    /// <summary>System.CommandLine's own message for an option without a parser above, without the .NET type name.</summary>
    public static string Plain(string message)
    {
        var m = CannotParse().Match(message);
        if (!m.Success) return message;
        string type = m.Groups["type"].Value;
        string expected = type.Contains("Boolean") ? "true or false"
            : type.Contains("Int") ? "a whole number"
            : type.Contains("Double") || type.Contains("Single") ? "a number"
            : "a valid value";
        return $"{m.Groups["option"].Value}: expected {expected}, found '{m.Groups["value"].Value}'";
    }
}
