using System.Diagnostics.CodeAnalysis;

namespace Drydock.Versions;

/// <summary>
/// A Semantic Versioning 2.0.0 version <c>MAJOR.MINOR.PATCH[-pre.release][+build]</c>, ordered by SemVer §11
/// (build metadata ignored). The same value type serves the SemVer, Cargo, npm and Go schemes; each has its own parser.
/// </summary>
public sealed class SemanticVersion : IVersion, IComparable<SemanticVersion>
{
    /// <summary>node-semver's bound on each number (JavaScript's largest safe integer).</summary>
    internal const long NpmMaxNumber = 9007199254740991;

    private SemanticVersion(VersionScheme scheme, string original, string major, string minor, string patch, IReadOnlyList<string> prerelease, string build)
    {
        Scheme = scheme;
        Original = original;
        Major = major;
        Minor = minor;
        Patch = patch;
        Prerelease = prerelease;
        Build = build;
    }

    /// <inheritdoc/>
    public VersionScheme Scheme { get; }

    /// <inheritdoc/>
    public string Original { get; }

    /// <summary>The major number, as decimal digits.</summary>
    public string Major { get; }

    /// <summary>The minor number, as decimal digits.</summary>
    public string Minor { get; }

    /// <summary>The patch number, as decimal digits.</summary>
    public string Patch { get; }

    /// <summary>The pre-release identifiers (empty for a release).</summary>
    public IReadOnlyList<string> Prerelease { get; }

    /// <summary>The build metadata without its '+' ("" when absent); it never affects the order.</summary>
    public string Build { get; }

    /// <summary>True when the version has pre-release identifiers.</summary>
    public bool IsPrerelease => Prerelease.Count > 0;

    /// <summary>
    /// Parses under <paramref name="scheme"/>: SemVer and Cargo take the strict 2.0.0 grammar; npm also allows
    /// surrounding blanks and a 'v' prefix and bounds numbers at 2^53-1 (node-semver); Go takes x/mod/semver's grammar.
    /// </summary>
    public static bool TryParse(string text, VersionScheme scheme, [NotNullWhen(true)] out SemanticVersion? version)
    {
        version = null;
        var s = text.AsSpan();
        switch (scheme)
        {
            case VersionScheme.SemVer or VersionScheme.Cargo:
                return TryParseCore(text, s, scheme, shortForms: false, out version);
            case VersionScheme.Npm:
                s = s.Trim(" \t\n\r\f\v");
                if (s.Length > 256)
                {
                    return false;
                }

                if (s.StartsWith('v'))
                {
                    s = s[1..];
                }

                if (!TryParseCore(text, s, scheme, shortForms: false, out version))
                {
                    return false;
                }

                if (!FitsNpm(version.Major) || !FitsNpm(version.Minor) || !FitsNpm(version.Patch))
                {
                    version = null;
                    return false;
                }

                return true;
            case VersionScheme.Go:
                return GoModuleVersion.TryParse(text, out version);
            default:
                throw new ArgumentOutOfRangeException(nameof(scheme), scheme, "Not a semantic-versioning scheme.");
        }
    }

    internal static bool FitsNpm(string digits) => digits.Length < 16 || (digits.Length == 16 && long.Parse(digits, System.Globalization.CultureInfo.InvariantCulture) <= NpmMaxNumber);

    /// <summary>Parses <c>MAJOR[.MINOR[.PATCH]][-pre][+build]</c> from <paramref name="s"/>; short forms (missing numbers are 0) only when allowed and then without pre-release or build.</summary>
    internal static bool TryParseCore(string original, ReadOnlySpan<char> s, VersionScheme scheme, bool shortForms, [NotNullWhen(true)] out SemanticVersion? version)
    {
        version = null;
        var numbers = new string[] { "0", "0", "0" };
        var pos = 0;
        var count = 0;
        while (true)
        {
            var end = pos;
            while (end < s.Length && DigitText.IsDigit(s[end]))
            {
                end++;
            }

            if (end == pos || (s[pos] == '0' && end - pos > 1))
            {
                return false;
            }

            numbers[count++] = s[pos..end].ToString();
            pos = end;
            if (count == 3 || pos == s.Length || s[pos] != '.')
            {
                break;
            }

            pos++;
        }

        if (count < 3 && (!shortForms || pos != s.Length))
        {
            return false;
        }

        IReadOnlyList<string> pre = [];
        if (pos < s.Length && s[pos] == '-')
        {
            var end = s[pos..].IndexOf('+');
            end = end < 0 ? s.Length : pos + end;
            var ids = s[(pos + 1)..end].ToString().Split('.');
            foreach (var id in ids)
            {
                if (!IsIdentifier(id) || (DigitText.AllDigits(id) && id.Length > 1 && id[0] == '0'))
                {
                    return false;
                }
            }

            pre = ids;
            pos = end;
        }

        var build = "";
        if (pos < s.Length && s[pos] == '+')
        {
            build = s[(pos + 1)..].ToString();
            foreach (var id in build.Split('.'))
            {
                if (!IsIdentifier(id))
                {
                    return false;
                }
            }

            pos = s.Length;
        }

        if (pos != s.Length)
        {
            return false;
        }

        version = new SemanticVersion(scheme, original, numbers[0], numbers[1], numbers[2], pre, build);
        return true;
    }

    private static bool IsIdentifier(string id)
    {
        if (id.Length == 0)
        {
            return false;
        }

        foreach (var c in id)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-')
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc/>
    public int CompareTo(SemanticVersion? other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var r = DigitText.Compare(Major, other.Major);
        if (r == 0)
        {
            r = DigitText.Compare(Minor, other.Minor);
        }

        if (r == 0)
        {
            r = DigitText.Compare(Patch, other.Patch);
        }

        return r != 0 ? r : ComparePrerelease(Prerelease, other.Prerelease);
    }

    /// <summary>SemVer §11: a release sorts after its pre-releases; identifiers numeric by value, numeric below alphanumeric, alphanumeric by ASCII; a shorter prefix first.</summary>
    internal static int ComparePrerelease(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return b.Count.CompareTo(a.Count) switch { < 0 => -1, > 0 => 1, _ => 0 };
        }

        for (var i = 0; i < Math.Min(a.Count, b.Count); i++)
        {
            var na = DigitText.AllDigits(a[i]);
            var nb = DigitText.AllDigits(b[i]);
            var r = na && nb ? DigitText.Compare(a[i], b[i])
                : na ? -1
                : nb ? 1
                : Math.Sign(string.CompareOrdinal(a[i], b[i]));
            if (r != 0)
            {
                return r;
            }
        }

        return a.Count.CompareTo(b.Count);
    }

    /// <summary>The canonical text <c>MAJOR.MINOR.PATCH[-pre][+build]</c> (Go: with a 'v' and without build).</summary>
    public override string ToString()
    {
        var core = $"{Major}.{Minor}.{Patch}" + (Prerelease.Count > 0 ? "-" + string.Join('.', Prerelease) : "");
        return Scheme == VersionScheme.Go ? "v" + core : core + (Build.Length > 0 ? "+" + Build : "");
    }
}
