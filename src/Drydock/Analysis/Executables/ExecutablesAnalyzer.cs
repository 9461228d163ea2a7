using System.Security.Cryptography;
using Drydock.Analysis.Census;
using Drydock.Analysis.Content;
using Drydock.Layers;

namespace Drydock.Analysis.Executables;

/// <summary>Records every ELF, PE and Mach-O file of a layer (recognised by magic bytes, whatever its name or mode) with
/// its SHA-256, kind, machine, .NET or native, the watched imports, the packer and the Shannon entropy, so that hash
/// lists and the packed-binary and windows-malware detectors work from the cached layer result.
/// Damaged headers never stop the layer: what could be read is recorded and a warning says what could not.</summary>
public sealed class ExecutablesAnalyzer : IAnalyzer, IContentFilter
{
    /// <summary>Smaller files cannot hold an executable header worth reading.</summary>
    public const int MinSize = 64;

    public string Id => "executables";

    public int Version => 1;

    public AnalyzerNeed Required(in EntryInfo entry)
        => entry.Kind == EntryKind.File && entry.Size >= MinSize ? AnalyzerNeed.Content : AnalyzerNeed.None;

    public bool WantsContent(in EntryInfo entry, ReadOnlySpan<byte> head) => IsBinary(ExecutableMagic.Classify(head));

    public void Analyze(in AnalyzerInput input, LayerResultBuilder result)
    {
        var content = input.Content;
        var format = ExecutableMagic.Classify(content);
        if (!IsBinary(format))
        {
            return;
        }

        var path = input.Entry.Path;
        var facts = format switch
        {
            ExecutableFormat.PE => PeHeaderReader.Read(content, path),
            ExecutableFormat.Elf => ElfHeaderReader.Read(content),
            _ => MachOHeaderReader.Read(content),
        };
        if (facts.Problem is { } problem)
        {
            result.Warn(new Diagnostic("executable-malformed", problem, path));
        }

        var (packer, packerEvidence) = PackerSignatures.Find(content, facts.SectionNames);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(content, hash);
        result.AddExecutable(new ExecutableRecord
        {
            Path = path,
            Sha256 = Convert.ToHexStringLower(hash),
            Format = format,
            Size = content.Length,
            Kind = facts.Kind,
            Architecture = facts.Architecture,
            DotNet = facts.DotNet,
            Packer = packer,
            Entropy = Math.Round(ShannonEntropy.Of(content), 2),
            CodeEntropy = CodeEntropy(content, facts.CodeRanges),
            SuspiciousImports = facts.SuspiciousImports,
            PackerEvidence = packerEvidence,
        });
    }

    // Ranges are clipped to the file: headers may claim more than a truncated file holds.
    private static double? CodeEntropy(ReadOnlySpan<byte> content, IReadOnlyList<(long Offset, long Length)> ranges)
    {
        var counter = new ShannonEntropy(stackalloc int[ShannonEntropy.StorageLength]);
        foreach (var (offset, length) in ranges)
        {
            if (offset >= 0 && offset < content.Length && length > 0)
            {
                counter.Add(content.Slice((int)offset, (int)Math.Min(length, content.Length - offset)));
            }
        }

        return counter.Total == 0 ? null : Math.Round(counter.Value, 2);
    }

    private static bool IsBinary(ExecutableFormat format) => format is ExecutableFormat.Elf or ExecutableFormat.PE or ExecutableFormat.MachO;
}
