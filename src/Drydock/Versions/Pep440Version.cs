using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.RegularExpressions;

namespace Drydock.Versions;

/// <summary>
/// A Python version under PEP 440: <c>[N!]N(.N)*[{a|b|rc}N][.postN][.devN][+local]</c> with the spelling variants the
/// specification normalises (alpha, c, pre, preview, rev, r, separators, implicit numbers, a 'v' prefix, case).
/// </summary>
public sealed partial class Pep440Version : IVersion, IComparable<Pep440Version>
{
    private Pep440Version(string original, string epoch, string[] release, char preLetter, string pre, string? post, string? dev, string[] local)
    {
        Original = original;
        Epoch = epoch;
        Release = release;
        PreLabel = preLetter switch { 'a' => "a", 'b' => "b", 'c' => "rc", _ => null };
        PreNumber = pre;
        Post = post;
        Dev = dev;
        Local = local;
    }

    /// <inheritdoc/>
    public VersionScheme Scheme => VersionScheme.Pep440;

    /// <inheritdoc/>
    public string Original { get; }

    /// <summary>The epoch ("0" when absent).</summary>
    public string Epoch { get; }

    /// <summary>The release numbers, without leading zeros.</summary>
    public IReadOnlyList<string> Release { get; }

    /// <summary>"a", "b" or "rc"; null for no pre-release.</summary>
    public string? PreLabel { get; }

    /// <summary>The pre-release number ("" when <see cref="PreLabel"/> is null).</summary>
    public string PreNumber { get; }

    /// <summary>The post-release number; null when absent.</summary>
    public string? Post { get; }

    /// <summary>The development-release number; null when absent.</summary>
    public string? Dev { get; }

    /// <summary>The local version segments, lower case, numbers without leading zeros (empty when absent).</summary>
    public IReadOnlyList<string> Local { get; }

    /// <summary>True for pre-releases and development releases.</summary>
    public bool IsPrerelease => PreLabel is not null || Dev is not null;

