using System.Text.Json.Serialization;

namespace Drydock.Catalog;

/// <summary>Source-generated JSON for <c>drydock base list --format json</c>.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true)]
[JsonSerializable(typeof(List<BaseImage>))]
public sealed partial class CatalogJsonContext : JsonSerializerContext;
