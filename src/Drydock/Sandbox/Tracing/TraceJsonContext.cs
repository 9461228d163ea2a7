using System.Text.Json.Serialization;

namespace Drydock.Sandbox.Tracing;

/// <summary>Source-generated JSON for <see cref="TraceSummary"/> (camelCase, nulls left out).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true)]
[JsonSerializable(typeof(TraceSummary))]
public sealed partial class TraceJsonContext : JsonSerializerContext;
