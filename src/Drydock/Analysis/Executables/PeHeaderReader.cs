using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Drydock.Analysis.Executables;

/// <summary>Reads a PE file's headers with <see cref="PEReader"/>: kind (exe, dll, driver, efi), machine, .NET or
/// native, section names, and the watched imports (import table, delay-load table, .NET P/Invoke targets).
/// Every table read is bounded; damaged tables end the reading of that table with a problem noted, never an exception.</summary>
internal static class PeHeaderReader
{
    private const int MaxImportedModules = 1024;
    private const int MaxFunctionsPerModule = 16_384;
    private const int MaxNameLength = 256;
    private const int ImportDescriptorSize = 20;
    private const int DelayImportDescriptorSize = 32;

    /// <summary>Reads the headers of <paramref name="file"/>; a <c>.sys</c> <paramref name="path"/> marks a driver.</summary>
    public static unsafe HeaderFacts Read(ReadOnlySpan<byte> file, string path)
    {
        fixed (byte* start = file)
        {
            using var reader = new PEReader(start, file.Length);
            PEHeaders headers;
            try
            {
                headers = reader.PEHeaders;
            }
            catch (Exception e) when (e is BadImageFormatException or InvalidOperationException)
            {
                return HeaderFacts.Unreadable("PE headers unreadable: " + e.Message);
            }

            var coff = headers.CoffHeader;
            var pe = headers.PEHeader;
            var sections = headers.SectionHeaders.Select(s => SectionName(s.Name)).ToList();
            var facts = new HeaderFacts(KindOf(coff, pe, path), MachineName(coff.Machine))
            {
                DotNet = headers.CorHeader is not null,
                SectionNames = sections,
                CodeRanges = [.. headers.SectionHeaders
                    .Where(h => (h.SectionCharacteristics & (SectionCharacteristics.MemExecute | SectionCharacteristics.ContainsCode)) != 0)
                    .Select(h => ((long)h.PointerToRawData, (long)h.SizeOfRawData))],
            };
            if (pe is null)
            {
                return facts;
            }

            var found = new SortedSet<string>(StringComparer.Ordinal);
            string? problem = null;
            try
            {
                var is64 = pe.Magic == PEMagic.PE32Plus;
                ReadImports(reader, pe.ImportTableDirectory, ImportDescriptorSize, nameOffset: 12, thunkOffsets: [0, 16], is64, found);
                ReadImports(reader, pe.DelayImportTableDirectory, DelayImportDescriptorSize, nameOffset: 4, thunkOffsets: [16], is64, found);
                if (facts.DotNet && reader.HasMetadata)
                {
                    ReadPInvokes(reader.GetMetadataReader(), found);
                }
            }
            catch (Exception e) when (e is BadImageFormatException or InvalidOperationException or ArgumentOutOfRangeException)
            {
                problem = "PE import or metadata tables damaged: " + e.Message;
            }

            return facts with { SuspiciousImports = found.Count > 0 ? [.. found] : null, Problem = problem };
        }
    }

    // PEReader decodes all eight name bytes; the name ends at the first NUL (packers leave bytes after it).
    private static string SectionName(string raw) => raw.IndexOf('\0') is >= 0 and var end ? raw[..end] : raw;

    private static string KindOf(CoffHeader coff, PEHeader? pe, string path)
    {
        var subsystem = pe?.Subsystem ?? Subsystem.Unknown;
        if (subsystem is Subsystem.EfiApplication or Subsystem.EfiBootServiceDriver or Subsystem.EfiRuntimeDriver or Subsystem.EfiRom)
        {
            return "efi";
        }

        if (subsystem == Subsystem.Native || (coff.Characteristics & Characteristics.System) != 0
            || path.EndsWith(".sys", StringComparison.OrdinalIgnoreCase)
            || (pe is not null && (pe.DllCharacteristics & DllCharacteristics.WdmDriver) != 0))
        {
            return "driver";
        }

        return (coff.Characteristics & Characteristics.Dll) != 0 ? "dll" : "exe";
    }

    private static string MachineName(Machine machine) => machine switch
    {
        Machine.Amd64 => "x86-64",
        Machine.I386 => "i386",
        Machine.Arm64 => "arm64",
        Machine.Arm or Machine.ArmThumb2 or Machine.Thumb => "arm",
        Machine.IA64 => "ia64",
        _ => "0x" + ((ushort)machine).ToString("x4", System.Globalization.CultureInfo.InvariantCulture),
    };

    // Import and delay-load descriptors: a zero-terminated array; each names a module and points at a zero-terminated
    // array of thunks (by ordinal when the top bit is set, else the RVA of a hint/name entry).
    private static void ReadImports(PEReader reader, DirectoryEntry directory, int descriptorSize, int nameOffset, int[] thunkOffsets, bool is64, SortedSet<string> found)
    {
        if (directory.RelativeVirtualAddress <= 0 || directory.Size <= 0)
        {
            return;
        }

        var table = reader.GetSectionData(directory.RelativeVirtualAddress).GetReader();
        for (var module = 0; module < MaxImportedModules && table.RemainingBytes >= descriptorSize; module++)
        {
            var descriptor = table.ReadBytes(descriptorSize);
            if (!descriptor.AsSpan().ContainsAnyExcept((byte)0) || BitConverter.ToInt32(descriptor, nameOffset) == 0)
            {
                return;
            }

            foreach (var offset in thunkOffsets)
            {
                var thunks = BitConverter.ToInt32(descriptor, offset);
                if (thunks > 0 && ReadThunks(reader, thunks, is64, found))
                {
                    break; // the name table was read; the address table would repeat it
                }
            }
        }
    }

    private static bool ReadThunks(PEReader reader, int rva, bool is64, SortedSet<string> found)
    {
        var thunks = reader.GetSectionData(rva).GetReader();
        var read = false;
        var width = is64 ? 8 : 4;
        Span<char> name = stackalloc char[MaxNameLength];
        for (var i = 0; i < MaxFunctionsPerModule && thunks.RemainingBytes >= width; i++)
        {
            var thunk = is64 ? thunks.ReadUInt64() : thunks.ReadUInt32();
            if (thunk == 0)
            {
                break;
            }

            read = true;
            var byOrdinal = is64 ? (thunk & 0x8000_0000_0000_0000UL) != 0 : (thunk & 0x8000_0000UL) != 0;
            var nameRva = (long)(thunk & 0x7fff_ffffUL) + 2; // past the two-byte hint
            if (byOrdinal || nameRva > int.MaxValue)
            {
                continue;
            }

            var entry = reader.GetSectionData((int)nameRva).GetReader();
            var length = 0;
            while (length < MaxNameLength && entry.RemainingBytes > 0)
            {
                var b = entry.ReadByte();
                if (b == 0)
                {
                    break;
                }

                name[length++] = (char)b;
            }

            if (SuspiciousApis.Lookup.TryGetValue(name[..length], out var known))
            {
                found.Add(known);
            }
        }

        return read;
    }

    private static void ReadPInvokes(MetadataReader metadata, SortedSet<string> found)
    {
        foreach (var handle in metadata.MethodDefinitions)
        {
            var method = metadata.GetMethodDefinition(handle);
            if ((method.Attributes & MethodAttributes.PinvokeImpl) == 0)
            {
                continue;
            }

            var import = method.GetImport();
            var name = metadata.GetString(import.Name.IsNil ? method.Name : import.Name);
            if (SuspiciousApis.Names.Contains(name))
            {
                found.Add(name);
            }
        }
    }
}
