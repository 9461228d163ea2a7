using System.Text.Json.Serialization;

namespace Drydock.Sandbox.Network;

/// <summary>Source-generated JSON (camelCase) for <see cref="NetworkObservations"/>.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(NetworkObservations))]
public sealed partial class NetworkObservationsJsonContext : JsonSerializerContext;
