using System.Text.Json.Serialization;

namespace Drydock.Policy.Output;

/// <summary>Source-generated JSON for policy decisions.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true)]
[JsonSerializable(typeof(PolicyDecision))]
internal sealed partial class PolicyJsonContext : JsonSerializerContext;
