using System.Text.Json.Serialization;

namespace Drydock.Catalog;

/// <summary>One hardened base image of the catalog: one platform's manifest of a repository.</summary>
public sealed record BaseImage
{
    /// <summary>The repository, <c>registry/path</c> (Docker-normalised).</summary>
    public required string Repository { get; init; }

    /// <summary>The platform manifest's digest.</summary>
    public required string ManifestDigest { get; init; }

    /// <summary>The digest of the index the manifest was found through, for multi-platform images.</summary>
    public string? IndexDigest { get; init; }

    /// <summary>os/arch[/variant].</summary>
    public required string Platform { get; init; }

    /// <summary>The layers' diff-IDs, lowest first.</summary>
    public required IReadOnlyList<string> DiffIds { get; init; }

    /// <summary>The image config's creation time.</summary>
    public DateTimeOffset? Created { get; init; }

    /// <summary>When the catalog recorded the image.</summary>
    public DateTimeOffset AddedAt { get; init; }

    /// <summary>The tags pointing at this image (or at its index), sorted.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>The OCI chain ID of the whole diff-ID chain: what base detection looks up.</summary>
    [JsonIgnore]
    public string ChainId => Catalog.ChainId.Of(DiffIds);

    /// <summary>The digest tags point at: the index for multi-platform images, else the manifest.</summary>
    [JsonIgnore]
    public string RootDigest => IndexDigest ?? ManifestDigest;

    /// <summary>A readable name: <c>repository:tag</c> with the first tag, else <c>repository@digest</c>.</summary>
    [JsonIgnore]
    public string DisplayName => Tags.Count > 0 ? $"{Repository}:{Tags[0]}" : $"{Repository}@{RootDigest}";
}
