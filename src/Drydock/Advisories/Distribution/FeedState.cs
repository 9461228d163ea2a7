using System.Text.Json;
using System.Text.Json.Serialization;

namespace Drydock.Advisories.Distribution;

/// <summary>What the last <c>db update</c> knew about each feed (validators for conditional requests and the content hash),
/// and which feed copies the database was last built from. Kept as JSON beside the database.</summary>
public sealed record FeedStateFile
{
    /// <summary>Per feed URL.</summary>
    [JsonPropertyName("feeds")] public SortedDictionary<string, FeedStateEntry> Feeds { get; init; } = new(StringComparer.Ordinal);

    /// <summary>The feed copies (URL → sha256) the current database was built from.</summary>
    [JsonPropertyName("builtFrom")] public SortedDictionary<string, string> BuiltFrom { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Reads <paramref name="path"/>; a missing or unreadable file is an empty state (every feed is fetched again).</summary>
    public static FeedStateFile Load(string path)
    {
        if (!File.Exists(path))
        {
            return new FeedStateFile();
        }

        try
        {
            return JsonSerializer.Deserialize(File.ReadAllBytes(path), DistributionJsonContext.Default.FeedStateFile) ?? new FeedStateFile();
        }
        catch (JsonException)
        {
            // A damaged state only costs unconditional downloads; the feeds themselves are re-verified by hash.
            return new FeedStateFile();
        }
    }

    /// <summary>Writes the state atomically (temporary file, then rename).</summary>
    public void Save(string path)
    {
        var temp = $"{path}.tmp-{Guid.NewGuid():N}";
        File.WriteAllBytes(temp, JsonSerializer.SerializeToUtf8Bytes(this, DistributionJsonContext.Default.FeedStateFile));
        File.Move(temp, path, overwrite: true);
    }
}

/// <summary>One feed's validators and content hash.</summary>
public sealed record FeedStateEntry
{
    /// <summary>The ETag the server sent with the copy we hold.</summary>
    [JsonPropertyName("etag")] public string? ETag { get; init; }

    /// <summary>The Last-Modified date the server sent, as sent.</summary>
    [JsonPropertyName("lastModified")] public string? LastModified { get; init; }

    /// <summary>The sha256 of the downloaded file.</summary>
    [JsonPropertyName("sha256")] public string Sha256 { get; init; } = "";

    /// <summary>When the copy was downloaded.</summary>
    [JsonPropertyName("fetchedAt")] public DateTimeOffset FetchedAt { get; init; }
}
