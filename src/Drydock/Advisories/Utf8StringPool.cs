namespace Drydock.Advisories;

/// <summary>One string per distinct UTF-8 text: words that repeat from row to row (sources, ecosystems, package names) are
/// decoded on the stack and looked up, and allocated only the first time. Not thread-safe; one per query.</summary>
internal sealed class Utf8StringPool
{
    private const int StackChars = 256;

    private readonly HashSet<string> _strings = new(StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    /// <summary>An empty pool.</summary>
    public Utf8StringPool() => _lookup = _strings.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The string <paramref name="utf8"/> spells, the same instance each time.</summary>
    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > StackChars)
        {
            var text = System.Text.Encoding.UTF8.GetString(utf8);
            return _strings.TryGetValue(text, out var known) ? known : Add(text);
        }

        Span<char> chars = stackalloc char[StackChars];
        var decoded = chars[..System.Text.Encoding.UTF8.GetChars(utf8, chars)];
        return _lookup.TryGetValue(decoded, out var found) ? found : Add(decoded.ToString());
    }

    private string Add(string text)
    {
        _strings.Add(text);
        return text;
    }
}
