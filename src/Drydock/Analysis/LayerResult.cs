using Drydock.Analysis.Content;
using Drydock.Analysis.Os;
using Drydock.Analysis.Packages;

namespace Drydock.Analysis;

/// <summary>Everything analysing one layer produced: a pure function of the layer's diff-ID and the analyzer
/// versions, sorted, so it can be cached and shared between images.</summary>
public sealed record LayerResult
{
    /// <summary>Bumped when the shape of this record or its stored form changes; part of the cache key. 6: stored as zstd, not
    /// Brotli (a new key, so builds of both kinds can share one cache without overwriting each other's entries).</summary>
    public const int CurrentSchemaVersion = 6;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    /// <summary>The computed diff-ID of the layer.</summary>
    public required string DiffId { get; init; }

    /// <summary>The compression found by magic bytes.</summary>
    public required string Compression { get; init; }

    /// <summary>Size of the uncompressed tar.</summary>
    public long UncompressedSize { get; init; }

    /// <summary>Tar entries read.</summary>
    public int EntryCount { get; init; }

    /// <summary>Every non-whiteout entry, sorted by path (the census).</summary>
    public List<FileRecord> Files { get; init; } = [];

    /// <summary>Paths this layer deletes from lower layers (<c>.wh.</c> markers), sorted.</summary>
    public List<string> Whiteouts { get; init; } = [];

    /// <summary>Directories whose lower-layer content this layer hides (<c>.wh..wh..opq</c>), sorted.</summary>
    public List<string> OpaqueDirectories { get; init; } = [];

    /// <summary>Release files for OS identification, sorted by path.</summary>
    public List<OsReleaseFile> OsReleaseFiles { get; init; } = [];

    /// <summary>Packages found in this layer's files, sorted by source path then name and version.</summary>
    public List<PackageRecord> Packages { get; init; } = [];

    /// <summary>Package facts read from other files (installed-file lists, copyright licences), sorted.</summary>
    public List<PackageEvidence> PackageEvidence { get; init; } = [];

    /// <summary>Malicious-content rule matches, sorted by path then rule.</summary>
    public List<ContentFinding> ContentFindings { get; init; } = [];

    /// <summary>Executables with their hashes and header facts, sorted by path.</summary>
    public List<ExecutableRecord> Executables { get; init; } = [];

    /// <summary>Secrets found in files, sorted by path, line and rule.</summary>
    public List<SecretFinding> Secrets { get; init; } = [];

    /// <summary>Files whose content an analyzer asked for but that were over the analysed-file limit.</summary>
    public int SkippedLargeFiles { get; init; }

    /// <summary>Warnings raised while reading and analysing the layer.</summary>
    public List<Diagnostic> Warnings { get; init; } = [];
}
