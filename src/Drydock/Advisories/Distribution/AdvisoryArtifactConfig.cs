using System.Text.Json.Serialization;

namespace Drydock.Advisories.Distribution;

/// <summary>The config blob of a pushed advisory database: what it holds, for a reader that looks before pulling.</summary>
public sealed record AdvisoryArtifactConfig
{
    /// <summary>The database schema version.</summary>
    [JsonPropertyName("schemaVersion")] public int SchemaVersion { get; init; }

    /// <summary>When the database was built.</summary>
    [JsonPropertyName("builtAt")] public DateTimeOffset BuiltAt { get; init; }

    /// <summary>The digest of the whole database file.</summary>
    [JsonPropertyName("databaseDigest")] public string DatabaseDigest { get; init; } = "";

    /// <summary>The database file's size in bytes.</summary>
    [JsonPropertyName("databaseSize")] public long DatabaseSize { get; init; }

    /// <summary>The uncompressed chunk size the file was cut into.</summary>
    [JsonPropertyName("chunkSize")] public long ChunkSize { get; init; }

    /// <summary>Advisory records per source.</summary>
    [JsonPropertyName("advisories")] public SortedDictionary<string, long> Advisories { get; init; } = [];

    /// <summary>KEV entries.</summary>
    [JsonPropertyName("kev")] public long Kev { get; init; }

    /// <summary>EPSS scores.</summary>
    [JsonPropertyName("epss")] public long Epss { get; init; }
}
