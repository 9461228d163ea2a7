using System.Text;

namespace Drydock.Population.Reports;

/// <summary>Makes text from hostile images safe to show: control characters and lone surrogates become U+FFFD, long text is cut.</summary>
internal static class DisplayText
{
    /// <summary>The replacement for a character that must not reach a terminal, a spreadsheet or an XML parser.</summary>
    public const char Replacement = '\uFFFD';

    /// <summary><paramref name="text"/> without control characters or lone surrogates; tab, line feed and carriage return go too unless <paramref name="keepLineBreaks"/>.</summary>
    public static string Clean(string? text, bool keepLineBreaks = false)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var firstBad = FirstUnsafe(text, keepLineBreaks);
        if (firstBad < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        builder.Append(text, 0, firstBad);
        for (var i = firstBad; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
            }
            else
            {
                builder.Append(IsUnsafe(c, keepLineBreaks) ? Replacement : c);
            }
        }

        return builder.ToString();
    }

    /// <summary><paramref name="text"/> cut to <paramref name="max"/> characters, the last one an ellipsis (never splitting a surrogate pair).</summary>
    public static string Trim(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var cut = max - 1;
        if (cut > 0 && char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        return text[..cut] + "…";
    }

    /// <summary><paramref name="text"/> cut to <paramref name="max"/> characters by an ellipsis in the middle, so names that share a long prefix stay apart.</summary>
    public static string TrimMiddle(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var head = (max - 1) / 2;
        var tail = max - 1 - head;
        if (char.IsHighSurrogate(text[head - 1]))
        {
            head--;
        }

        if (char.IsLowSurrogate(text[^tail]))
        {
            tail--;
        }

        return string.Concat(text.AsSpan(0, head), "…", text.AsSpan(text.Length - tail));
    }

    private static int FirstUnsafe(string text, bool keepLineBreaks)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (IsUnsafe(c, keepLineBreaks))
            {
                return i;
            }
        }

        return -1;
    }

    // C0 and C1 controls, DEL, lone surrogates, and the non-characters XML forbids (U+FFFE, U+FFFF).
    private static bool IsUnsafe(char c, bool keepLineBreaks)
        => (char.IsControl(c) && !(keepLineBreaks && c is '\t' or '\n' or '\r')) || char.IsSurrogate(c) || c is '\uFFFE' or '\uFFFF';
}
