using System.Buffers.Binary;
using System.Globalization;

namespace Drydock.Analysis.Executables;

/// <summary>Reads a thin Mach-O file's kind and CPU from its 28-byte header (either byte order).</summary>
internal static class MachOHeaderReader
{
    private const int HeaderSize = 28;
    private const uint Cpu64 = 0x0100_0000;

    /// <summary>Reads the header of <paramref name="file"/>.</summary>
    public static HeaderFacts Read(ReadOnlySpan<byte> file)
    {
        if (file.Length < HeaderSize)
        {
            return HeaderFacts.Unreadable("Mach-O header truncated");
        }

        // 0xfeedface/0xfeedfacf as read in the file's own order; the swapped forms mean the other byte order.
        var magic = BinaryPrimitives.ReadUInt32LittleEndian(file);
        var little = magic is 0xfeedface or 0xfeedfacf;
        var cpu = Read32(file, 4, little);
        var fileType = Read32(file, 12, little);
        var kind = fileType switch
        {
            1 => "relocatable",
            2 => "executable",
            4 => "core",
            6 => "shared-object",
            8 => "bundle",
            11 => "driver", // a kernel extension
            _ => null,      // fixed VM libraries, dyld, symbol files: nothing to classify

        };
        var arch = cpu switch
        {
            7 => "i386",
            7 | Cpu64 => "x86-64",
            12 => "arm",
            12 | Cpu64 => "arm64",
            18 => "ppc",
            18 | Cpu64 => "ppc64",
            _ => "0x" + cpu.ToString("x8", CultureInfo.InvariantCulture),
        };
        return new HeaderFacts(kind, arch);
    }

    private static uint Read32(ReadOnlySpan<byte> file, int offset, bool little)
        => little ? BinaryPrimitives.ReadUInt32LittleEndian(file[offset..]) : BinaryPrimitives.ReadUInt32BigEndian(file[offset..]);
}
