using Drydock.Analysis.Census;

namespace Drydock.Reporting;

/// <summary>The JSON report of one scan (documented in docs/report-schema.md). Sections later issues fill are present and empty.</summary>
public sealed record ScanReport
{
    /// <summary>The report schema version; bumped on incompatible changes.</summary>
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;
    public required GeneratorInfo Generator { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required ArtifactReport Artifact { get; init; }
    public required CensusReport Census { get; init; }
    public List<PackageReport> Packages { get; init; } = [];

    /// <summary>Packages a layer installed and a later layer removed: hidden from the running image, not from us.</summary>
    public List<RemovedPackageReport> RemovedPackages { get; init; } = [];
    /// <summary>Vulnerability findings (filtered as the user asked), worst first.</summary>
    public List<Vulnerabilities.VulnerabilityReport> Vulnerabilities { get; init; } = [];

    /// <summary>Findings an ignore file or a VEX statement suppressed, with the reason.</summary>
    public List<Vulnerabilities.VulnerabilityReport> SuppressedVulnerabilities { get; init; } = [];
    /// <summary>The scanners that ran (<c>vuln</c>, <c>malware</c>, <c>secret</c>, <c>misconfig</c>).</summary>
    public List<string> Scanners { get; init; } = [];

    /// <summary>The image-level malicious-content verdict; absent when the malware scanner did not run.</summary>
    public Detection.Malware.MalwareVerdict? Verdict { get; init; }

    /// <summary>Malicious-content findings, most certain first (files a later layer deleted included).</summary>
    public List<Detection.Malware.MalwareFinding> Malware { get; init; } = [];

    /// <summary>Counts of the final image's executables by format, kind and packer; absent when the malware scanner did not run.</summary>
    public Malware.ExecutableSummary? Executables { get; init; }
    /// <summary>Secrets in files (deleted ones included) and in the image configuration, most severe first; always masked.</summary>
    public List<Detection.Secrets.ImageSecretFinding> Secrets { get; init; } = [];

    /// <summary>Failed image configuration checks, most severe first.</summary>
    public List<Detection.Misconfigurations.MisconfigurationFinding> Misconfigurations { get; init; } = [];

    /// <summary>The hardened base the image is built on (catalog match by layers, and its annotations); absent when neither says.</summary>
    public Base.BaseReport? Base { get; init; }

    /// <summary>What the image did when run in the sandbox (<c>scan --sandbox</c>); null when it was not run.</summary>
    public Sandbox.Behaviour.BehaviourReport? Behaviour { get; init; }
    public List<Diagnostic> Warnings { get; init; } = [];
    public required StatisticsReport Statistics { get; init; }
}

/// <summary>The program that wrote the report.</summary>
public sealed record GeneratorInfo(string Name, string Version);

/// <summary>The scanned image.</summary>
public sealed record ArtifactReport
{
    public required string Name { get; init; }
    public required string Transport { get; init; }
    public string? Digest { get; init; }
    public string? ConfigDigest { get; init; }
    public string? MediaType { get; init; }
    public required string Platform { get; init; }
    public OsReport? Os { get; init; }
    public List<LayerReport> Layers { get; init; } = [];
    public required ImageConfigReport Config { get; init; }
    public Dictionary<string, string> Annotations { get; init; } = [];
}

/// <summary>The detected operating system.</summary>
public sealed record OsReport(string Family, string Version, string? Name, string Source);

/// <summary>One layer with its per-layer census.</summary>
public sealed record LayerReport
{
    public int Index { get; init; }
    public string? Digest { get; init; }
    public string? DiffId { get; init; }
    public long Size { get; init; }
    public long UncompressedSize { get; init; }
    public required string MediaType { get; init; }
    public required string Compression { get; init; }
    public string? CreatedBy { get; init; }
    public bool Cached { get; init; }
    public int Entries { get; init; }
    public int Whiteouts { get; init; }
    public int OpaqueDirectories { get; init; }
    public required CensusSummary Census { get; init; }
}

/// <summary>The runtime configuration of the image.</summary>
public sealed record ImageConfigReport
{
    public List<string>? Entrypoint { get; init; }
    public List<string>? Cmd { get; init; }
    public List<string>? Env { get; init; }
    public string? User { get; init; }
    public string? WorkingDir { get; init; }
    public List<string>? ExposedPorts { get; init; }
    public List<string>? Volumes { get; init; }
    public Dictionary<string, string>? Labels { get; init; }
    public string? StopSignal { get; init; }
    public DateTimeOffset? Created { get; init; }
    public string? Author { get; init; }
    public List<HistoryReport> History { get; init; } = [];
}

/// <summary>One history step of the image config.</summary>
public sealed record HistoryReport(DateTimeOffset? Created, string? CreatedBy, string? Comment, bool EmptyLayer);

/// <summary>The merged-image census plus the files later layers deleted.</summary>
public sealed record CensusReport
{
    public required CensusSummary Summary { get; init; }

    /// <summary>How many files later layers deleted (the list below may be capped).</summary>
    public int DeletedCount { get; init; }

    /// <summary>Files present in some layer but deleted by a later one (capped at <see cref="MaxDeletedListed"/>).</summary>
    public List<DeletedFileReport> Deleted { get; init; } = [];

    /// <summary>The cap on the deleted-file list.</summary>
    public const int MaxDeletedListed = 1000;
}

/// <summary>A file deleted by a later layer.</summary>
public sealed record DeletedFileReport(string Path, string Kind, long Size, string AddedIn, string DeletedIn);

/// <summary>Scan measurements.</summary>
public sealed record StatisticsReport(int LayersAnalysed, int LayersFromCache, long BytesRead, long DurationMs);

/// <summary>One package of the image.</summary>
public sealed record PackageReport
{
    public required string Type { get; init; }
    public string? Namespace { get; init; }
    public required string Name { get; init; }
    public required string Version { get; init; }
    public int? Epoch { get; init; }
    public string? Arch { get; init; }
    public required string Purl { get; init; }
    public string? SourceName { get; init; }
    public string? SourceVersion { get; init; }
    public List<string> Licenses { get; init; } = [];
    public string? Supplier { get; init; }

    /// <summary>Where the package was found: the database or manifest, with <c>!/</c> into nested archives.</summary>
    public required string Path { get; init; }

    /// <summary>The diff-ID of the layer that introduced this package version.</summary>
    public required string Layer { get; init; }

    /// <summary>True when <see cref="Layer"/> belongs to the detected hardened base (see the report's <c>base</c>).</summary>
    public bool FromBase { get; init; }

    public List<string> DependsOn { get; init; } = [];
    public SortedDictionary<string, string>? Metadata { get; init; }
    public List<string>? InstalledFiles { get; init; }

    /// <summary>Digests of installed files (<c>/path</c> → <c>ALGORITHM:hex</c>) where the package database records
    /// them; for the SBOMs, left out of the JSON report.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public SortedDictionary<string, string>? FileDigests { get; init; }
}

/// <summary>A package removed by a later layer.</summary>
public sealed record RemovedPackageReport(string Type, string? Namespace, string Name, string Version, string Purl, string Path, string AddedIn, string RemovedIn);
