using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace Drydock.Versions;

/// <summary>A comparer that parses each distinct text once: matching one inventory checks the same advisory versions
/// again and again (ten thousand range events, a quarter of them distinct), so a matcher wraps each scheme's comparer in
/// one for the length of a match. Thread-safe; a text that does not parse is remembered too.</summary>
public sealed class CachingVersionComparer(IVersionComparer inner) : IVersionComparer
{
    private readonly ConcurrentDictionary<string, IVersion?> _parsed = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    public VersionScheme Scheme => inner.Scheme;

    /// <inheritdoc/>
    public bool TryParse(string text, [NotNullWhen(true)] out IVersion? version)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!_parsed.TryGetValue(text, out version))
        {
            version = inner.TryParse(text, out var parsed) ? parsed : null;
            _parsed.TryAdd(text, version);
        }

        return version is not null;
    }

    /// <inheritdoc/>
    public int Compare(IVersion a, IVersion b) => inner.Compare(a, b);

    /// <inheritdoc/>
    public int Compare(string a, string b) => inner.Compare(Parse(a), Parse(b));

    /// <inheritdoc/>
    public IVersion Parse(string text)
        => TryParse(text, out var version) ? version : throw new FormatException($"'{text}' is not a valid {Scheme} version.");
}
