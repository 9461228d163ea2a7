using System.Globalization;
using Drydock.Analysis.Packages.Golang;

namespace Drydock.Analysis.Executables;

/// <summary>Reads an ELF file's kind, machine and section names (through the bounds-checked <see cref="ElfImage"/>).</summary>
internal static class ElfHeaderReader
{
    private const uint ExecutableSegment = 1; // PF_X

    /// <summary>Reads the headers of <paramref name="file"/>.</summary>
    public static HeaderFacts Read(ReadOnlySpan<byte> file)
    {
        ElfImage image;
        try
        {
            image = ElfImage.Parse(file);
        }
        catch (InvalidDataException e)
        {
            return HeaderFacts.Unreadable("ELF headers unreadable: " + e.Message);
        }

        var kind = image.Type switch
        {
            1 => "relocatable",
            2 => "executable",
            3 => image.HasInterpreter ? "executable" : "shared-object", // a PIE has a loader; a library does not
            4 => "core",
            _ => null,
        };
        return new HeaderFacts(kind, MachineName(image.Machine))
        {
            SectionNames = [.. image.Sections.Select(s => s.Name)],
            CodeRanges = image.Sections.Count > 0
                ? [.. image.Sections.Where(s => s.Executable && !s.NoBits).Select(s => ((long)s.Offset, (long)s.Size))]
                : [.. image.Segments.Where(s => (s.Flags & ExecutableSegment) != 0).Select(s => ((long)s.Offset, (long)s.FileSize))],
            Problem = kind is null ? $"unknown ELF type {image.Type}"
                : image.HeadersFit ? null : "ELF program or section headers lie outside the file (truncated)",
        };
    }

    private static string MachineName(ushort machine) => machine switch
    {
        62 => "x86-64",
        3 => "i386",
        183 => "arm64",
        40 => "arm",
        8 => "mips",
        20 => "ppc",
        21 => "ppc64",
        22 => "s390",
        243 => "riscv",
        _ => "0x" + machine.ToString("x4", CultureInfo.InvariantCulture),
    };
}
