using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Drydock.Versions;

/// <summary>
/// A RubyGems version (Gem::Version): dot-separated numbers and letter runs; '-' means ".pre."; any letter segment makes
/// a pre-release; trailing zeros of the release part and of the pre-release part do not count; blank text means "0".
/// </summary>
public sealed partial class RubyGemsVersion : IVersion, IComparable<RubyGemsVersion>
{
    private readonly string[] _segments;

    private RubyGemsVersion(string original, string normalized, string[] segments)
    {
        Original = original;
        Normalized = normalized;
        _segments = segments;
    }

    /// <inheritdoc/>
    public VersionScheme Scheme => VersionScheme.RubyGems;

    /// <inheritdoc/>
    public string Original { get; }

    /// <summary>The version as RubyGems stores it (stripped, '-' replaced by ".pre.", "0" for blank).</summary>
    public string Normalized { get; }

    /// <summary>True when any segment holds letters.</summary>
    public bool IsPrerelease => _segments.Any(s => !IsNumber(s));

    [GeneratedRegex(@"\A\s*([0-9]+(?>\.[0-9a-zA-Z]+)*(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?)?\s*\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    [GeneratedRegex(@"[0-9]+|[a-z]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Segment();

    /// <summary>Parses a gem version; false when Gem::Version would reject it as malformed.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out RubyGemsVersion? version)
    {
        version = null;
        if (text.Length > 1024 || !Pattern().IsMatch(text))
        {
            return false;
        }

        var normalized = text.Trim().Replace("-", ".pre.", StringComparison.Ordinal);
        if (normalized.Length == 0)
        {
            normalized = "0";
        }

        var segments = Segment().Matches(normalized).Select(m => IsNumber(m.Value) ? Trim(m.Value) : m.Value).ToArray();
        version = new RubyGemsVersion(text, normalized, Canonical(segments));
        return true;
    }

    private static bool IsNumber(string s) => DigitText.IsDigit(s[0]);

    private static string Trim(string digits)
    {
        var t = digits.TrimStart('0');
        return t.Length == 0 ? "0" : t;
    }

    // Split at the first letter segment; drop trailing zeros from each half.
    private static string[] Canonical(string[] segments)
    {
        var split = Array.FindIndex(segments, s => !IsNumber(s));
        if (split < 0)
        {
            split = segments.Length;
        }

        return [.. DropTrailingZeros(segments[..split]), .. DropTrailingZeros(segments[split..])];
    }

    private static string[] DropTrailingZeros(string[] part)
    {
        var n = part.Length;
        while (n > 0 && part[n - 1] == "0")
        {
            n--;
        }

        return part[..n];
    }

    /// <inheritdoc/>
    public int CompareTo(RubyGemsVersion? other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var a = _segments;
        var b = other._segments;
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            var l = i < a.Length ? a[i] : "0";
            var r = i < b.Length ? b[i] : "0";
            var nl = IsNumber(l);
            var nr = IsNumber(r);
            var c = nl && nr ? DigitText.Compare(l, r) : nl ? 1 : nr ? -1 : Math.Sign(string.CompareOrdinal(l, r));
            if (c != 0)
            {
                return c;
            }
        }

        return 0;
    }

    /// <summary>The normalised version text.</summary>
    public override string ToString() => Normalized;
}
