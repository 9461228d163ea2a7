using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.RegularExpressions;

namespace Drydock.Versions;

/// <summary>
/// A Composer (Packagist) version: normalised as Composer's VersionParser does (four numbers or a date, then
/// <c>-alpha|beta|RC|patch[N]</c> and <c>-dev</c>; build metadata dropped; 'v' prefix allowed) and ordered by PHP's
/// version_compare on the normalised text (dev &lt; alpha &lt; beta &lt; RC &lt; release &lt; patch).
/// Branch names (<c>dev-main</c>, <c>1.x-dev</c>) have no order and are not versions here.
/// </summary>
public sealed partial class ComposerVersion : IVersion, IComparable<ComposerVersion>
{
    private readonly string[] _parts;

    private ComposerVersion(string original, string normalized)
    {
        Original = original;
        Normalized = normalized;
        _parts = Canonicalize(normalized);
    }

    /// <inheritdoc/>
    public VersionScheme Scheme => VersionScheme.Composer;

    /// <inheritdoc/>
    public string Original { get; }

    /// <summary>Composer's normalised form, e.g. "1.2.0.0-beta2".</summary>
    public string Normalized { get; }

    private const string Modifier = @"[._-]?(?:(?<stability>stable|beta|b|RC|alpha|a|patch|pl|p)(?<number>(?>(?:[.-]?[0-9]+)*))?)?(?<dev>[.-]?dev)?";

    [GeneratedRegex(@"^v?(?<n1>[0-9]{1,5})(?<n2>\.[0-9]+)?(?<n3>\.[0-9]+)?(?<n4>\.[0-9]+)?" + Modifier + "$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Classical();

    [GeneratedRegex(@"^v?(?<date>[0-9]{4}(?:[.:-]?[0-9]{2}){1,6}(?:[.:-]?[0-9]{1,3}){0,2})" + Modifier + "$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Date();

    /// <summary>Parses a Composer version; false for branch names and anything Composer cannot normalise.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out ComposerVersion? version)
    {
        version = null;
        if (text.Length is 0 or > 256)
        {
            return false;
        }

        var s = text.Trim();
        var plus = s.IndexOf('+');
        if (plus > 0)
        {
            s = s[..plus];
        }

        if (s.Contains(' ') || s.Contains(','))
        {
            return false;
        }

        StringBuilder normalized;
        var m = Classical().Match(s);
        if (m.Success)
        {
            normalized = new StringBuilder(m.Groups["n1"].Value);
            foreach (var g in new[] { "n2", "n3", "n4" })
            {
                normalized.Append(m.Groups[g].Success ? m.Groups[g].Value : ".0");
            }
        }
        else
        {
            m = Date().Match(s);
            if (!m.Success)
            {
                return false;
            }

            normalized = new StringBuilder(NonDigit().Replace(m.Groups["date"].Value, "."));
        }

        var stability = m.Groups["stability"];
        if (stability.Success && !stability.Value.Equals("stable", StringComparison.OrdinalIgnoreCase))
        {
            normalized.Append('-').Append(stability.Value.ToLowerInvariant() switch
            {
                "a" or "alpha" => "alpha",
                "b" or "beta" => "beta",
                "p" or "pl" or "patch" => "patch",
                _ => "RC",
            });
            normalized.Append(m.Groups["number"].Value.TrimStart('.', '-'));
        }

        if (m.Groups["dev"].Success)
        {
            normalized.Append("-dev");
        }

        version = new ComposerVersion(text, normalized.ToString());
        return true;
    }

    [GeneratedRegex("[^0-9]")]
    private static partial Regex NonDigit();

    /// <inheritdoc/>
    public int CompareTo(ComposerVersion? other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return CompareParts(_parts, other._parts);
    }

    /// <summary>PHP's version_compare on two arbitrary strings.</summary>
    public static int PhpVersionCompare(string a, string b) => CompareParts(Canonicalize(a), Canonicalize(b));

    // PHP: '-', '_', '+' and other non-alphanumerics become '.', a '.' goes between digit and non-digit runs; empty parts vanish.
    private static string[] Canonicalize(string version)
    {
        var sb = new StringBuilder(version.Length * 2);
        for (var i = 0; i < version.Length; i++)
        {
            var c = version[i];
            if (!char.IsAsciiLetterOrDigit(c))
            {
                sb.Append('.');
            }
            else
            {
                if (i > 0 && version[i - 1] != '.' && char.IsAsciiLetterOrDigit(version[i - 1]) && DigitText.IsDigit(c) != DigitText.IsDigit(version[i - 1]))
                {
                    sb.Append('.');
                }

                sb.Append(c);
            }
        }

        return sb.ToString().Split('.', StringSplitOptions.RemoveEmptyEntries);
    }

    private static int CompareParts(string[] a, string[] b)
    {
        var n = Math.Min(a.Length, b.Length);
        for (var i = 0; i < n; i++)
        {
            var da = DigitText.IsDigit(a[i][0]);
            var db = DigitText.IsDigit(b[i][0]);
            var r = da && db ? DigitText.Compare(a[i], b[i])
                : SpecialOrder(da ? "#" : a[i]).CompareTo(SpecialOrder(db ? "#" : b[i]));
            if (r != 0)
            {
                return Math.Sign(r);
            }
        }

        if (a.Length > n)
        {
            return DigitText.IsDigit(a[n][0]) ? 1 : Math.Sign(SpecialOrder(a[n]).CompareTo(SpecialOrder("#")));
        }

        if (b.Length > n)
        {
            return DigitText.IsDigit(b[n][0]) ? -1 : Math.Sign(SpecialOrder("#").CompareTo(SpecialOrder(b[n])));
        }

        return 0;
    }

    private static readonly (string Prefix, int Order)[] SpecialForms =
        [("dev", 0), ("alpha", 1), ("a", 1), ("beta", 2), ("b", 2), ("RC", 3), ("rc", 3), ("#", 4), ("pl", 5), ("p", 5)];

    // PHP matches the special forms as prefixes, case-sensitively; anything else sorts below "dev".
    private static int SpecialOrder(string form)
    {
        foreach (var (prefix, order) in SpecialForms)
        {
            if (form.StartsWith(prefix, StringComparison.Ordinal))
            {
                return order;
            }
        }

        return -1;
    }

    /// <summary>The normalised version.</summary>
    public override string ToString() => Normalized;
}
