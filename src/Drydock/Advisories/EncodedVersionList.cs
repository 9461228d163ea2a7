using System.Collections;

namespace Drydock.Advisories;

/// <summary>An affected entry's explicit version list kept in its stored binary form (<see cref="AffectedRowCodec"/>): checked
/// when read, decoded into strings only when enumerated, and searched by spelling without decoding. PyPA lists every affected
/// release, so most look-ups never need the strings.</summary>
internal sealed class EncodedVersionList : IReadOnlyList<string>
{
    private readonly byte[] _row;
    private string[]? _decoded;

    /// <summary>Wraps <paramref name="row"/>; throws <see cref="FormatException"/> when it is damaged.</summary>
    public EncodedVersionList(byte[] row)
    {
        _row = row;
        Count = AffectedRowCodec.CountVersions(row);
    }

    /// <inheritdoc/>
    public int Count { get; }

    /// <inheritdoc/>
    public string this[int index] => Decoded[index];

    /// <summary>True when the list holds exactly <paramref name="spelled"/>.</summary>
    public bool ContainsSpelling(string spelled) => AffectedRowCodec.VersionsContain(_row, spelled);

    /// <inheritdoc/>
    public IEnumerator<string> GetEnumerator() => ((IEnumerable<string>)Decoded).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    // Decoding twice from two threads gives equal arrays: the race is harmless.
    private string[] Decoded => _decoded ??= AffectedRowCodec.DecodeVersions(_row);
}
