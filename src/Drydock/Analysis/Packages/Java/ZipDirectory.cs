using System.Buffers.Binary;

namespace Drydock.Analysis.Packages.Java;

/// <summary>Counts a zip file's central-directory headers before <see cref="System.IO.Compression.ZipArchive"/> builds an
/// object per entry, so an archive with millions of tiny headers is turned down without the allocation.</summary>
internal static class ZipDirectory
{
    private const uint EndSignature = 0x06054b50;
    private const uint Zip64LocatorSignature = 0x07064b50;
    private const uint Zip64EndSignature = 0x06064b50;
    private const uint HeaderSignature = 0x02014b50;
    private const int EndSize = 22;

    /// <summary>The number of central-directory headers, stopping once <paramref name="limit"/> is passed
    /// (then limit + 1); -1 when no end-of-central-directory record is found.</summary>
    public static long CountEntries(ReadOnlySpan<byte> zip, int limit)
    {
        var end = FindEnd(zip);
        if (end < 0)
        {
            return -1;
        }

        ulong declared = U16(zip, end + 10);
        ulong size = U32(zip, end + 12);
        ulong offset = U32(zip, end + 16);
        if ((declared == 0xffff || size == 0xffffffff || offset == 0xffffffff) && end >= 20 && U32(zip, end - 20) == Zip64LocatorSignature)
        {
            var z = BinaryPrimitives.ReadUInt64LittleEndian(zip[(end - 12)..]);
            if (z <= (ulong)zip.Length - 56 && zip.Length >= 56 && U32(zip, (int)z) == Zip64EndSignature)
            {
                declared = BinaryPrimitives.ReadUInt64LittleEndian(zip[((int)z + 32)..]);
                size = BinaryPrimitives.ReadUInt64LittleEndian(zip[((int)z + 40)..]);
                offset = BinaryPrimitives.ReadUInt64LittleEndian(zip[((int)z + 48)..]);
            }
        }

        if (declared > (ulong)limit)
        {
            return limit + 1L;
        }

        // Archives with a prefix (self-extracting stubs) record offsets relative to the zip's own start.
        var start = offset < (ulong)end && U32At(zip, offset) == HeaderSignature ? (long)offset
            : size <= (ulong)end ? end - (long)size : -1;
        long count = 0;
        var p = start;
        while (p >= 0 && p + 46 <= end && U32(zip, (int)p) == HeaderSignature)
        {
            if (++count > limit)
            {
                return count;
            }

            p += 46L + U16(zip, (int)p + 28) + U16(zip, (int)p + 30) + U16(zip, (int)p + 32);
        }

        return Math.Max(count, (long)declared);
    }

    private static int FindEnd(ReadOnlySpan<byte> zip)
    {
        var lowest = Math.Max(0, zip.Length - EndSize - 0xffff);
        for (var i = zip.Length - EndSize; i >= lowest; i--)
        {
            if (U32(zip, i) == EndSignature)
            {
                return i;
            }
        }

        return -1;
    }

    private static uint U32At(ReadOnlySpan<byte> zip, ulong offset) => offset <= (ulong)zip.Length - 4 ? U32(zip, (int)offset) : 0;

    private static uint U32(ReadOnlySpan<byte> b, int o) => BinaryPrimitives.ReadUInt32LittleEndian(b[o..]);

    private static ushort U16(ReadOnlySpan<byte> b, int o) => BinaryPrimitives.ReadUInt16LittleEndian(b[o..]);
}
