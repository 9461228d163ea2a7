using System.Diagnostics.CodeAnalysis;

namespace Drydock.Versions;

/// <summary>
/// An RPM <c>[epoch:]version[-release]</c>, split as rpm splits an EVR string (epoch = leading digits before ':',
/// release = after the last '-') and ordered as rpm 4.18's <c>rpm.vercmp</c>: a missing epoch is 0 and a missing
/// release sorts before any release (1.0 &lt; 1.0-1). Range semantics where a release-less bound matches every
/// release belong to the matcher, not to this order.
/// </summary>
public sealed class RpmVersion : IVersion, IComparable<RpmVersion>
{
    private RpmVersion(string original, string epoch, string version, string? release)
    {
        Original = original;
        Epoch = epoch;
        Version = version;
        Release = release;
    }

    /// <inheritdoc/>
    public VersionScheme Scheme => VersionScheme.Rpm;

    /// <inheritdoc/>
    public string Original { get; }

    /// <summary>The epoch ("0" when absent or empty).</summary>
    public string Epoch { get; }

    /// <summary>The version part.</summary>
    public string Version { get; }

    /// <summary>The release part; null when absent.</summary>
    public string? Release { get; }

    /// <summary>Parses an EVR string; false when it is empty, holds whitespace or control characters, or has an empty version.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out RpmVersion? version)
    {
        version = null;
        if (text.Length == 0)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                return false;
            }
        }

        var s = text.AsSpan();
        var digits = DigitText.TakeDigits(text, 0);
        var epoch = "0";
        if (digits < s.Length && s[digits] == ':')
        {
            if (digits > 0)
            {
                epoch = s[..digits].ToString();
            }

            s = s[(digits + 1)..];
        }

        string? release = null;
        var hyphen = s.LastIndexOf('-');
        if (hyphen >= 0)
        {
            release = s[(hyphen + 1)..].ToString();
            s = s[..hyphen];
        }

        if (s.IsEmpty)
        {
            return false;
        }

        version = new RpmVersion(text, epoch, s.ToString(), release);
        return true;
    }

    /// <inheritdoc/>
    public int CompareTo(RpmVersion? other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var r = VerCmp(Epoch, other.Epoch);
        if (r == 0)
        {
            r = VerCmp(Version, other.Version);
        }

        if (r == 0)
        {
            r = VerCmp(Release ?? "", other.Release ?? "");
        }

        return r;
    }

    /// <summary>
    /// rpmvercmp on one version or release string: alphanumeric segments (digits by value, letters by ASCII, digits
    /// above letters), other ASCII separators skipped, '~' sorts before everything, '^' before everything but the end.
    /// </summary>
    public static int VerCmp(string a, string b)
    {
        if (string.Equals(a, b, StringComparison.Ordinal))
        {
            return 0;
        }

        int i = 0, j = 0;
        while (i < a.Length || j < b.Length)
        {
            while (i < a.Length && !IsAlnum(a[i]) && a[i] is not ('~' or '^'))
            {
                i++;
            }

            while (j < b.Length && !IsAlnum(b[j]) && b[j] is not ('~' or '^'))
            {
                j++;
            }

            var ca = i < a.Length ? a[i] : '\0';
            var cb = j < b.Length ? b[j] : '\0';
            if (ca == '~' || cb == '~')
            {
                if (ca != '~')
                {
                    return 1;
                }

                if (cb != '~')
                {
                    return -1;
                }

                i++;
                j++;
                continue;
            }

            if (ca == '^' || cb == '^')
            {
                if (i >= a.Length)
                {
                    return -1;
                }

                if (j >= b.Length)
                {
                    return 1;
                }

                if (ca != '^')
                {
                    return 1;
                }

                if (cb != '^')
                {
                    return -1;
                }

                i++;
                j++;
                continue;
            }

            if (i >= a.Length || j >= b.Length)
            {
                break;
            }

            var numeric = DigitText.IsDigit(ca);
            var ea = Run(a, i, numeric);
            var eb = Run(b, j, numeric);
            if (eb == j)
            {
                return numeric ? 1 : -1;
            }

            var r = numeric
                ? DigitText.Compare(a.AsSpan(i, ea - i), b.AsSpan(j, eb - j))
                : Math.Sign(a.AsSpan(i, ea - i).SequenceCompareTo(b.AsSpan(j, eb - j)));
            if (r != 0)
            {
                return r;
            }

            i = ea;
            j = eb;
        }

        var endA = i >= a.Length;
        var endB = j >= b.Length;
        return endA && endB ? 0 : endA ? -1 : 1;
    }

    private static bool IsAlnum(char c) => DigitText.IsDigit(c) || DigitText.IsLetter(c);

    private static int Run(string s, int i, bool digits)
    {
        while (i < s.Length && (digits ? DigitText.IsDigit(s[i]) : DigitText.IsLetter(s[i])))
        {
            i++;
        }

        return i;
    }

    /// <summary>The EVR with the epoch only when non-zero.</summary>
    public override string ToString()
        => (Epoch == "0" ? "" : Epoch + ":") + Version + (Release is null ? "" : "-" + Release);
}
