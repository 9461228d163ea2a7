using System.Globalization;
using System.Text.Json;

namespace Drydock.Advisories.Builders;

/// <summary>Tolerant accessors over <see cref="JsonElement"/>: a missing or wrongly typed field reads as absent.</summary>
internal static class JsonFields
{
    /// <summary>The property when <paramref name="element"/> is an object that has it.</summary>
    public static JsonElement? Get(this JsonElement element, string name)
        => element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    /// <summary>A string property; numbers and booleans are read as their JSON text.</summary>
    public static string? GetText(this JsonElement element, string name) => element.Get(name) is { } value ? Text(value) : null;

    /// <summary>A scalar's text: strings as they are, numbers and booleans as JSON writes them; null for anything else.</summary>
    public static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        _ => null,
    };

    /// <summary>The items of an array property (none when absent or not an array).</summary>
    public static IEnumerable<JsonElement> Items(this JsonElement element, string name)
        => element.Get(name) is { ValueKind: JsonValueKind.Array } array ? array.EnumerateArray() : [];

    /// <summary>The string items of an array property.</summary>
    public static List<string> Strings(this JsonElement element, string name)
    {
        var list = new List<string>();
        foreach (var item in element.Items(name))
        {
            if (Text(item) is { Length: > 0 } text)
            {
                list.Add(text);
            }
        }

        return list;
    }

    /// <summary>A timestamp property; null when absent, unparsable, or the zero time some sources write for "unknown".</summary>
    public static DateTimeOffset? GetTime(this JsonElement element, string name)
        => element.GetText(name) is { } text
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            && time.Year > 1
            ? time
            : null;
}
