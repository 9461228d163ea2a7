namespace Drydock.Versions;

/// <summary>
/// Parses and orders versions of one <see cref="VersionScheme"/>. There is no fuzzy fallback:
/// text that is not a valid version of the scheme makes <see cref="TryParse(string, out IVersion?)"/> return false,
/// and a version of another scheme makes <see cref="Compare(IVersion, IVersion)"/> throw.
/// Implementations are immutable and thread-safe; get them from <see cref="VersionSchemes.For"/>.
/// </summary>
public interface IVersionComparer
{
    /// <summary>The scheme whose rules this comparer applies.</summary>
    VersionScheme Scheme { get; }

    /// <summary>Parses <paramref name="text"/>; false (and a null version) when it is not a valid version of the scheme.</summary>
    bool TryParse(string text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IVersion? version);

    /// <summary>Parses <paramref name="text"/> as <see cref="TryParse(string, out IVersion?)"/> does; a comparer that caches
    /// what it parsed answers a text it has seen without allocating.</summary>
    bool TryParse(ReadOnlySpan<char> text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IVersion? version)
        => TryParse(text.ToString(), out version);

    /// <summary>Negative when a sorts before b, zero when they are equal under the scheme, positive when a sorts after b.</summary>
    /// <exception cref="ArgumentException">A version was parsed under another scheme.</exception>
    int Compare(IVersion a, IVersion b);

    /// <summary>Parses both texts and compares them.</summary>
    /// <exception cref="FormatException">Either text is not a valid version of the scheme.</exception>
    int Compare(string a, string b);

    /// <summary>Parses <paramref name="text"/>.</summary>
    /// <exception cref="FormatException">The text is not a valid version of the scheme.</exception>
    IVersion Parse(string text);
}
