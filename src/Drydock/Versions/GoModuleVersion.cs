using System.Diagnostics.CodeAnalysis;

namespace Drydock.Versions;

/// <summary>
/// Go module versions as golang.org/x/mod/semver reads them: <c>vMAJOR[.MINOR[.PATCH[-pre][+build]]]</c>, where
/// <c>v1</c> and <c>v1.2</c> mean <c>v1.0.0</c> and <c>v1.2.0</c>. Pseudo-versions (<c>v0.0.0-20210101000000-abcdef123456</c>)
/// are ordinary pre-releases and <c>+incompatible</c> is build metadata, so both order correctly by SemVer rules.
/// The 'v' may be left out, as OSV's Go ecosystem writes versions.
/// </summary>
public static partial class GoModuleVersion
{
    [System.Text.RegularExpressions.GeneratedRegex(@"^go(?<M>0|[1-9][0-9]*)\.(?<m>0|[1-9][0-9]*)(?:\.(?<p>0|[1-9][0-9]*))?(?:(?<kind>rc|beta)(?<n>[1-9][0-9]*))?$", System.Text.RegularExpressions.RegexOptions.CultureInvariant | System.Text.RegularExpressions.RegexOptions.ExplicitCapture)]
    private static partial System.Text.RegularExpressions.Regex ToolchainPattern();

    /// <summary>
    /// Parses a Go module version; false when x/mod/semver would call it invalid. A Go toolchain (standard library)
    /// version such as <c>go1.21.5</c>, <c>go1.20</c> or <c>go1.21rc2</c> is read as 1.21.5, 1.20.0 and 1.21.0-rc.2.
    /// </summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out SemanticVersion? version)
    {
        ArgumentNullException.ThrowIfNull(text);
        var toolchain = ToolchainPattern().Match(text);
        if (toolchain.Success)
        {
            var patch = toolchain.Groups["p"].Success ? toolchain.Groups["p"].Value : "0";
            var pre = toolchain.Groups["kind"].Success ? $"-{toolchain.Groups["kind"].Value}.{toolchain.Groups["n"].Value}" : "";
            return SemanticVersion.TryParseCore(text, $"{toolchain.Groups["M"].Value}.{toolchain.Groups["m"].Value}.{patch}{pre}", VersionScheme.Go, shortForms: false, out version);
        }

        var s = text.AsSpan();
        if (s.StartsWith('v'))
        {
            s = s[1..];
        }

        return SemanticVersion.TryParseCore(text, s, VersionScheme.Go, shortForms: true, out version);
    }

    /// <summary>True when the version carries <c>+incompatible</c> (a v2+ module without a go.mod major suffix).</summary>
    public static bool IsIncompatible(SemanticVersion version) => version.Build == "incompatible";

    /// <summary>True for a pseudo-version: a pre-release whose last two dash parts are a 14-digit UTC timestamp and a 12-hex-digit revision.</summary>
    public static bool IsPseudo(SemanticVersion version)
    {
        if (version.Prerelease.Count == 0)
        {
            return false;
        }

        var parts = string.Join('.', version.Prerelease).Split('-');
        if (parts.Length < 2)
        {
            return false;
        }

        var time = parts[^2];
        var dot = time.LastIndexOf('.');
        time = dot >= 0 ? time[(dot + 1)..] : time;
        var rev = parts[^1];
        return time.Length == 14 && DigitText.AllDigits(time)
            && rev.Length == 12 && !rev.AsSpan().ContainsAnyExcept("0123456789abcdef");
    }
}
