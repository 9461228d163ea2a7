using System.Text;
using System.Text.Json;
using Drydock.Advisories.Builders.Yaml;

namespace Drydock.Advisories.Distribution;

/// <summary>Reads a <c>--source-config</c> file: a JSON or YAML list of feed URLs, either bare or under a <c>feeds</c> key,
/// each entry a URL string or an object with a <c>url</c>. It replaces the default feeds (an air-gapped mirror lists its own).</summary>
public static class FeedSourceConfig
{
    /// <summary>Largest configuration file accepted.</summary>
    public const int MaxBytes = 1024 * 1024;

    /// <summary>The feeds listed in <paramref name="path"/>.</summary>
    public static IReadOnlyList<FeedSource> Load(string path)
    {
        var file = new FileInfo(path);
        if (!file.Exists)
        {
            throw new DrydockInputException($"feed configuration {path} does not exist");
        }

        if (file.Length > MaxBytes)
        {
            throw new HostileInputException($"feed configuration {path} is larger than {MaxBytes} bytes");
        }

        var text = File.ReadAllText(path, Encoding.UTF8);
        return Parse(text, path);
    }

    /// <summary>The feeds listed in <paramref name="text"/>; <paramref name="what"/> names it in messages.</summary>
    public static IReadOnlyList<FeedSource> Parse(string text, string what)
    {
        byte[] json;
        var trimmed = text.TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        try
        {
            json = trimmed.StartsWith('[') || trimmed.StartsWith('{') ? Encoding.UTF8.GetBytes(trimmed) : YamlToJson.Convert(text);
        }
        catch (InvalidDataException e)
        {
            throw new DrydockInputException($"feed configuration {what}: {e.Message}", e);
        }

        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 16 });
            var list = document.RootElement;
            if (list.ValueKind == JsonValueKind.Object && list.TryGetProperty("feeds", out var feeds))
            {
                list = feeds;
            }

            if (list.ValueKind != JsonValueKind.Array)
            {
                throw new DrydockInputException($"feed configuration {what}: expected a list of URLs (or an object with a 'feeds' list)");
            }

            var result = new List<FeedSource>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var entry in list.EnumerateArray())
            {
                var url = entry.ValueKind switch
                {
                    JsonValueKind.String => entry.GetString(),
                    JsonValueKind.Object when entry.TryGetProperty("url", out var u) && u.ValueKind == JsonValueKind.String => u.GetString(),
                    _ => null,
                } ?? throw new DrydockInputException($"feed configuration {what}: every entry must be a URL or an object with a 'url'");
                var feed = new FeedSource(url.Trim());
                if (seen.Add(feed.Url.AbsoluteUri))
                {
                    result.Add(feed);
                }
            }

            return result.Count > 0 ? result : throw new DrydockInputException($"feed configuration {what} lists no feeds");
        }
        catch (JsonException e)
        {
            throw new DrydockInputException($"feed configuration {what} is not valid JSON ({e.Message.Split('.')[0]})", e);
        }
    }
}
