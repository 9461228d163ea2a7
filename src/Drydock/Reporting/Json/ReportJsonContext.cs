using System.Text.Json.Serialization;

namespace Drydock.Reporting.Json;

/// <summary>Source-generated JSON for reports.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true)]
[JsonSerializable(typeof(ScanReport))]
internal sealed partial class ReportJsonContext : JsonSerializerContext;
