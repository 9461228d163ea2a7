using System.Buffers.Binary;

namespace Drydock.Analysis.Packages.Rpm;

/// <summary>Reads the values of a Berkeley DB hash or btree file (rpm's <c>Packages</c>) without Berkeley DB:
/// the metadata page gives page size, byte order and last page; every hash (or btree leaf) page is visited in
/// file order and each data item is taken inline or followed through its chain of overflow pages. Chains that
/// loop, leave the file or disagree with their declared length are reported and skipped.</summary>
internal static class BerkeleyDbReader
{
    private const uint HashMagic = 0x061561;
    private const uint BtreeMagic = 0x053162;
    private const int PageHeaderSize = 26;
    private const byte PageHashUnsorted = 2;
    private const byte PageBtreeLeaf = 5;
    private const byte PageOverflow = 7;
    private const byte PageHash = 13;
    private const byte HashKeyData = 1;
    private const byte HashOffPage = 3;
    private const byte BtreeKeyData = 1;
    private const byte BtreeOverflow = 3;
    private const byte BtreeDeleted = 0x80;

    /// <summary>True when <paramref name="head"/> starts like a Berkeley DB hash or btree file.</summary>
    public static bool Looks(ReadOnlySpan<byte> head)
    {
        if (head.Length < 16)
        {
            return false;
        }

        var le = BinaryPrimitives.ReadUInt32LittleEndian(head[12..]);
        var be = BinaryPrimitives.ReadUInt32BigEndian(head[12..]);
        return le is HashMagic or BtreeMagic || be is HashMagic or BtreeMagic;
    }

    /// <summary>Collects every stored value; problems go to <paramref name="problems"/>, the rest is still read.</summary>
    public static List<byte[]> ReadValues(ReadOnlySpan<byte> db, List<string> problems)
    {
        var values = new List<byte[]>();
        if (!Looks(db))
        {
            problems.Add("not a Berkeley DB hash or btree file");
            return values;
        }

        var bigEndian = BinaryPrimitives.ReadUInt32LittleEndian(db[12..]) is not (HashMagic or BtreeMagic);
        var file = new PageFile(db, bigEndian, 0);
        var magic = file.U32(db, 12);
        var pageSize = file.U32(db, 20);
        if (pageSize is < 512 or > 65536 || (pageSize & (pageSize - 1)) != 0 || pageSize > db.Length)
        {
            problems.Add($"page size {pageSize} is invalid for a {db.Length}-byte file");
            return values;
        }

        if (db[24] != 0)
        {
            problems.Add("the database is encrypted");
            return values;
        }

        var lastPage = file.U32(db, 32);
        var pagesInFile = db.Length / (int)pageSize;
        if (lastPage >= pagesInFile)
        {
            problems.Add($"metadata names page {lastPage} but the file holds {pagesInFile} pages (truncated)");
        }

        file = new PageFile(db, bigEndian, (int)pageSize);
        var pageCount = (int)Math.Min(lastPage + 1L, pagesInFile);
        var wanted = magic == HashMagic ? (PageHash, PageHashUnsorted) : (PageBtreeLeaf, PageBtreeLeaf);
        for (var pgno = 1; pgno < pageCount; pgno++)
        {
            var page = file.Page(db, (uint)pgno);
            if (page[25] == wanted.Item1 || page[25] == wanted.Item2)
            {
                ReadPage(db, file, pageCount, page, pgno, magic == HashMagic, values, problems);
            }
        }

        return values;
    }

