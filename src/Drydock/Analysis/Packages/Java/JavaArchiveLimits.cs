namespace Drydock.Analysis.Packages.Java;

/// <summary>Bounds on reading one top-level Java archive and everything nested in it. Defaults fit real archives
/// (Spring Boot fat jars, application-server EARs) and stop zip bombs, quines and deep nesting.</summary>
public sealed record JavaArchiveLimits
{
    /// <summary>How deep archives may nest inside the top-level one (the top level is depth 0).</summary>
    public int MaxDepth { get; init; } = 16;

    /// <summary>The largest nested archive read into memory.</summary>
    public long MaxNestedArchiveBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>All bytes inflated while reading one top-level archive, nested ones included.</summary>
    public long MaxTotalInflatedBytes { get; init; } = 384L * 1024 * 1024;

    /// <summary>Central-directory entries per archive.</summary>
    public int MaxEntries { get; init; } = 200_000;

    /// <summary>The largest pom.properties, MANIFEST.MF or pom.xml read.</summary>
    public int MaxMetadataBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>The defaults.</summary>
    public static JavaArchiveLimits Default { get; } = new();
}
