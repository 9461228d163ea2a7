using System.Text.Json.Serialization;

namespace Drydock.Advisories;

/// <summary>Source-generated JSON for the detail blobs the advisory database stores per row.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(AdvisoryRecord))]
[JsonSerializable(typeof(AffectedPackage))]
internal sealed partial class AdvisoryJsonContext : JsonSerializerContext;
