using System.Buffers.Binary;
using System.Text;
using Drydock.Analysis;
using Drydock.Analysis.Packages.Golang;
using Drydock.Layers;

namespace Drydock.Tests.Analysis.Packages.Golang;

/// <summary>The build-info layout of Go 1.13-1.17 (pointers to string headers in the data segment), which Debian's
/// toolchain no longer writes: a minimal ELF with one read-write PT_LOAD segment and no section table, built here.</summary>
public sealed class GoBuildInfoPointerLayoutTests
{
    private const ulong Base = 0x10000;
    private const int SegmentOffset = 128;

    [Theory]
    [InlineData(false, 8)]
    [InlineData(true, 8)]
    [InlineData(false, 4)]
    [InlineData(true, 4)]
    public void Pointer_layout_is_decoded_in_both_byte_orders_and_word_sizes(bool bigEndian, int ptrSize)
    {
        var modinfo = "path\texample.com/old\nmod\texample.com/old\tv1.0.0\t\ndep\tgolang.org/x/sys\tv0.0.1\th1:abc=\n=>\tgolang.org/x/sys\tv0.0.2\th1:def=\n";
        var elf = Build(bigEndian, ptrSize, "go1.16.5", modinfo);
        var builder = new LayerResultBuilder();
        new GoBinaryAnalyzer().Analyze(new AnalyzerInput(new EntryInfo("bin/old", EntryKind.File, elf.Length, 0x1ed, 0, 0, null, 0), elf, elf), builder);
        var result = builder.Build("sha256:x", "none", 0, 1);

        Assert.Empty(result.Warnings);
        Assert.Equal([("example.com/old", "v1.0.0"), ("golang.org/x/sys", "v0.0.1"), ("stdlib", "v1.16.5")], result.Packages.Select(p => (p.Name, p.Version)));
        Assert.Equal("golang.org/x/sys v0.0.2", result.Packages[1].Metadata["replacedBy"]);
        Assert.Equal("h1:abc=", result.Packages[1].Metadata["sum"]);
        Assert.All(result.Packages, p => Assert.Equal("go1.16.5", p.Metadata["goVersion"]));
    }

    [Fact]
    public void Pointers_outside_the_file_are_a_warning()
    {
        var elf = Build(false, 8, "go1.16.5", "path\tx\n");
        BinaryPrimitives.WriteUInt64LittleEndian(elf.AsSpan(SegmentOffset + 32), 0xdead_beef_0000); // the version string's data pointer
        var builder = new LayerResultBuilder();
        new GoBinaryAnalyzer().Analyze(new AnalyzerInput(new EntryInfo("bin/old", EntryKind.File, elf.Length, 0x1ed, 0, 0, null, 0), elf, elf), builder);

        Assert.Equal("go-buildinfo-malformed", Assert.Single(builder.Build("sha256:x", "none", 0, 1).Warnings).Code);
    }

    private static byte[] Build(bool bigEndian, int ptrSize, string goVersion, string modinfo)
    {
        byte[] sentinelStart = [0x30, 0x77, 0xaf, 0x0c, 0x92, 0x74, 0x08, 0x02, 0x41, 0xe1, 0xc1, 0x07, 0xe6, 0xd6, 0x18, 0xe6];
        byte[] sentinelEnd = [0xf9, 0x32, 0x43, 0x31, 0x86, 0x18, 0x20, 0x72, 0x00, 0x82, 0x42, 0x10, 0x41, 0x16, 0xd8, 0xf2];
        byte[] mod = [.. sentinelStart, .. Encoding.UTF8.GetBytes(modinfo), .. sentinelEnd];
        var version = Encoding.UTF8.GetBytes(goVersion);

        // Segment: 32-byte header, two string headers, then the string bytes.
        var headers = 32;
        var versionHeader = headers;
        var modHeader = versionHeader + 2 * ptrSize;
        var versionData = modHeader + 2 * ptrSize;
        var modData = versionData + version.Length;
        var segment = new byte[modData + mod.Length];
        byte[] magic = [0xff, (byte)' ', (byte)'G', (byte)'o', (byte)' ', (byte)'b', (byte)'u', (byte)'i', (byte)'l', (byte)'d', (byte)'i', (byte)'n', (byte)'f', (byte)':'];
        magic.CopyTo(segment, 0);
        segment[14] = (byte)ptrSize;
        segment[15] = (byte)(bigEndian ? 1 : 0);
        Ptr(segment, 16, Base + (ulong)versionHeader);
        Ptr(segment, 16 + ptrSize, Base + (ulong)modHeader);
        Ptr(segment, versionHeader, Base + (ulong)versionData);
        Ptr(segment, versionHeader + ptrSize, (ulong)version.Length);
        Ptr(segment, modHeader, Base + (ulong)modData);
        Ptr(segment, modHeader + ptrSize, (ulong)mod.Length);
        version.CopyTo(segment, versionData);
        mod.CopyTo(segment, modData);

        var elf = new byte[SegmentOffset + segment.Length];
        byte[] ident = [0x7f, (byte)'E', (byte)'L', (byte)'F', (byte)(ptrSize == 8 ? 2 : 1), (byte)(bigEndian ? 2 : 1), 1];
        ident.CopyTo(elf, 0);
        if (ptrSize == 8)
        {
            U16(elf, 16, 2); U32(elf, 20, 1); U64(elf, 32, 64); U16(elf, 52, 64); U16(elf, 54, 56); U16(elf, 56, 1);
            U32(elf, 64, 1); U32(elf, 68, 6); U64(elf, 72, SegmentOffset); U64(elf, 80, Base); U64(elf, 88, Base); U64(elf, 96, (ulong)segment.Length);
            U64(elf, 104, (ulong)segment.Length);
        }
        else
        {
            U16(elf, 16, 2); U32(elf, 20, 1); U32(elf, 28, 52); U16(elf, 40, 52); U16(elf, 42, 32); U16(elf, 44, 1);
            U32(elf, 52, 1); U32(elf, 56, SegmentOffset); U32(elf, 60, (uint)Base); U32(elf, 64, (uint)Base); U32(elf, 68, (uint)segment.Length);
            U32(elf, 72, (uint)segment.Length); U32(elf, 76, 6);
        }

        segment.CopyTo(elf, SegmentOffset);
        return elf;

        void Ptr(byte[] b, int o, ulong v)
        {
            if (ptrSize == 8)
            {
                U64(b, o, v);
            }
            else
            {
                U32(b, o, (uint)v);
            }
        }

        void U16(byte[] b, int o, ushort v)
        {
            if (bigEndian) { BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(o), v); } else { BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(o), v); }
        }

        void U32(byte[] b, int o, uint v)
        {
            if (bigEndian) { BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(o), v); } else { BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(o), v); }
        }

        void U64(byte[] b, int o, ulong v)
        {
            if (bigEndian) { BinaryPrimitives.WriteUInt64BigEndian(b.AsSpan(o), v); } else { BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(o), v); }
        }
    }
}
