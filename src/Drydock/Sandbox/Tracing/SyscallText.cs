namespace Drydock.Sandbox.Tracing;

/// <summary>Splits strace's rendering of a call into top-level arguments, aware of strings, nesting, fd decorations
/// (<c>3&lt;TCP:[a-&gt;b]&gt;</c>) and comments.</summary>
internal static class SyscallText
{
    /// <summary>The arguments from <paramref name="start"/> up to the closer that ends the list; the index after that
    /// closer, or -1 when the text ended first (a cut line). At most <paramref name="maxArgs"/> are kept.</summary>
    public static (List<string> Arguments, int End) Split(string text, int start, int maxArgs)
    {
        var args = new List<string>();
        var depth = 0;
        var argStart = start;
        var i = start;
        while (i < text.Length)
        {
            var c = text[i];
            switch (c)
            {
                case '"':
                    i = SkipString(text, i);
                    continue;
                case '/' when i + 1 < text.Length && text[i + 1] == '*':
                    var endComment = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                    i = endComment < 0 ? text.Length : endComment + 2;
                    continue;
                case '<' when StartsDecoration(text, i):
                    i = SkipDecoration(text, i);
                    continue;
                case '(' or '[' or '{':
                    depth++;
                    break;
                case ')' or ']' or '}':
                    if (depth == 0)
                    {
                        Add(args, text, argStart, i, maxArgs);
                        return (args, i + 1);
                    }

                    depth--;
                    break;
                case ',' when depth == 0:
                    Add(args, text, argStart, i, maxArgs);
                    argStart = i + 1;
                    break;
            }

            i++;
        }

        Add(args, text, argStart, text.Length, maxArgs);
        return (args, -1);
    }

    /// <summary>The decoded string literal (<c>"..."</c>, possibly followed by <c>...</c> when strace cut it, or cut by
    /// the end of a line); null when the argument is not a literal (an address, NULL).</summary>
    public static string? DecodeString(string arg, int maxChars, out bool truncated)
    {
        truncated = false;
        var text = arg.AsSpan().Trim();
        if (text.Length > 0 && text[0] == '@')
        {
            text = text[1..];
        }

        if (text.Length == 0 || text[0] != '"')
        {
            return null;
        }

        var closed = false;
        var decoder = new CStringDecoder(maxChars);
        var i = 1;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '"')
            {
                closed = true;
                break;
            }

            i = c == '\\' ? decoder.AddEscape(text, i) : decoder.AddChar(text, i);
        }

        truncated = !closed || decoder.Overflowed || text[(i + (closed ? 1 : 0))..].StartsWith("...");
        return decoder.ToText();
    }

    /// <summary>The elements of a <c>["a", "b", ...]</c> array, at most <paramref name="maxItems"/> of at most
    /// <paramref name="maxChars"/> each; <paramref name="truncated"/> when any was cut or left out.</summary>
    public static List<string>? DecodeStringArray(string arg, int maxItems, int maxChars, out bool truncated)
    {
        truncated = false;
        var trimmed = arg.TrimStart();
        if (!trimmed.StartsWith('['))
        {
            return null;
        }

        var (items, end) = Split(trimmed, 1, maxItems + 1);
        var result = new List<string>(Math.Min(items.Count, maxItems));
        truncated = end < 0;
        foreach (var item in items)
        {
            if (item.Length == 0 && items.Count == 1)
            {
                break;
            }

            var value = DecodeString(item, maxChars, out var cut);
            if (value is null || result.Count == maxItems)
            {
                truncated = true;
                continue;
            }

            truncated |= cut;
            result.Add(value);
        }

        return result;
    }

    /// <summary>The decoration of an fd argument (<c>3&lt;/etc/passwd&gt;</c> → <c>/etc/passwd</c>), unescaped.</summary>
    public static string? Decoration(string arg)
    {
        var open = arg.IndexOf('<');
        if (open < 0 || !StartsDecoration(arg, open))
        {
            return null;
        }

        var end = SkipDecoration(arg, open);
        var inner = arg.AsSpan(open + 1, Math.Max(0, end - open - 2));
        var decoder = new CStringDecoder(4096);
        var i = 0;
        while (i < inner.Length)
        {
            i = inner[i] == '\\' ? decoder.AddEscape(inner, i) : decoder.AddChar(inner, i);
        }

        return decoder.ToText();
    }

    private static void Add(List<string> args, string text, int from, int to, int maxArgs)
    {
        if (args.Count < maxArgs)
        {
            args.Add(text[from..to].Trim());
        }
    }

    private static int SkipString(string text, int i)
    {
        for (i++; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == '"')
            {
                return i + 1;
            }
        }

        return text.Length;
    }

    private static bool StartsDecoration(string text, int i) =>
        i > 0 && (char.IsAsciiDigit(text[i - 1]) || text.AsSpan(0, i).EndsWith("AT_FDCWD", StringComparison.Ordinal));

    private static int SkipDecoration(string text, int i)
    {
        var brackets = 0;
        for (i++; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '\\':
                    i++;
                    break;
                case '[':
                    brackets++;
                    break;
                case ']':
                    brackets--;
                    break;
                case '>' when brackets <= 0:
                    return i + 1;
            }
        }

        return text.Length;
    }
}
