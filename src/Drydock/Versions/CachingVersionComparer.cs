using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace Drydock.Versions;

/// <summary>A comparer that parses each distinct text once: matching one inventory checks the same advisory versions
/// again and again (ten thousand range events, a quarter of them distinct), so a matcher wraps each scheme's comparer in
/// one for the length of a match. Thread-safe; a text that does not parse is remembered too. Texts given as spans (the
/// advisory database's stored versions, decoded on the stack) are looked up without a string when they were seen before.</summary>
public sealed class CachingVersionComparer : IVersionComparer
{
    private readonly IVersionComparer _inner;
    private readonly ConcurrentDictionary<string, IVersion?> _parsed = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IVersion?>.AlternateLookup<ReadOnlySpan<char>> _bySpan;

    /// <summary>Caches what <paramref name="inner"/> parses.</summary>
    public CachingVersionComparer(IVersionComparer inner)
    {
        _inner = inner;
        _bySpan = _parsed.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <inheritdoc/>
    public VersionScheme Scheme => _inner.Scheme;

    /// <inheritdoc/>
    public bool TryParse(string text, [NotNullWhen(true)] out IVersion? version)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!_parsed.TryGetValue(text, out version))
        {
            version = _inner.TryParse(text, out var parsed) ? parsed : null;
            _parsed.TryAdd(text, version);
        }

        return version is not null;
    }

    /// <inheritdoc/>
    public bool TryParse(ReadOnlySpan<char> text, [NotNullWhen(true)] out IVersion? version)
    {
        if (!_bySpan.TryGetValue(text, out version))
        {
            var owned = text.ToString();
            version = _inner.TryParse(owned, out var parsed) ? parsed : null;
            _parsed.TryAdd(owned, version);
        }

        return version is not null;
    }

    /// <inheritdoc/>
    public int Compare(IVersion a, IVersion b) => _inner.Compare(a, b);

    /// <inheritdoc/>
    public int Compare(string a, string b) => _inner.Compare(Parse(a), Parse(b));

    /// <inheritdoc/>
    public IVersion Parse(string text)
        => TryParse(text, out var version) ? version : throw new FormatException($"'{text}' is not a valid {Scheme} version.");
}
