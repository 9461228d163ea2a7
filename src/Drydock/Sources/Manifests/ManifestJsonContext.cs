using System.Text.Json.Serialization;

namespace Drydock.Sources.Manifests;

/// <summary>Source-generated JSON metadata for every document read from an image source.</summary>
[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = false, ReadCommentHandling = System.Text.Json.JsonCommentHandling.Disallow, MaxDepth = 64)]
[JsonSerializable(typeof(ImageManifest))]
[JsonSerializable(typeof(ImageIndex))]
[JsonSerializable(typeof(ManifestProbe))]
[JsonSerializable(typeof(ImageConfigFile))]
[JsonSerializable(typeof(List<DockerArchiveManifestEntry>))]
internal sealed partial class ManifestJsonContext : JsonSerializerContext;
