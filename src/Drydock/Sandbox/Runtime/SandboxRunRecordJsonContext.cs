using System.Text.Json.Serialization;

namespace Drydock.Sandbox.Runtime;

/// <summary>Source-generated JSON (camelCase) for <see cref="SandboxRunRecord"/>.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(SandboxRunRecord))]
public sealed partial class SandboxRunRecordJsonContext : JsonSerializerContext;
