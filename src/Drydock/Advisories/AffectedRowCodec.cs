using System.Buffers;
using System.Text;

namespace Drydock.Advisories;

/// <summary>The compact binary form of an affected entry's ranges, fixed versions and explicit version list in the advisory
/// database (schema 2): a format byte, then length-prefixed UTF-8 strings and LEB128 counts. Well-known range types and event
/// kinds take one byte. Reading checks every length and count against the bytes left, so a damaged row fails with
/// <see cref="FormatException"/> instead of allocating or reading past its end.</summary>
internal static class AffectedRowCodec
{
    /// <summary>The first byte of every encoded row.</summary>
    public const byte Format = 1;

    /// <summary>What a damaged row is called in errors.</summary>
    public const string What = "affected row";

    /// <summary>The range types that take one byte, by code.</summary>
    public static readonly string[] RangeTypes = ["ECOSYSTEM", "SEMVER", "GIT"];

    /// <summary>The event kinds that take one byte, by code.</summary>
    public static readonly string[] EventKinds = ["introduced", "fixed", "last_affected", "limit"];

    /// <summary>The ranges and fixed versions of <paramref name="affected"/> (plus the ecosystem as written) as one blob.</summary>
    public static byte[] EncodeRanges(AffectedPackage affected)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        RowWriter.WriteByte(buffer, Format);
        RowWriter.WriteString(buffer, affected.Ecosystem);
        RowWriter.WriteCount(buffer, affected.Ranges.Count);
        foreach (var range in affected.Ranges)
        {
            RowWriter.WriteCode(buffer, RangeTypes, range.Type);
            RowWriter.WriteCount(buffer, range.Events.Count);
            foreach (var e in range.Events)
            {
                RowWriter.WriteCode(buffer, EventKinds, e.Kind);
                RowWriter.WriteString(buffer, e.Version);
            }
        }

        RowWriter.WriteStrings(buffer, affected.FixedVersions);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>An explicit version list as a blob, or null when it is empty.</summary>
    public static byte[]? EncodeVersions(IReadOnlyList<string> versions)
    {
        if (versions.Count == 0)
        {
            return null;
        }

        var buffer = new ArrayBufferWriter<byte>(16 * versions.Count);
        RowWriter.WriteByte(buffer, Format);
        RowWriter.WriteStrings(buffer, versions);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The ecosystem, ranges and fixed versions from a blob written by <see cref="EncodeRanges"/>.</summary>
    public static (string Ecosystem, IReadOnlyList<AffectedRange> Ranges, IReadOnlyList<string> FixedVersions) DecodeRanges(ReadOnlySpan<byte> row)
    {
        var reader = new RowReader(row, What);
        reader.ExpectFormat(Format);
        var ecosystem = reader.String();
        var ranges = new AffectedRange[reader.Count(2)];
        for (var i = 0; i < ranges.Length; i++)
        {
            var type = reader.Code(RangeTypes);
            var events = new RangeEvent[reader.Count(2)];
            for (var j = 0; j < events.Length; j++)
            {
                events[j] = new RangeEvent(reader.Code(EventKinds), reader.String());
            }

            ranges[i] = new AffectedRange(type, events);
        }

        var fixedVersions = reader.Strings();
        reader.ExpectEnd();
        return (ecosystem, ranges, fixedVersions);
    }

    /// <summary>Where the parts of a blob written by <see cref="EncodeRanges"/> lie, found by one walk that checks every length
    /// and count but decodes nothing; throws <see cref="FormatException"/> when the blob is damaged.</summary>
    public static RangesLayout Inspect(ReadOnlySpan<byte> row)
    {
        var reader = new RowReader(row, What);
        reader.ExpectFormat(Format);
        var ecosystemLength = reader.Bytes().Length;
        var rangesAt = reader.Position;
        var rangeCount = reader.Count(2);
        for (var i = 0; i < rangeCount; i++)
        {
            reader.Code(RangeTypes);
            var events = reader.Count(2);
            for (var j = 0; j < events; j++)
            {
                reader.Code(EventKinds);
                reader.Bytes();
            }
        }

        var fixedAt = reader.Position;
        var fixedCount = SkipStrings(ref reader);
        reader.ExpectEnd();
        return new RangesLayout(new Range(rangesAt - ecosystemLength, rangesAt), rangesAt, rangeCount, fixedAt, fixedCount);
    }

    /// <summary>The version list from a blob written by <see cref="EncodeVersions"/>; empty for null.</summary>
    public static string[] DecodeVersions(ReadOnlySpan<byte> row)
    {
        if (row.IsEmpty)
        {
            return [];
        }

        var reader = new RowReader(row, What);
        reader.ExpectFormat(Format);
        var versions = reader.Strings();
        reader.ExpectEnd();
        return versions;
    }

    /// <summary>Checks a version list blob's structure without decoding it, and returns how many versions it holds.</summary>
    public static int CountVersions(ReadOnlySpan<byte> row)
    {
        if (row.IsEmpty)
        {
            return 0;
        }

        var reader = new RowReader(row, What);
        reader.ExpectFormat(Format);
        var count = SkipStrings(ref reader);
        reader.ExpectEnd();
        return count;
    }

    /// <summary>The strings of a checked list section (a count, then the strings, to the end of the span).</summary>
    public static string[] DecodeStrings(ReadOnlySpan<byte> section) => new RowReader(section, What).Strings();

    /// <summary>True when a checked list section holds exactly <paramref name="spelled"/>, compared as UTF-8 without decoding the list.</summary>
    public static bool StringsContain(ReadOnlySpan<byte> section, string spelled)
    {
        Span<byte> small = stackalloc byte[128];
        var length = Encoding.UTF8.GetByteCount(spelled);
        var wanted = length <= small.Length ? small[..length] : new byte[length];
        Encoding.UTF8.GetBytes(spelled, wanted);
        var reader = new RowReader(section, What);
        var count = reader.Count(1);
        for (var i = 0; i < count; i++)
        {
            if (reader.Bytes().SequenceEqual(wanted))
            {
                return true;
            }
        }

        return false;
    }

    // Reads a count and steps over that many strings; returns the count.
    private static int SkipStrings(ref RowReader reader)
    {
        var count = reader.Count(1);
        for (var i = 0; i < count; i++)
        {
            reader.Bytes();
        }

        return count;
    }
}
