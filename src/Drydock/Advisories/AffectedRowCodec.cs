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

    private static readonly string[] RangeTypes = ["ECOSYSTEM", "SEMVER", "GIT"];
    private static readonly string[] EventKinds = ["introduced", "fixed", "last_affected", "limit"];
    private const byte Other = 0xFF;

    /// <summary>The ranges and fixed versions of <paramref name="affected"/> (plus the ecosystem as written) as one blob.</summary>
    public static byte[] EncodeRanges(AffectedPackage affected)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        buffer.Write([Format]);
        WriteString(buffer, affected.Ecosystem);
        WriteCount(buffer, affected.Ranges.Count);
        foreach (var range in affected.Ranges)
        {
            WriteCode(buffer, RangeTypes, range.Type);
            WriteCount(buffer, range.Events.Count);
            foreach (var e in range.Events)
            {
                WriteCode(buffer, EventKinds, e.Kind);
                WriteString(buffer, e.Version);
            }
        }

        WriteStrings(buffer, affected.FixedVersions);
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
        buffer.Write([Format]);
        WriteStrings(buffer, versions);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The ecosystem, ranges and fixed versions from a blob written by <see cref="EncodeRanges"/>.</summary>
    public static (string Ecosystem, IReadOnlyList<AffectedRange> Ranges, IReadOnlyList<string> FixedVersions) DecodeRanges(ReadOnlySpan<byte> row)
    {
        var reader = new Reader(row);
        reader.ExpectFormat();
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

    /// <summary>The version list from a blob written by <see cref="EncodeVersions"/>; empty for null.</summary>
    public static string[] DecodeVersions(ReadOnlySpan<byte> row)
    {
        if (row.IsEmpty)
        {
            return [];
        }

        var reader = new Reader(row);
        reader.ExpectFormat();
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

        var reader = new Reader(row);
        reader.ExpectFormat();
        var count = reader.Count(1);
        for (var i = 0; i < count; i++)
        {
            reader.Bytes();
        }

        reader.ExpectEnd();
        return count;
    }

    /// <summary>True when the version list blob holds exactly <paramref name="spelled"/>, compared as UTF-8 without decoding the list.</summary>
    public static bool VersionsContain(ReadOnlySpan<byte> row, string spelled)
    {
        if (row.IsEmpty)
        {
            return false;
        }

        Span<byte> small = stackalloc byte[128];
        var length = Encoding.UTF8.GetByteCount(spelled);
        var wanted = length <= small.Length ? small[..length] : new byte[length];
        Encoding.UTF8.GetBytes(spelled, wanted);
        var reader = new Reader(row);
        reader.ExpectFormat();
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

    private static void WriteCode(ArrayBufferWriter<byte> buffer, string[] known, string value)
    {
        var code = Array.IndexOf(known, value);
        if (code >= 0)
        {
            buffer.Write([(byte)code]);
            return;
        }

        buffer.Write([Other]);
        WriteString(buffer, value);
    }

    private static void WriteStrings(ArrayBufferWriter<byte> buffer, IReadOnlyList<string> values)
    {
        WriteCount(buffer, values.Count);
        foreach (var value in values)
        {
            WriteString(buffer, value);
        }
    }

    private static void WriteString(ArrayBufferWriter<byte> buffer, string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        WriteCount(buffer, length);
        Encoding.UTF8.GetBytes(value, buffer.GetSpan(length));
        buffer.Advance(length);
    }

    private static void WriteCount(ArrayBufferWriter<byte> buffer, int value)
    {
        var span = buffer.GetSpan(5);
        var written = 0;
        var remaining = (uint)value;
        while (remaining >= 0x80)
        {
            span[written++] = (byte)(remaining | 0x80);
            remaining >>= 7;
        }

        span[written++] = (byte)remaining;
        buffer.Advance(written);
    }

    // A forward-only reader that never trusts a length: each is checked against what is left of the row.
    private ref struct Reader(ReadOnlySpan<byte> row)
    {
        private readonly ReadOnlySpan<byte> _row = row;
        private int _position;

        public void ExpectFormat()
        {
            var format = Byte();
            if (format != Format)
            {
                throw new FormatException($"affected row format {format}, expected {Format}");
            }
        }

        public readonly void ExpectEnd()
        {
            if (_position != _row.Length)
            {
                throw new FormatException($"affected row has {_row.Length - _position} bytes past its end");
            }
        }

        // A count of items that each take at least minBytes: more than the row can hold is damage, not a big list.
        public int Count(int minBytes)
        {
            var value = VarUInt();
            if (value > (uint)(_row.Length - _position) / (uint)minBytes)
            {
                throw new FormatException($"affected row count {value} exceeds the {_row.Length - _position} bytes left");
            }

            return (int)value;
        }

        public string String() => Encoding.UTF8.GetString(Bytes());

        public ReadOnlySpan<byte> Bytes()
        {
            var length = Count(1);
            var bytes = _row.Slice(_position, length);
            _position += length;
            return bytes;
        }

        public string[] Strings()
        {
            var values = new string[Count(1)];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = String();
            }

            return values;
        }

        public string Code(string[] known)
        {
            var code = Byte();
            if (code == Other)
            {
                return String();
            }

            return code < known.Length ? known[code] : throw new FormatException($"affected row has unknown code {code}");
        }

        private byte Byte()
        {
            if (_position >= _row.Length)
            {
                throw new FormatException("affected row is truncated");
            }

            return _row[_position++];
        }

        private uint VarUInt()
        {
            uint value = 0;
            for (var shift = 0; shift < 35; shift += 7)
            {
                var b = Byte();
                value |= (uint)(b & 0x7F) << shift;
                if ((b & 0x80) == 0)
                {
                    return value;
                }
            }

            throw new FormatException("affected row has an over-long count");
        }
    }
}
