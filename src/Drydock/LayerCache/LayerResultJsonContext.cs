using System.Text.Json.Serialization;
using Drydock.Analysis;

namespace Drydock.LayerCache;

/// <summary>Source-generated JSON for cached layer results.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(FileRecordArrayConverter)])]
[JsonSerializable(typeof(LayerResult))]
[JsonSerializable(typeof(LayerCacheKey.KeyDocument))]
internal sealed partial class LayerResultJsonContext : JsonSerializerContext;
