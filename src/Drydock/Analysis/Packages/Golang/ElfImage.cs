using System.Buffers.Binary;
using System.Text;

namespace Drydock.Analysis.Packages.Golang;

/// <summary>A bounds-checked view of an ELF file held in memory: its sections and loadable segments
/// (32 or 64 bit, either byte order). Every offset and size read from the file is checked against the buffer.</summary>
internal sealed class ElfImage
{
    private const int MaxSections = 65_536;
    private const int MaxSegments = 65_536;
    private const uint SectionNoBits = 8;
    private const ulong SectionExecInstr = 4;
    private const uint SegmentLoad = 1;
    private const uint SegmentInterpreter = 3;
    private const uint SegmentWrite = 2;
    private const uint SegmentRead = 4;

    private ElfImage(bool is64, bool bigEndian, ushort type, ushort machine, List<ElfSection> sections, List<ElfSegment> segments)
    {
        Is64 = is64;
        BigEndian = bigEndian;
        Type = type;
        Machine = machine;
        Sections = sections;
        Segments = segments;
    }

    /// <summary>e_type: 1 relocatable, 2 executable, 3 shared object (or position-independent executable), 4 core.</summary>
    public ushort Type { get; }

    /// <summary>e_machine (62 x86-64, 3 i386, 183 AArch64, ...).</summary>
    public ushort Machine { get; }

    /// <summary>True when a PT_INTERP program header names a dynamic loader (an executable, not a library).</summary>
    public bool HasInterpreter { get; private init; }

    /// <summary>False when a program or section header table the ELF header declares lies outside the file (truncated).</summary>
    public bool HeadersFit { get; private init; } = true;

    /// <summary>True for ELFCLASS64.</summary>
    public bool Is64 { get; }

    /// <summary>True for ELFDATA2MSB.</summary>
    public bool BigEndian { get; }

    /// <summary>The section headers whose names could be read.</summary>
    public IReadOnlyList<ElfSection> Sections { get; }

    /// <summary>The PT_LOAD program headers.</summary>
    public IReadOnlyList<ElfSegment> Segments { get; }

    /// <summary>True when the bytes start with the ELF magic and a known class and byte order.</summary>
    public static bool HasMagic(ReadOnlySpan<byte> head)
        => head.Length >= 16 && head[0] == 0x7f && head[1] == (byte)'E' && head[2] == (byte)'L' && head[3] == (byte)'F'
           && head[4] is 1 or 2 && head[5] is 1 or 2;

    /// <summary>Parses the headers; throws <see cref="InvalidDataException"/> when they do not fit the buffer.</summary>
    public static ElfImage Parse(ReadOnlySpan<byte> file)
    {
        if (!HasMagic(file) || file.Length < 52)
        {
            throw new InvalidDataException("not an ELF file");
        }

        var is64 = file[4] == 2;
        var be = file[5] == 2;
        var r = new Reader(file, be);
        var type = r.U16(16);
        var machine = r.U16(18);
        var interpreter = false;
        var fit = true;
        ulong shoff, phoff;
        int phentsize, phnum, shentsize, shnum, shstrndx;
        if (is64)
        {
            if (file.Length < 64)
            {
                throw new InvalidDataException("truncated ELF header");
            }

            phoff = r.U64(32);
            shoff = r.U64(40);
            phentsize = r.U16(54);
            phnum = r.U16(56);
            shentsize = r.U16(58);
            shnum = r.U16(60);
            shstrndx = r.U16(62);
        }
        else
        {
            phoff = r.U32(28);
            shoff = r.U32(32);
            phentsize = r.U16(42);
            phnum = r.U16(44);
            shentsize = r.U16(46);
            shnum = r.U16(48);
            shstrndx = r.U16(50);
        }

        var segments = new List<ElfSegment>();
        var minPh = is64 ? 56 : 32;
        fit &= phnum == 0 || Fits(file, phoff, (ulong)phnum * (ulong)phentsize);
        if (phnum > 0 && phnum <= MaxSegments && phentsize >= minPh && Fits(file, phoff, (ulong)phnum * (ulong)phentsize))
        {
            for (var i = 0; i < phnum; i++)
            {
                var o = (int)phoff + i * phentsize;
                var segmentType = r.U32(o);
                interpreter |= segmentType == SegmentInterpreter;
                if (segmentType != SegmentLoad)
                {
                    continue;
                }

                var seg = is64
                    ? new ElfSegment(r.U32(o + 4), r.U64(o + 8), r.U64(o + 16), r.U64(o + 32))
                    : new ElfSegment(r.U32(o + 24), r.U32(o + 4), r.U32(o + 8), r.U32(o + 16));
                segments.Add(seg);
            }
        }

        var sections = new List<ElfSection>();
        var minSh = is64 ? 64 : 40;
        fit &= shnum == 0 || Fits(file, shoff, (ulong)shnum * (ulong)shentsize);
        if (shnum > 0 && shnum <= MaxSections && shentsize >= minSh && Fits(file, shoff, (ulong)shnum * (ulong)shentsize))
        {
            var raw = new List<(uint Name, uint Type, ulong Flags, ulong Addr, ulong Offset, ulong Size)>(shnum);
            for (var i = 0; i < shnum; i++)
            {
                var o = (int)shoff + i * shentsize;
                raw.Add(is64
                    ? (r.U32(o), r.U32(o + 4), r.U64(o + 8), r.U64(o + 16), r.U64(o + 24), r.U64(o + 32))
                    : (r.U32(o), r.U32(o + 4), r.U32(o + 8), r.U32(o + 12), r.U32(o + 16), r.U32(o + 20)));
            }

            if (shstrndx < raw.Count && Fits(file, raw[shstrndx].Offset, raw[shstrndx].Size))
            {
                var names = file.Slice((int)raw[shstrndx].Offset, (int)raw[shstrndx].Size);
                foreach (var s in raw)
                {
                    if (s.Name >= names.Length)
                    {
                        continue;
                    }

                    var rest = names[(int)s.Name..];
                    var end = rest.IndexOf((byte)0);
                    var name = Encoding.ASCII.GetString(end < 0 ? rest : rest[..end]);
                    sections.Add(new ElfSection(name, s.Type == SectionNoBits, s.Addr, s.Offset, s.Size, (s.Flags & SectionExecInstr) != 0));
                }
            }
        }

        return new ElfImage(is64, be, type, machine, sections, segments) { HasInterpreter = interpreter, HeadersFit = fit };
    }

