using System.Text.Json;

namespace Drydock.Analysis.Packages;

/// <summary>Shared reading rules for language package manifests in JSON: bounded depth, lenient about comments
/// and trailing commas (hand-edited files carry them), and the licence forms npm and Composer write.</summary>
internal static class LanguageJson
{
    /// <summary>Deepest nesting accepted; deeper documents are refused as hostile.</summary>
    public const int MaxDepth = 64;

    /// <summary>Most licences kept from one manifest.</summary>
    public const int MaxLicenses = 32;

    /// <summary>Longest string value kept (names, versions, licences); longer ones are cut.</summary>
    public const int MaxValueLength = 1024;

    public static readonly JsonReaderOptions ReaderOptions = new()
    {
        MaxDepth = MaxDepth,
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static readonly JsonDocumentOptions DocumentOptions = new()
    {
        MaxDepth = MaxDepth,
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>Reads the string at the reader's position, cut to <see cref="MaxValueLength"/>; null (and skipped) for other values.</summary>
    public static string? ReadString(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            reader.Skip();
            return null;
        }

        var value = reader.GetString();
        return value is { Length: > MaxValueLength } ? value[..MaxValueLength] : value;
    }

    /// <summary>Reads a licence value: a string, an object <c>{"type": ...}</c>, or an array of either
    /// (the legacy <c>licenses</c> form). Other tokens are skipped.</summary>
    public static void ReadLicenses(ref Utf8JsonReader reader, List<string> into)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                Add(into, ReadString(ref reader));
                break;
            case JsonTokenType.StartObject:
                Add(into, ReadLicenseObject(ref reader));
                break;
            case JsonTokenType.StartArray:
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (reader.TokenType == JsonTokenType.String)
                    {
                        Add(into, ReadString(ref reader));
                    }
                    else if (reader.TokenType == JsonTokenType.StartObject)
                    {
                        Add(into, ReadLicenseObject(ref reader));
                    }
                    else
                    {
                        reader.Skip();
                    }
                }

                break;
            default:
                reader.Skip();
                break;
        }
    }

    /// <summary>The same licence forms from a parsed element.</summary>
    public static void ReadLicenses(JsonElement element, List<string> into)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                Add(into, Cut(element.GetString()));
                break;
            case JsonValueKind.Object:
                Add(into, element.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String ? Cut(type.GetString()) : null);
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    if (item.ValueKind is JsonValueKind.String or JsonValueKind.Object)
                    {
                        ReadLicenses(item, into);
                    }
                }

                break;
        }
    }

    /// <summary>The string property <paramref name="name"/> of an object element, cut; null when absent or not a string.</summary>
    public static string? GetString(JsonElement element, string name)
        => element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? Cut(value.GetString())
            : null;

    /// <summary>The property names of an object-valued property, sorted and distinct (dependency names).</summary>
    public static List<string> GetKeys(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.Object)
        {
            return [];
        }

        return [.. value.EnumerateObject().Select(p => Cut(p.Name)!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    private static string? ReadLicenseObject(ref Utf8JsonReader reader)
    {
        string? type = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var isType = reader.ValueTextEquals("type"u8);
            reader.Read();
            if (isType && reader.TokenType == JsonTokenType.String)
            {
                type = ReadString(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }

        return type;
    }

    private static string? Cut(string? value) => value is { Length: > MaxValueLength } ? value[..MaxValueLength] : value;

    private static void Add(List<string> into, string? license)
    {
        license = license?.Trim();
        if (!string.IsNullOrEmpty(license) && into.Count < MaxLicenses && !into.Contains(license, StringComparer.Ordinal))
        {
            into.Add(license);
        }
    }
}
