using Drydock.Analysis.Census;
using Drydock.Analysis.Content;
using Drydock.Layers;

namespace Drydock.Analysis.Executables;

/// <summary>Records every ELF, PE and Mach-O file of a layer (recognised by magic bytes, whatever its name or mode) with
/// its SHA-256, kind, machine, .NET or native, the watched imports, the packer and the Shannon entropy, so that hash
/// lists and the packed-binary and windows-malware detectors work from the cached layer result.
/// Damaged headers never stop the layer: what could be read is recorded and a warning says what could not.</summary>
public sealed class ExecutablesAnalyzer : IAnalyzer, IContentFilter, IDigestConsumer
{
    /// <summary>Smaller files cannot hold an executable header worth reading.</summary>
    public const int MinSize = 64;

    public string Id => "executables";

    public int Version => 2;

    public AnalyzerNeed Required(in EntryInfo entry)
        => entry.Kind == EntryKind.File && entry.Size >= MinSize ? AnalyzerNeed.Content : AnalyzerNeed.None;

    public bool WantsContent(in EntryInfo entry, ReadOnlySpan<byte> head) => IsBinary(ExecutableMagic.Classify(head));

    public bool HashesContent(in EntryInfo entry, ReadOnlySpan<byte> head) => IsBinary(ExecutableMagic.Classify(head));

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
        var (entropy, codeEntropy) = Entropies(content, facts.CodeRanges, whole: format != ExecutableFormat.Elf);
        result.AddExecutable(new ExecutableRecord
        {
            Path = path,
            Sha256 = input.Sha256Hex(),
            Format = format,
            Size = content.Length,
            Kind = facts.Kind,
            Architecture = facts.Architecture,
            DotNet = facts.DotNet,
            Packer = packer,
            Entropy = entropy is { } w ? Math.Round(w, 2) : null,
            CodeEntropy = codeEntropy is { } c ? Math.Round(c, 2) : null,
            SuspiciousImports = facts.SuspiciousImports,
            PackerEvidence = packerEvidence,
        });
    }

    // One pass over the file: code ranges into one histogram, the bytes between them into another; the whole
    // file's entropy combines both. Ranges are clipped to the file (headers may claim more than a truncated file
    // holds) and overlaps counted once. ELF files skip the bytes between (no detector uses their whole entropy, and
    // they are most of the bytes a Linux image's executables hold), and sample their large code sections (ShannonEntropy.AddSampled).
    private static (double? Whole, double? Code) Entropies(ReadOnlySpan<byte> content, IReadOnlyList<(long Offset, long Length)> ranges, bool whole)
    {
        var code = new ShannonEntropy(stackalloc int[ShannonEntropy.StorageLength]);
        var rest = new ShannonEntropy(stackalloc int[ShannonEntropy.StorageLength]);
        var at = 0L;
        var size = content.Length;
        foreach (var (offset, length) in ranges.Where(r => r.Offset >= 0 && r.Length > 0 && r.Offset < size).OrderBy(r => r.Offset))
        {
            var start = Math.Max(offset, at);
            var end = length >= content.Length - offset ? content.Length : offset + length;
            if (start >= end)
            {
                continue;
            }

            if (whole)
            {
                rest.Add(content[(int)at..(int)start]);
            }

            if (whole)
            {
                code.Add(content[(int)start..(int)end]);
            }
            else
            {
                code.AddSampled(content[(int)start..(int)end]);
            }
            at = end;
        }

        if (whole)
        {
            rest.Add(content[(int)at..]);
        }

        return (whole ? code.CombinedWith(rest) : null, code.Total == 0 ? null : code.Value);
    }

    private static bool IsBinary(ExecutableFormat format) => format is ExecutableFormat.Elf or ExecutableFormat.PE or ExecutableFormat.MachO;
}
