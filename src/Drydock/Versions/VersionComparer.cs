using System.Diagnostics.CodeAnalysis;

namespace Drydock.Versions;

/// <summary>Parses versions into one concrete immutable type and orders them; the typed face of <see cref="IVersionComparer"/>.</summary>
public interface IVersionComparer<TVersion> : IVersionComparer, IComparer<TVersion>
    where TVersion : class, IVersion
{
    /// <summary>Parses <paramref name="text"/> into the scheme's own type; false when it is not valid.</summary>
    bool TryParse(string text, [NotNullWhen(true)] out TVersion? version);
}

/// <summary>Parses text into a version of one scheme; false when the text is not valid.</summary>
internal delegate bool VersionParser<TVersion>(string text, [NotNullWhen(true)] out TVersion? version);

/// <summary>The one comparer implementation: a scheme, its parser and the version type's own ordering.</summary>
internal sealed class VersionComparer<TVersion> : IVersionComparer<TVersion>
    where TVersion : class, IVersion, IComparable<TVersion>
{
    private readonly VersionParser<TVersion> _parse;

    public VersionComparer(VersionScheme scheme, VersionParser<TVersion> parse)
    {
        Scheme = scheme;
        _parse = parse;
    }

    public VersionScheme Scheme { get; }

    public bool TryParse(string text, [NotNullWhen(true)] out TVersion? version)
    {
        ArgumentNullException.ThrowIfNull(text);
        return _parse(text, out version);
    }

    public bool TryParse(string text, [NotNullWhen(true)] out IVersion? version)
    {
        var ok = TryParse(text, out TVersion? typed);
        version = typed;
        return ok;
    }

    public IVersion Parse(string text)
        => TryParse(text, out TVersion? version)
            ? version
            : throw new FormatException($"'{text}' is not a valid {Scheme} version.");

    public int Compare(IVersion a, IVersion b) => Compare(Own(a, nameof(a)), Own(b, nameof(b)));

    public int Compare(TVersion? x, TVersion? y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        return Math.Sign(x.CompareTo(y));
    }

    public int Compare(string a, string b) => Compare((TVersion)Parse(a), (TVersion)Parse(b));

    private TVersion Own(IVersion version, string name)
    {
        ArgumentNullException.ThrowIfNull(version, name);
        if (version.Scheme != Scheme || version is not TVersion typed)
        {
            throw new ArgumentException($"A {version.Scheme} version cannot be compared under {Scheme} rules.", name);
        }

        return typed;
    }
}
