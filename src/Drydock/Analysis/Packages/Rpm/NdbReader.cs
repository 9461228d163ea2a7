using System.Buffers.Binary;

namespace Drydock.Analysis.Packages.Rpm;

/// <summary>Reads rpm's own "ndb" package store (<c>Packages.db</c>, SUSE): a 32-byte header ("RpmP", version,
/// generation, number of 4 KiB slot pages), 16-byte slots ("Slot", package index, block offset, block count)
/// filling the slot pages, and blobs in 16-byte blocks, each framed by "BlbS" (magic, package index, generation,
/// length) and a 12-byte tail. All integers are little-endian.</summary>
internal static class NdbReader
{
    private const uint FileMagic = 'R' | ('p' << 8) | ('m' << 16) | ('P' << 24);
    private const uint SlotMagic = 'S' | ('l' << 8) | ('o' << 16) | ('t' << 24);
    private const uint BlobMagic = 'B' | ('l' << 8) | ('b' << 16) | ('S' << 24);
    private const int HeaderSize = 32;
    private const int SlotSize = 16;
    private const int BlockSize = 16;
    private const int SlotPageSize = 4096;
    private const int BlobHeadSize = 16;
    private const int BlobTailSize = 12;

    /// <summary>True when <paramref name="head"/> starts with the ndb magic.</summary>
    public static bool Looks(ReadOnlySpan<byte> head) => head.Length >= 4 && BinaryPrimitives.ReadUInt32LittleEndian(head) == FileMagic;

    /// <summary>Collects every package blob in slot order; problems go to <paramref name="problems"/>.</summary>
    public static List<byte[]> ReadBlobs(ReadOnlySpan<byte> db, List<string> problems)
    {
        var blobs = new List<byte[]>();
        if (db.Length < HeaderSize || !Looks(db))
        {
            problems.Add("not an rpm ndb package store");
            return blobs;
        }

        var version = BinaryPrimitives.ReadUInt32LittleEndian(db[4..]);
        var slotPages = BinaryPrimitives.ReadUInt32LittleEndian(db[12..]);
        if (version != 0 || slotPages == 0 || (long)slotPages * SlotPageSize > db.Length)
        {
            problems.Add($"ndb version {version} with {slotPages} slot pages does not fit a {db.Length}-byte file");
            return blobs;
        }

        var slotAreaEnd = (int)slotPages * SlotPageSize;
        var badSlots = 0;
        for (var at = HeaderSize; at + SlotSize <= slotAreaEnd; at += SlotSize)
        {
            var slot = db.Slice(at, SlotSize);
            if (BinaryPrimitives.ReadUInt32LittleEndian(slot) != SlotMagic)
            {
                badSlots++;
                continue;
            }

            var pkgIndex = BinaryPrimitives.ReadUInt32LittleEndian(slot[4..]);
            if (pkgIndex == 0)
            {
                continue;
            }

            var start = (long)BinaryPrimitives.ReadUInt32LittleEndian(slot[8..]) * BlockSize;
            var length = (long)BinaryPrimitives.ReadUInt32LittleEndian(slot[12..]) * BlockSize;
            if (start < slotAreaEnd || length < BlobHeadSize + BlobTailSize || start + length > db.Length)
            {
                problems.Add($"slot of package {pkgIndex} points at {length} bytes at {start}, outside the blob area");
                continue;
            }

            var area = db.Slice((int)start, (int)length);
            var blobLength = BinaryPrimitives.ReadUInt32LittleEndian(area[12..]);
            if (BinaryPrimitives.ReadUInt32LittleEndian(area) != BlobMagic || BinaryPrimitives.ReadUInt32LittleEndian(area[4..]) != pkgIndex
                || blobLength > length - BlobHeadSize - BlobTailSize)
            {
                problems.Add($"blob of package {pkgIndex} has a bad head or a length of {blobLength} bytes over its {length}-byte block");
                continue;
            }

            blobs.Add(area.Slice(BlobHeadSize, (int)blobLength).ToArray());
        }

        if (badSlots > 0)
        {
            problems.Add($"{badSlots} slots without the slot magic were skipped");
        }

        return blobs;
    }
}