    /// <summary>The bytes of a section with file content, or empty when absent or out of bounds.</summary>
    public static ReadOnlySpan<byte> SectionData(ReadOnlySpan<byte> file, ElfSection section)
        => section.NoBits || !Fits(file, section.Offset, section.Size) ? default : file.Slice((int)section.Offset, (int)section.Size);

    /// <summary>The first readable and writable loadable segment (the data segment), as Go's build-info reader looks there
    /// when the section headers are stripped.</summary>
    public ElfSegment? DataSegment
        => Segments.FirstOrDefault(s => (s.Flags & (SegmentRead | SegmentWrite)) == (SegmentRead | SegmentWrite));

    /// <summary>Reads <paramref name="length"/> bytes at virtual address <paramref name="address"/>, or empty when no loadable
    /// segment holds them in the file.</summary>
    public ReadOnlySpan<byte> ReadVirtual(ReadOnlySpan<byte> file, ulong address, ulong length)
    {
        foreach (var s in Segments)
        {
            if (address >= s.VirtualAddress && address - s.VirtualAddress < s.FileSize && length <= s.FileSize - (address - s.VirtualAddress))
            {
                var offset = s.Offset + (address - s.VirtualAddress);
                return Fits(file, offset, length) ? file.Slice((int)offset, (int)length) : default;
            }
        }

        return default;
    }

    /// <summary>The bytes of a loadable segment held in the file, or empty when out of bounds.</summary>
    public static ReadOnlySpan<byte> SegmentData(ReadOnlySpan<byte> file, ElfSegment segment)
        => Fits(file, segment.Offset, segment.FileSize) ? file.Slice((int)segment.Offset, (int)segment.FileSize) : default;

    private static bool Fits(ReadOnlySpan<byte> file, ulong offset, ulong size)
        => offset <= (ulong)file.Length && size <= (ulong)file.Length - offset;

    private readonly ref struct Reader(ReadOnlySpan<byte> file, bool bigEndian)
    {
        private readonly ReadOnlySpan<byte> _file = file;

        public ushort U16(int o) => bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(_file[o..]) : BinaryPrimitives.ReadUInt16LittleEndian(_file[o..]);

        public uint U32(int o) => bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(_file[o..]) : BinaryPrimitives.ReadUInt32LittleEndian(_file[o..]);

        public ulong U64(int o) => bigEndian ? BinaryPrimitives.ReadUInt64BigEndian(_file[o..]) : BinaryPrimitives.ReadUInt64LittleEndian(_file[o..]);
    }
}
