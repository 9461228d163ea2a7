using System.Diagnostics.CodeAnalysis;

namespace Drydock.Versions;

/// <summary>
/// A NuGet version: one to four numbers (missing ones are 0, leading zeros allowed), optional SemVer 2.0.0
/// pre-release labels compared case-insensitively, optional build metadata that never affects the order.
/// </summary>
public sealed class NuGetVersion : IVersion, IComparable<NuGetVersion>
{
    private NuGetVersion(string original, string[] numbers, string[] labels, string metadata)
    {
        Original = original;
        Numbers = numbers;
        ReleaseLabels = labels;
        Metadata = metadata;
    }

    /// <inheritdoc/>
    public VersionScheme Scheme => VersionScheme.NuGet;

    /// <inheritdoc/>
    public string Original { get; }

    /// <summary>Major, minor, patch and revision, without leading zeros.</summary>
    public IReadOnlyList<string> Numbers { get; }

    /// <summary>The pre-release labels (empty for a release).</summary>
    public IReadOnlyList<string> ReleaseLabels { get; }

    /// <summary>The build metadata without its '+' ("" when absent).</summary>
    public string Metadata { get; }

    /// <summary>True when the version has pre-release labels.</summary>
    public bool IsPrerelease => ReleaseLabels.Count > 0;

    /// <summary>Parses a NuGet version; false for anything NuGet.Versioning rejects.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out NuGetVersion? version)
    {
        version = null;
        var s = text.AsSpan();
        var metadata = "";
        var plus = s.IndexOf('+');
        if (plus >= 0)
        {
            metadata = s[(plus + 1)..].ToString();
            if (!metadata.Split('.').All(IsLabel))
            {
                return false;
            }

            s = s[..plus];
        }

        string[] labels = [];
        var dash = s.IndexOf('-');
        if (dash >= 0)
        {
            labels = s[(dash + 1)..].ToString().Split('.');
            if (!labels.All(IsLabel))
            {
                return false;
            }

            s = s[..dash];
        }

        var parts = s.ToString().Split('.');
        if (parts.Length > 4 || !parts.All(p => DigitText.AllDigits(p) && p.Length <= 10 && long.Parse(p, System.Globalization.CultureInfo.InvariantCulture) <= int.MaxValue))
        {
            return false;
        }

        var numbers = new string[4];
        for (var i = 0; i < 4; i++)
        {
            var t = i < parts.Length ? parts[i].TrimStart('0') : "";
            numbers[i] = t.Length == 0 ? "0" : t;
        }

        version = new NuGetVersion(text, numbers, labels, metadata);
        return true;
    }

    private static bool IsLabel(string label)
        => label.Length > 0 && label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    /// <inheritdoc/>
    public int CompareTo(NuGetVersion? other)
    {
        ArgumentNullException.ThrowIfNull(other);
        for (var i = 0; i < 4; i++)
        {
            var r = DigitText.Compare(Numbers[i], other.Numbers[i]);
            if (r != 0)
            {
                return r;
            }
        }

        var a = ReleaseLabels;
        var b = other.ReleaseLabels;
        if (a.Count == 0 || b.Count == 0)
        {
            return Math.Sign(b.Count.CompareTo(a.Count));
        }

        for (var i = 0; i < Math.Min(a.Count, b.Count); i++)
        {
            var na = DigitText.AllDigits(a[i]);
            var nb = DigitText.AllDigits(b[i]);
            var r = na && nb ? DigitText.Compare(a[i], b[i]) : na ? -1 : nb ? 1 : Math.Sign(string.Compare(a[i], b[i], StringComparison.OrdinalIgnoreCase));
            if (r != 0)
            {
                return r;
            }
        }

        return Math.Sign(a.Count.CompareTo(b.Count));
    }

    /// <summary>The normalised form: three numbers (four when the revision is not 0) and the labels, without metadata.</summary>
    public override string ToString()
        => string.Join('.', Numbers[3] == "0" ? Numbers.Take(3) : Numbers)
            + (ReleaseLabels.Count > 0 ? "-" + string.Join('.', ReleaseLabels) : "");
}
