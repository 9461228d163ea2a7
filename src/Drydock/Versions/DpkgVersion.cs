using System.Diagnostics.CodeAnalysis;

namespace Drydock.Versions;

/// <summary>
/// A Debian package version <c>[epoch:]upstream[-revision]</c> (deb-version(7)). What dpkg's parseversion rejects
/// (empty parts, a bad epoch, embedded blanks) is invalid; what it only warns about is valid but not
/// <see cref="IsPolicyCompliant"/>.
/// </summary>
public sealed class DpkgVersion : IVersion, IComparable<DpkgVersion>
{
    private DpkgVersion(string original, string epoch, string upstream, string revision, bool isPolicyCompliant)
    {
        IsPolicyCompliant = isPolicyCompliant;
        Original = original;
        Epoch = epoch;
        Upstream = upstream;
        Revision = revision;
    }

    /// <inheritdoc/>
    public VersionScheme Scheme => VersionScheme.Dpkg;

    /// <inheritdoc/>
    public string Original { get; }

    /// <summary>The epoch digits ("0" when absent).</summary>
    public string Epoch { get; }

    /// <summary>The upstream version.</summary>
    public string Upstream { get; }

    /// <summary>
    /// False when dpkg would accept the version only with a warning (upstream not starting with a digit, or a
    /// character outside Debian policy); such versions still parse and compare exactly as dpkg compares them.
    /// </summary>
    public bool IsPolicyCompliant { get; }

    /// <summary>The Debian revision ("" when absent).</summary>
    public string Revision { get; }

    /// <summary>Parses a dpkg version; false for anything dpkg's parseversion rejects with an error.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out DpkgVersion? version)
    {
        version = null;
        var s = text.AsSpan().Trim(" \t\r\n\f\v");
        if (s.IsEmpty || s.ContainsAny(" \t\r\n\f\v"))
        {
            return false;
        }

        var epoch = "0";
        var colon = s.IndexOf(':');
        if (colon >= 0)
        {
            var e = s[..colon];
            if (!DigitText.AllDigits(e) || !int.TryParse(e, out _))
            {
                return false;
            }

            epoch = e.TrimStart('0').ToString();
            if (epoch.Length == 0)
            {
                epoch = "0";
            }

            s = s[(colon + 1)..];
            if (s.IsEmpty)
            {
                return false;
            }
        }

        var revision = ReadOnlySpan<char>.Empty;
        var hyphen = s.LastIndexOf('-');
        if (hyphen >= 0)
        {
            revision = s[(hyphen + 1)..];
            s = s[..hyphen];
            if (revision.IsEmpty)
            {
                return false;
            }
        }

        if (s.IsEmpty)
        {
            return false;
        }

        version = new DpkgVersion(text, epoch, s.ToString(), revision.ToString(), IsCompliant(s, revision));
        return true;
    }

    // deb-version(7): upstream starts with a digit and holds [A-Za-z0-9.+~:-]; the revision holds [A-Za-z0-9.+~].
    private static bool IsCompliant(ReadOnlySpan<char> upstream, ReadOnlySpan<char> revision)
    {
        if (!DigitText.IsDigit(upstream[0]))
        {
            return false;
        }

        foreach (var c in upstream)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '-' or '+' or '~' or ':'))
            {
                return false;
            }
        }

        foreach (var c in revision)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '+' or '~'))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc/>
    public int CompareTo(DpkgVersion? other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var r = DigitText.Compare(Epoch, other.Epoch);
        if (r == 0)
        {
            r = CompareFragment(Upstream, other.Upstream);
        }

        if (r == 0)
        {
            r = CompareFragment(Revision, other.Revision);
        }

        return r;
    }

    /// <summary>dpkg's verrevcmp on one upstream or revision fragment: non-digit runs by a modified ASCII order, digit runs by value.</summary>
    public static int CompareFragment(string a, string b)
    {
        int i = 0, j = 0;
        while (i < a.Length || j < b.Length)
        {
            while ((i < a.Length && !DigitText.IsDigit(a[i])) || (j < b.Length && !DigitText.IsDigit(b[j])))
            {
                var ac = Order(a, i);
                var bc = Order(b, j);
                if (ac != bc)
                {
                    return ac < bc ? -1 : 1;
                }

                i++;
                j++;
            }

            var ea = DigitText.TakeDigits(a, i);
            var eb = DigitText.TakeDigits(b, j);
            var r = DigitText.Compare(a.AsSpan(i, ea - i), b.AsSpan(j, eb - j));
            if (r != 0)
            {
                return r;
            }

            i = ea;
            j = eb;
        }

        return 0;
    }

    // Letters sort by ASCII, '~' before everything (even the end), other characters after all letters.
    private static int Order(string s, int i)
    {
        if (i >= s.Length)
        {
            return 0;
        }

        var c = s[i];
        return DigitText.IsDigit(c) ? 0 : DigitText.IsLetter(c) ? c : c == '~' ? -1 : c + 256;
    }

    /// <summary>The version as dpkg prints it (epoch only when non-zero).</summary>
    public override string ToString()
        => (Epoch == "0" ? "" : Epoch + ":") + Upstream + (Revision.Length == 0 ? "" : "-" + Revision);
}
