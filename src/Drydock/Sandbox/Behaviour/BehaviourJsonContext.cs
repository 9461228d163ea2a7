using System.Text.Json.Serialization;

namespace Drydock.Sandbox.Behaviour;

/// <summary>Source-generated JSON for <c>drydock sandbox --format json</c> (the same shape as the scan report's <c>behaviour</c>).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true)]
[JsonSerializable(typeof(BehaviourReport))]
public sealed partial class BehaviourJsonContext : JsonSerializerContext;
