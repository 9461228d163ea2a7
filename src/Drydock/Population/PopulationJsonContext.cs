using System.Text.Json.Serialization;

namespace Drydock.Population;

/// <summary>Source-generated JSON for <see cref="PopulationStats"/> (the <c>drydock stats --format json</c> document).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true)]
[JsonSerializable(typeof(PopulationStats))]
public sealed partial class PopulationJsonContext : JsonSerializerContext;
