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

    /// <summary>What the headers say: <c>exe</c>, <c>dll</c>, <c>driver</c> (PE); <c>executable</c>, <c>shared-object</c> (ELF); null for scripts.</summary>
    public string? Kind { get; init; }

    /// <summary>True for a .NET (CLI) PE file.</summary>
    public bool DotNet { get; init; }

    /// <summary>The packer found (<c>upx</c>, ...), if any.</summary>
    public string? Packer { get; init; }

    /// <summary>Shannon entropy of the content in bits per byte (0-8), rounded to two decimals.</summary>
    public double? Entropy { get; init; }
}
