using System.Collections;

namespace Drydock.Advisories;

/// <summary>A list of versions kept in its stored binary form (<see cref="AffectedRowCodec"/>): checked when read, decoded into
/// strings only when enumerated, and searched by spelling without decoding. Holds an affected entry's explicit version list
/// (PyPA lists every affected release, so most look-ups never need the strings) or its fixed versions.</summary>
internal sealed class EncodedVersionList : IReadOnlyList<string>
{
    // A count, then the strings, to the end: checked when the list was made.
    private readonly ReadOnlyMemory<byte> _section;
    private string[]? _decoded;

    /// <summary>Wraps a blob written by <see cref="AffectedRowCodec.EncodeVersions"/>; throws <see cref="FormatException"/> when
    /// it is damaged.</summary>
    public EncodedVersionList(ReadOnlyMemory<byte> row)
    {
        Count = AffectedRowCodec.CountVersions(row.Span);
        _section = row.IsEmpty ? default : row[1..];
    }

    private EncodedVersionList(ReadOnlyMemory<byte> section, int count)
    {
        _section = section;
        Count = count;
    }

    /// <summary>Wraps a list section whose structure was already checked (as <see cref="AffectedRowCodec.Inspect"/> does) and
    /// found to hold <paramref name="count"/> strings.</summary>
    public static EncodedVersionList OfCheckedSection(ReadOnlyMemory<byte> section, int count) => new(section, count);

    /// <inheritdoc/>
    public int Count { get; }

    /// <inheritdoc/>
    public string this[int index] => Decoded[index];

    /// <summary>True when the list holds exactly <paramref name="spelled"/>.</summary>
    public bool ContainsSpelling(string spelled) => Count > 0 && AffectedRowCodec.StringsContain(_section.Span, spelled);

    /// <inheritdoc/>
    public IEnumerator<string> GetEnumerator() => ((IEnumerable<string>)Decoded).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    // Decoding twice from two threads gives equal arrays: the race is harmless.
    private string[] Decoded => _decoded ??= Count == 0 ? [] : AffectedRowCodec.DecodeStrings(_section.Span);
}
