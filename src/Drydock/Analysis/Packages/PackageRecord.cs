namespace Drydock.Analysis.Packages;

/// <summary>One package found in a layer, with the file it was read from. Records are per layer and a pure
/// function of the layer; which ones survive in the image, and which layer introduced them, is decided after merging.</summary>
public sealed record PackageRecord
{
    /// <summary>The package type (<see cref="PackageTypes"/>), as purl types are named.</summary>
    public required string Type { get; init; }

    /// <summary>The package name as the ecosystem writes it (PEP 503 normalised for Python).</summary>
    public required string Name { get; init; }

    /// <summary>The version as the ecosystem writes it. For rpm: VERSION-RELEASE (epoch apart).</summary>
    public required string Version { get; init; }

    /// <summary>A namespace: Maven groupId, npm scope (with @), Go module path prefix, …</summary>
    public string? Namespace { get; init; }

    /// <summary>rpm epoch, when set.</summary>
    public int? Epoch { get; init; }

    /// <summary>Architecture (OS packages).</summary>
    public string? Arch { get; init; }

    /// <summary>The source package name (dpkg Source:, rpm source RPM name, apk origin).</summary>
    public string? SourceName { get; init; }

    /// <summary>The source package version, when it differs from <see cref="Version"/>.</summary>
    public string? SourceVersion { get; init; }

    /// <summary>Licences as declared (SPDX expressions where the metadata gives them).</summary>
    public List<string> Licenses { get; init; } = [];

    /// <summary>Maintainer, vendor or author.</summary>
    public string? Supplier { get; init; }

    /// <summary>The file the package was read from (a database, a manifest, an archive), normalised.</summary>
    public required string SourcePath { get; init; }

    /// <summary>For packages inside archives (nested JARs): the path inside, joined with <c>!/</c>.</summary>
    public string? InnerPath { get; init; }

    /// <summary>Files the package installed, where the metadata lists them (sorted).</summary>
    public List<string> InstalledFiles { get; init; } = [];

    /// <summary>Digests of installed files where the package database records them (rpm file digests, apk
    /// <c>Z:</c> checksums), keyed by path as in <see cref="InstalledFiles"/>, valued <c>ALGORITHM:hex</c>
    /// (<see cref="FileDigest"/>); null when none is known.</summary>
    public SortedDictionary<string, string>? FileDigests { get; init; }

    /// <summary>Ecosystem-specific facts: integrity, SHA-1, commit, modularity label, Go toolchain, … (sorted keys).</summary>
    public SortedDictionary<string, string> Metadata { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Names (or name@version) of the packages this one depends on, where known.</summary>
    public List<string> DependsOn { get; init; } = [];
}
