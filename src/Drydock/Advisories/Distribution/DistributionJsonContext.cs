using System.Text.Json.Serialization;
using Drydock.Sources.Manifests;

namespace Drydock.Advisories.Distribution;

/// <summary>Source-generated JSON for the documents of advisory database distribution: manifests written, the artifact config,
/// and the feed state file.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, MaxDepth = 32)]
[JsonSerializable(typeof(ImageManifest))]
[JsonSerializable(typeof(AdvisoryArtifactConfig))]
[JsonSerializable(typeof(FeedStateFile))]
internal sealed partial class DistributionJsonContext : JsonSerializerContext;