    [GeneratedRegex(
        @"^\s*v?(?:(?<epoch>[0-9]+)!)?(?<release>[0-9]+(?:\.[0-9]+)*)" +
        @"(?:[-_.]?(?<pre_l>alpha|a|beta|b|preview|pre|c|rc)[-_.]?(?<pre_n>[0-9]+)?)?" +
        @"(?:-(?<post_n1>[0-9]+)|[-_.]?(?<post_l>post|rev|r)[-_.]?(?<post_n2>[0-9]+)?)?" +
        @"(?:[-_.]?(?<dev_l>dev)[-_.]?(?<dev_n>[0-9]+)?)?" +
        @"(?:\+(?<local>[a-z0-9]+(?:[-_.][a-z0-9]+)*))?\s*\z",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Pattern();

    /// <summary>Parses a PEP 440 version; false when it does not match the specification's grammar.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out Pep440Version? version)
    {
        version = null;
        if (text.Length > 1024)
        {
            return false;
        }

        if (IsPlainRelease(text))
        {
            // The common spelling (1.2.3): the grammar's answer without running it.
            version = new Pep440Version(text, "0", [.. text.Split('.').Select(Trim)], '\0', "", null, null, []);
            return true;
        }

        var m = Pattern().Match(text);
        if (!m.Success)
        {
            return false;
        }

        var preLetter = '\0';
        var pre = "";
        if (m.Groups["pre_l"].Success)
        {
            var label = m.Groups["pre_l"].Value.ToLowerInvariant();
            preLetter = label switch { "alpha" or "a" => 'a', "beta" or "b" => 'b', _ => 'c' };
            pre = Number(m.Groups["pre_n"]);
        }

        string? post = m.Groups["post_n1"].Success ? Number(m.Groups["post_n1"])
            : m.Groups["post_l"].Success ? Number(m.Groups["post_n2"])
            : null;
        string? dev = m.Groups["dev_l"].Success ? Number(m.Groups["dev_n"]) : null;
        var local = m.Groups["local"].Success
            ? m.Groups["local"].Value.ToLowerInvariant().Split('-', '_', '.').Select(p => DigitText.AllDigits(p) ? Trim(p) : p).ToArray()
            : [];
        var release = m.Groups["release"].Value.Split('.').Select(Trim).ToArray();
        var epoch = m.Groups["epoch"].Success ? Trim(m.Groups["epoch"].Value) : "0";
        version = new Pep440Version(text, epoch, release, preLetter, pre, post, dev, local);
        return true;
    }

    // Digits in dot-separated groups, nothing else.
    private static bool IsPlainRelease(string text)
    {
        if (text.Length == 0 || text[0] == '.' || text[^1] == '.')
        {
            return false;
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '.' ? text[i - 1] == '.' : !char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static string Number(Group g) => g.Success ? Trim(g.Value) : "0";

    private static string Trim(string digits)
    {
        var t = digits.TrimStart('0');
        return t.Length == 0 ? "0" : t;
    }

    /// <inheritdoc/>
    public int CompareTo(Pep440Version? other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var r = DigitText.Compare(Epoch, other.Epoch);
        if (r != 0)
        {
            return r;
        }

        // Release: trailing zeros do not count (1.0 == 1.0.0).
        var n = Math.Max(Release.Count, other.Release.Count);
        for (var i = 0; i < n; i++)
        {
            r = DigitText.Compare(i < Release.Count ? Release[i] : "0", i < other.Release.Count ? other.Release[i] : "0");
            if (r != 0)
            {
                return r;
            }
        }

        r = PhaseRank().CompareTo(other.PhaseRank());
        if (r == 0 && PreLabel is not null)
        {
            r = DigitText.Compare(PreNumber, other.PreNumber);
        }

        if (r != 0)
        {
            return r;
        }

        // No post-release sorts before any post-release; no dev release after any dev release.
        r = Post is null ? (other.Post is null ? 0 : -1) : other.Post is null ? 1 : DigitText.Compare(Post, other.Post);
        if (r != 0)
        {
            return r;
        }

        r = Dev is null ? (other.Dev is null ? 0 : 1) : other.Dev is null ? -1 : DigitText.Compare(Dev, other.Dev);
        return r != 0 ? r : CompareLocal(Local, other.Local);
    }

    // A bare dev release (1.0.dev1) sorts before every pre-release of the same release; a final release after them.
    private int PhaseRank() => PreLabel switch
    {
        null when Post is null && Dev is not null => 0,
        "a" => 1,
        "b" => 2,
        "rc" => 3,
        _ => 4,
    };

    // No local label sorts first; segments: numbers by value above strings, strings by ordinal; a shorter prefix first.
    private static int CompareLocal(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        for (var i = 0; i < Math.Min(a.Count, b.Count); i++)
        {
            var na = DigitText.AllDigits(a[i]);
            var nb = DigitText.AllDigits(b[i]);
            var r = na && nb ? DigitText.Compare(a[i], b[i]) : na ? 1 : nb ? -1 : Math.Sign(string.CompareOrdinal(a[i], b[i]));
            if (r != 0)
            {
                return r;
            }
        }

        return a.Count.CompareTo(b.Count);
    }

    /// <summary>The normalised form (packaging's <c>str(Version(...))</c>).</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        if (Epoch != "0")
        {
            sb.Append(Epoch).Append('!');
        }

        sb.AppendJoin('.', Release);
        if (PreLabel is not null)
        {
            sb.Append(PreLabel).Append(PreNumber);
        }

        if (Post is not null)
        {
            sb.Append(".post").Append(Post);
        }

        if (Dev is not null)
        {
            sb.Append(".dev").Append(Dev);
        }

        if (Local.Count > 0)
        {
            sb.Append('+').AppendJoin('.', Local);
        }

        return sb.ToString();
    }
}
