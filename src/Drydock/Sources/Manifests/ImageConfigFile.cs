using System.Text.Json;
using System.Text.Json.Serialization;

namespace Drydock.Sources.Manifests;

/// <summary>The image configuration blob (OCI image config / Docker container config).</summary>
public sealed record ImageConfigFile
{
    [JsonPropertyName("architecture")] public string? Architecture { get; init; }
    [JsonPropertyName("os")] public string? Os { get; init; }
    [JsonPropertyName("os.version")] public string? OsVersion { get; init; }
    [JsonPropertyName("variant")] public string? Variant { get; init; }
    [JsonPropertyName("created")] public DateTimeOffset? Created { get; init; }
    [JsonPropertyName("author")] public string? Author { get; init; }
    [JsonPropertyName("config")] public ContainerConfig? Config { get; init; }
    [JsonPropertyName("rootfs")] public RootFsSection? RootFs { get; init; }
    [JsonPropertyName("history")] public List<HistoryEntry>? History { get; init; }
}

/// <summary>The runtime defaults of an image: what runs, as whom, with which environment.</summary>
public sealed record ContainerConfig
{
    [JsonPropertyName("User")] public string? User { get; init; }
    [JsonPropertyName("ExposedPorts")] public Dictionary<string, JsonElement>? ExposedPorts { get; init; }
    [JsonPropertyName("Env")] public List<string>? Env { get; init; }
    [JsonPropertyName("Entrypoint")] public List<string>? Entrypoint { get; init; }
    [JsonPropertyName("Cmd")] public List<string>? Cmd { get; init; }
    [JsonPropertyName("Volumes")] public Dictionary<string, JsonElement>? Volumes { get; init; }
    [JsonPropertyName("WorkingDir")] public string? WorkingDir { get; init; }
    [JsonPropertyName("Labels")] public Dictionary<string, string>? Labels { get; init; }
    [JsonPropertyName("StopSignal")] public string? StopSignal { get; init; }
    [JsonPropertyName("Healthcheck")] public JsonElement? Healthcheck { get; init; }
    [JsonPropertyName("Shell")] public List<string>? Shell { get; init; }
    [JsonPropertyName("OnBuild")] public List<string>? OnBuild { get; init; }
}

/// <summary>The <c>rootfs</c> section: the ordered diff-IDs of the uncompressed layers.</summary>
public sealed record RootFsSection
{
    [JsonPropertyName("type")] public string? Type { get; init; }
    [JsonPropertyName("diff_ids")] public List<string>? DiffIds { get; init; }
}

/// <summary>One build step in the image history.</summary>
public sealed record HistoryEntry
{
    [JsonPropertyName("created")] public DateTimeOffset? Created { get; init; }
    [JsonPropertyName("created_by")] public string? CreatedBy { get; init; }
    [JsonPropertyName("author")] public string? Author { get; init; }
    [JsonPropertyName("comment")] public string? Comment { get; init; }
    [JsonPropertyName("empty_layer")] public bool EmptyLayer { get; init; }
}
