namespace Drydock.Analysis.Content;

/// <summary>An executable file of a layer with its hash and what its headers say; kept so that hash lists
/// (known-bad hashes, <c>--ioc-file</c>) are checked without reading the layer again.</summary>
public sealed record ExecutableRecord
{
    /// <summary>The file's normalised path (no leading slash).</summary>
    public required string Path { get; init; }

    /// <summary>SHA-256 of the content, lower-case hex.</summary>
    public required string Sha256 { get; init; }

    public required ExecutableFormat Format { get; init; }

    public long Size { get; init; }

    /// <summary>What the headers say: <c>exe</c>, <c>dll</c>, <c>driver</c>, <c>efi</c> (PE); <c>executable</c>,
    /// <c>shared-object</c>, <c>relocatable</c>, <c>core</c> (ELF); <c>executable</c>, <c>shared-object</c>, <c>bundle</c>,
    /// <c>relocatable</c> (Mach-O); null when the headers could not be read.</summary>
    public string? Kind { get; init; }

    /// <summary>The machine the code is for: <c>x86-64</c>, <c>i386</c>, <c>arm64</c>, <c>arm</c>, ... (hex for others).</summary>
    public string? Architecture { get; init; }

    /// <summary>True for a .NET (CLI) PE file.</summary>
    public bool DotNet { get; init; }

    /// <summary>The packer found (<c>upx</c>, <c>aspack</c>, ...), if any.</summary>
    public string? Packer { get; init; }

    /// <summary>Shannon entropy of the content in bits per byte (0-8), rounded to two decimals; PE and Mach-O files only
    /// (for ELF files <see cref="CodeEntropy"/> is what counts, and measuring every byte would cost a Linux image's scan).</summary>
    public double? Entropy { get; init; }

    /// <summary>Shannon entropy of the machine-code sections alone (executable sections; executable segments when an ELF
    /// file has no section table), rounded to two decimals; null when there are none. Compressed data tables and
    /// resources raise the whole file's entropy in ordinary files; packed code raises this one.</summary>
    public double? CodeEntropy { get; init; }

    /// <summary>Imported functions (PE imports, delay-load imports and .NET P/Invoke targets) from the watched list of
    /// process-injection and credential-access APIs, sorted; null when none.</summary>
    public List<string>? SuspiciousImports { get; init; }

    /// <summary>What the packer was recognised by (section names, marker offsets); null when not packed.</summary>
    public List<FindingEvidence>? PackerEvidence { get; init; }
}
