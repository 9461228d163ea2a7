using System.Text.Json.Serialization;

namespace Drydock.Advisories;

/// <summary>Source-generated JSON for the advisory records the advisory database stores as blobs.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(AdvisoryRecord))]
internal sealed partial class AdvisoryJsonContext : JsonSerializerContext;
