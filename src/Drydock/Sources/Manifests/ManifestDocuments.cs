using System.Text.Json.Serialization;

namespace Drydock.Sources.Manifests;

/// <summary>An OCI image manifest or Docker schema 2 manifest.</summary>
public sealed record ImageManifest
{
    [JsonPropertyName("schemaVersion")] public int SchemaVersion { get; init; }
    [JsonPropertyName("mediaType")] public string? MediaType { get; init; }
    [JsonPropertyName("artifactType")] public string? ArtifactType { get; init; }
    [JsonPropertyName("config")] public Descriptor? Config { get; init; }
    [JsonPropertyName("layers")] public List<Descriptor>? Layers { get; init; }
    [JsonPropertyName("annotations")] public Dictionary<string, string>? Annotations { get; init; }
}

/// <summary>An OCI image index or Docker manifest list.</summary>
public sealed record ImageIndex
{
    [JsonPropertyName("schemaVersion")] public int SchemaVersion { get; init; }
    [JsonPropertyName("mediaType")] public string? MediaType { get; init; }
    [JsonPropertyName("manifests")] public List<Descriptor>? Manifests { get; init; }
    [JsonPropertyName("annotations")] public Dictionary<string, string>? Annotations { get; init; }
}

/// <summary>Just enough of any manifest-like document to tell what it is.</summary>
internal sealed record ManifestProbe
{
    [JsonPropertyName("schemaVersion")] public int SchemaVersion { get; init; }
    [JsonPropertyName("mediaType")] public string? MediaType { get; init; }
    [JsonPropertyName("manifests")] public System.Text.Json.JsonElement? Manifests { get; init; }
    [JsonPropertyName("layers")] public System.Text.Json.JsonElement? Layers { get; init; }
    [JsonPropertyName("fsLayers")] public System.Text.Json.JsonElement? FsLayers { get; init; }
}

/// <summary>One entry of a <c>docker save</c> archive's <c>manifest.json</c>.</summary>
public sealed record DockerArchiveManifestEntry
{
    [JsonPropertyName("Config")] public string? Config { get; init; }
    [JsonPropertyName("RepoTags")] public List<string>? RepoTags { get; init; }
    [JsonPropertyName("Layers")] public List<string>? Layers { get; init; }
    [JsonPropertyName("LayerSources")] public Dictionary<string, Descriptor>? LayerSources { get; init; }
}
