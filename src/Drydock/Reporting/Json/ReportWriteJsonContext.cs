using System.Text.Json.Serialization;

namespace Drydock.Reporting.Json;

/// <summary>Source-generated JSON for writing reports: serialization only, so the generated writers run without the
/// property metadata that <see cref="ReportJsonContext"/> (which also reads reports) builds on first use, a fixed cost
/// of every scan. Same layout as <see cref="ReportJsonContext"/>.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true,
    GenerationMode = JsonSourceGenerationMode.Serialization)]
[JsonSerializable(typeof(ScanReport))]
internal sealed partial class ReportWriteJsonContext : JsonSerializerContext;
