using System.Text.Json.Serialization;

namespace Drydock.Crawl.Rescan;

/// <summary>Source-generated JSON for the rescan's output and its webhook documents.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true)]
[JsonSerializable(typeof(RescanRun))]
[JsonSerializable(typeof(ImageRescan))]
public sealed partial class RescanJsonContext : JsonSerializerContext;
