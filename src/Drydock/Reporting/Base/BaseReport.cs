namespace Drydock.Reporting.Base;

/// <summary>The report's <c>base</c> section: the hardened base the image is built on, and what its annotations claim.</summary>
public sealed record BaseReport
{
    /// <summary>How the base was found: <c>layers</c> (a catalog base's diff-ID chain is a prefix of the image's) or
    /// <c>annotation</c> (only the image's annotations name one; no catalog base matches its layers).</summary>
    public required string DetectedBy { get; init; }

    /// <summary><c>repository:tag</c> of the catalog base, else the annotated name.</summary>
    public string? Name { get; init; }

    /// <summary>The catalog base's repository (<c>registry/path</c>).</summary>
    public string? Repository { get; init; }

    /// <summary>The catalog base's platform manifest digest, else the annotated digest.</summary>
    public string? Digest { get; init; }

    /// <summary>The index the catalog base's manifest belongs to, for multi-platform bases.</summary>
    public string? IndexDigest { get; init; }

    /// <summary>The catalog base's tags.</summary>
    public List<string> Tags { get; init; } = [];

    /// <summary>How many of the image's lowest layers come from the base (0 when detected by annotation only).</summary>
    public int Layers { get; init; }

    /// <summary>The image's <c>org.opencontainers.image.base.*</c> annotations, when it has them.</summary>
    public BaseAnnotationReport? Annotation { get; init; }

    /// <summary>Findings from the base's layers left out of the report by <c>--ignore-base</c>.</summary>
    public int HiddenFindings { get; init; }
}

/// <summary>The image's base annotations and whether its layers bear them out.</summary>
/// <param name="Name">org.opencontainers.image.base.name.</param>
/// <param name="Digest">org.opencontainers.image.base.digest.</param>
/// <param name="Source"><c>manifest</c> annotations or <c>config</c> labels.</param>
/// <param name="Trusted">True only when the annotated base is in the catalog and its layers are the image's lowest layers.</param>
/// <param name="Note">Why the annotation is not trusted.</param>
public sealed record BaseAnnotationReport(string? Name, string? Digest, string Source, bool Trusted, string? Note);