    private static void ReadPage(ReadOnlySpan<byte> db, PageFile file, int pageCount, ReadOnlySpan<byte> page, int pgno,
        bool hash, List<byte[]> values, List<string> problems)
    {
        var entries = file.U16(page, 20);
        if (PageHeaderSize + (2 * entries) > page.Length)
        {
            problems.Add($"page {pgno} declares {entries} items, more than fit");
            return;
        }

        // Items come in key/data pairs; the data items are the odd ones.
        for (var i = 1; i < entries; i += 2)
        {
            int offset = file.U16(page, PageHeaderSize + (2 * i));
            if (offset >= page.Length - 1)
            {
                problems.Add($"page {pgno} item {i} starts at {offset}, past the page");
                continue;
            }

            if (hash)
            {
                var type = page[offset];
                if (type == HashOffPage && offset + 12 <= page.Length)
                {
                    AddOverflow(db, file, pageCount, file.U32(page, offset + 4), file.U32(page, offset + 8), values, problems);
                }
                else if (type == HashKeyData)
                {
                    // An inline item runs to the start of the previous item (items grow down from the page end).
                    int end = file.U16(page, PageHeaderSize + (2 * (i - 1)));
                    if (end <= offset || end > page.Length)
                    {
                        problems.Add($"page {pgno} item {i} has an invalid length");
                        continue;
                    }

                    values.Add(page[(offset + 1)..end].ToArray());
                }
            }
            else if (offset + 3 <= page.Length)
            {
                var type = page[offset + 2];
                if ((type & BtreeDeleted) != 0)
                {
                    continue;
                }

                if (type == BtreeOverflow && offset + 12 <= page.Length)
                {
                    AddOverflow(db, file, pageCount, file.U32(page, offset + 4), file.U32(page, offset + 8), values, problems);
                }
                else if (type == BtreeKeyData)
                {
                    int length = file.U16(page, offset);
                    if (offset + 3 + length > page.Length)
                    {
                        problems.Add($"page {pgno} item {i} runs past the page");
                        continue;
                    }

                    values.Add(page.Slice(offset + 3, length).ToArray());
                }
            }
        }
    }

    /// <summary>Follows one overflow chain into a new array of exactly <paramref name="total"/> bytes.</summary>
    private static void AddOverflow(ReadOnlySpan<byte> db, PageFile file, int pageCount, uint first, uint total,
        List<byte[]> values, List<string> problems)
    {
        if (total > db.Length)
        {
            problems.Add($"an overflow item declares {total} bytes, more than the whole file");
            return;
        }

        var value = new byte[total];
        var filled = 0;
        var seen = new HashSet<uint>();
        for (var pgno = first; pgno != 0; )
        {
            if (pgno >= pageCount)
            {
                problems.Add($"overflow chain from page {first} names page {pgno}, past the end of the file");
                return;
            }

            if (!seen.Add(pgno))
            {
                problems.Add($"overflow chain from page {first} loops back to page {pgno}");
                return;
            }

            var page = file.Page(db, pgno);
            int length = file.U16(page, 22);
            if (page[25] != PageOverflow || length > page.Length - PageHeaderSize || filled + length > total)
            {
                problems.Add($"overflow chain from page {first} has an invalid page {pgno}");
                return;
            }

            page.Slice(PageHeaderSize, length).CopyTo(value.AsSpan(filled));
            filled += length;
            pgno = file.U32(page, 16);
        }

        if (filled != total)
        {
            problems.Add($"overflow chain from page {first} holds {filled} of its {total} bytes");
            return;
        }

        values.Add(value);
    }

    /// <summary>Page addressing and integer reads in the file's byte order.</summary>
    private readonly struct PageFile(ReadOnlySpan<byte> db, bool bigEndian, int pageSize)
    {
        private readonly int _length = db.Length;

        public ReadOnlySpan<byte> Page(ReadOnlySpan<byte> data, uint pgno)
        {
            var start = (long)pgno * pageSize;
            return start + pageSize <= _length ? data.Slice((int)start, pageSize) : [];
        }

        public uint U32(ReadOnlySpan<byte> s, int at)
            => bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(s[at..]) : BinaryPrimitives.ReadUInt32LittleEndian(s[at..]);

        public ushort U16(ReadOnlySpan<byte> s, int at)
            => bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(s[at..]) : BinaryPrimitives.ReadUInt16LittleEndian(s[at..]);
    }
}
