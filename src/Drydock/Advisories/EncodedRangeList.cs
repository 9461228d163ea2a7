using System.Collections;

namespace Drydock.Advisories;

/// <summary>An affected entry's ranges kept in their stored binary form (<see cref="AffectedRowCodec"/>): checked when read,
/// tested against a version on the bytes (<c>OsvRangeEvaluator</c>), and decoded into records only when enumerated. A scan
/// reads thousands of candidate entries and finds a few of them matching, so most are never decoded.</summary>
internal sealed class EncodedRangeList : IReadOnlyList<AffectedRange>
{
    private readonly ReadOnlyMemory<byte> _row;
    private readonly int _rangesAt;
    private IReadOnlyList<AffectedRange>? _decoded;

    /// <summary>Wraps the ranges of a blob written by <see cref="AffectedRowCodec.EncodeRanges"/> whose parts
    /// <see cref="AffectedRowCodec.Inspect"/> found at <paramref name="layout"/>.</summary>
    public EncodedRangeList(ReadOnlyMemory<byte> row, RangesLayout layout)
    {
        _row = row;
        _rangesAt = layout.RangesAt;
        Count = layout.RangeCount;
    }

    /// <inheritdoc/>
    public int Count { get; }

    /// <inheritdoc/>
    public AffectedRange this[int index] => Decoded[index];

    /// <summary>A reader at the first range: per range a type (<see cref="AffectedRowCodec.RangeTypes"/>), an event count, and
    /// per event a kind (<see cref="AffectedRowCodec.EventKinds"/>) and the version's UTF-8 bytes.</summary>
    public RowReader Reader()
    {
        var reader = new RowReader(_row.Span[_rangesAt..], AffectedRowCodec.What);
        reader.Count(2);
        return reader;
    }

    /// <inheritdoc/>
    public IEnumerator<AffectedRange> GetEnumerator() => Decoded.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    // Decoding twice from two threads gives equal lists: the race is harmless.
    private IReadOnlyList<AffectedRange> Decoded => _decoded ??= AffectedRowCodec.DecodeRanges(_row.Span).Ranges;
}
