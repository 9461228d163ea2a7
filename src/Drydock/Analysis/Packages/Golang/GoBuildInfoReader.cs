using System.Buffers.Binary;
using System.Text;

namespace Drydock.Analysis.Packages.Golang;

/// <summary>Finds and decodes the build-information blob the Go linker writes into executables: the toolchain version
/// and the module information text. Handles the inline-string layout of Go 1.18 and later and the older pointer layout.</summary>
internal static class GoBuildInfoReader
{
    private const int HeaderSize = 32;
    private const int MaxStringBytes = 4 * 1024 * 1024;
    private const byte FlagBigEndian = 0x1;
    private const byte FlagInline = 0x2;

    // "\xff Go buildinf:", the 14-byte marker at the start of the blob.
    private static ReadOnlySpan<byte> MagicBytes => [0xff, (byte)' ', (byte)'G', (byte)'o', (byte)' ', (byte)'b', (byte)'u', (byte)'i', (byte)'l', (byte)'d', (byte)'i', (byte)'n', (byte)'f', (byte)':'];

    /// <summary>Reads the build information, or returns null when the file is not a Go executable.
    /// Throws <see cref="InvalidDataException"/> when the blob is present but malformed.</summary>
    public static GoBuildInfoBlob? Read(ReadOnlySpan<byte> file)
    {
        var elf = ElfImage.Parse(file);
        ReadOnlySpan<byte> data = default;
        foreach (var s in elf.Sections)
        {
            if (s.Name == ".go.buildinfo")
            {
                data = ElfImage.SectionData(file, s);
                break;
            }
        }

        if (data.IsEmpty && elf.DataSegment is { } segment)
        {
            data = ElfImage.SegmentData(file, segment);
        }

        var at = FindMagic(data);
        if (at < 0)
        {
            return null;
        }

        var header = data[at..];
        if (header.Length < HeaderSize)
        {
            throw new InvalidDataException("Go build-info header truncated");
        }

        var ptrSize = header[14];
        var flags = header[15];
        if ((flags & FlagInline) != 0)
        {
            var rest = header[HeaderSize..];
            var version = ReadVarBytes(ref rest);
            var modinfo = ReadVarBytes(ref rest);
            return new GoBuildInfoBlob(Encoding.UTF8.GetString(version), Decode(modinfo));
        }

        if (ptrSize is not (4 or 8))
        {
            throw new InvalidDataException($"Go build-info pointer size {ptrSize} is not 4 or 8");
        }

        var bigEndian = (flags & FlagBigEndian) != 0;
        var versionAddress = ReadPointer(header[16..], ptrSize, bigEndian);
        var modAddress = ReadPointer(header[(16 + ptrSize)..], ptrSize, bigEndian);
        var goVersion = ReadGoString(elf, file, versionAddress, ptrSize, bigEndian);
        var mod = ReadGoString(elf, file, modAddress, ptrSize, bigEndian);
        return new GoBuildInfoBlob(Encoding.UTF8.GetString(goVersion), Decode(mod));
    }

    // The blob sits at a 16-byte aligned address; the section or segment starts aligned in practice.
    private static int FindMagic(ReadOnlySpan<byte> data)
    {
        var magic = MagicBytes;
        var offset = 0;
        while (offset + magic.Length <= data.Length)
        {
            var found = data[offset..].IndexOf(magic);
            if (found < 0)
            {
                return -1;
            }

            var at = offset + found;
            if (at % 16 == 0)
            {
                return at;
            }

            offset = at + 1;
        }

        return -1;
    }

    private static ReadOnlySpan<byte> ReadVarBytes(ref ReadOnlySpan<byte> rest)
    {
        ulong length = 0;
        var shift = 0;
        var i = 0;
        while (true)
        {
            if (i >= rest.Length || i >= 10)
            {
                throw new InvalidDataException("Go build-info string length truncated");
            }

            var b = rest[i++];
            length |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80)
            {
                break;
            }

            shift += 7;
        }

        if (length > MaxStringBytes || length > (ulong)(rest.Length - i))
        {
            throw new InvalidDataException($"Go build-info string of {length} bytes runs past the data");
        }

        var bytes = rest.Slice(i, (int)length);
        rest = rest[(i + (int)length)..];
        return bytes;
    }

    private static ulong ReadPointer(ReadOnlySpan<byte> b, int size, bool bigEndian)
    {
        if (b.Length < size)
        {
            throw new InvalidDataException("Go build-info pointer truncated");
        }

        return size == 8
            ? (bigEndian ? BinaryPrimitives.ReadUInt64BigEndian(b) : BinaryPrimitives.ReadUInt64LittleEndian(b))
            : (bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(b) : BinaryPrimitives.ReadUInt32LittleEndian(b));
    }

    // A Go string value is a (data pointer, length) pair in the data segment.
    private static ReadOnlySpan<byte> ReadGoString(ElfImage elf, ReadOnlySpan<byte> file, ulong address, int ptrSize, bool bigEndian)
    {
        var header = elf.ReadVirtual(file, address, (ulong)(2 * ptrSize));
        if (header.IsEmpty)
        {
            return default;
        }

        var data = ReadPointer(header, ptrSize, bigEndian);
        var length = ReadPointer(header[ptrSize..], ptrSize, bigEndian);
        if (length == 0)
        {
            return default;
        }

        if (length > MaxStringBytes)
        {
            throw new InvalidDataException($"Go build-info string of {length} bytes exceeds the limit");
        }

        var bytes = elf.ReadVirtual(file, data, length);
        if (bytes.IsEmpty)
        {
            throw new InvalidDataException("Go build-info string points outside the file");
        }

        return bytes;
    }

    // The module text is framed by 16 binary sentinel bytes on each side; the closing one follows a newline.
    private static string Decode(ReadOnlySpan<byte> modinfo)
        => Encoding.UTF8.GetString(modinfo.Length >= 33 && modinfo[^17] == (byte)'\n' ? modinfo[16..^16] : modinfo);
}
