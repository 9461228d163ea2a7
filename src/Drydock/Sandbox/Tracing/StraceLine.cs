using System.Globalization;

namespace Drydock.Sandbox.Tracing;

/// <summary>What one strace line is.</summary>
internal enum StraceLineKind
{
    /// <summary><c>name(args) = result</c>.</summary>
    Call,

    /// <summary><c>name(args &lt;unfinished ...&gt;</c>.</summary>
    Unfinished,

    /// <summary><c>&lt;... name resumed&gt;rest) = result</c>.</summary>
    Resumed,

    /// <summary><c>+++ exited with N +++</c>.</summary>
    Exited,

    /// <summary><c>+++ killed by SIGNAL +++</c>.</summary>
    Killed,

    /// <summary><c>--- SIGNAL {...} ---</c>.</summary>
    Signal,
}

/// <summary>One parsed strace line: who, when, what; <see cref="Body"/> is the text after <c>name(</c> (calls),
/// after <c>resumed&gt;</c> (resumptions), or the signal name.</summary>
internal sealed record StraceLine(int Pid, double? Time, StraceLineKind Kind, string Name, string Body, int? Code, string? Tail)
{
    private const string UnfinishedMarker = " <unfinished ...>";

    /// <summary>Parses a line; null for anything that is not strace output (garbage, strace's own messages).</summary>
    public static StraceLine? Parse(RawLine raw)
    {
        var text = raw.Text.AsSpan();
        if (!TakePid(ref text, out var pid))
        {
            return null;
        }

        var time = TakeTime(ref text);
        if (text.StartsWith("+++ "))
        {
            return ParseExit(pid, time, text[4..]);
        }

        if (text.StartsWith("--- "))
        {
            var name = text[4..];
            var end = name.IndexOf(' ');
            return new StraceLine(pid, time, StraceLineKind.Signal, (end < 0 ? name : name[..end]).ToString(), "", null, null);
        }

        if (text.StartsWith("<... "))
        {
            var rest = text[5..];
            var marker = rest.IndexOf(" resumed>");
            if (marker <= 0)
            {
                return null;
            }

            return new StraceLine(pid, time, StraceLineKind.Resumed, rest[..marker].ToString(),
                rest[(marker + 9)..].ToString(), null, raw.Tail);
        }

        var open = text.IndexOf('(');
        if (open <= 0 || !IsIdentifier(text[..open]))
        {
            return null;
        }

        var body = text[(open + 1)..];
        var unfinished = raw.IsCut ? raw.Tail!.EndsWith(UnfinishedMarker, StringComparison.Ordinal) : body.EndsWith(UnfinishedMarker);
        if (unfinished && !raw.IsCut)
        {
            body = body[..^UnfinishedMarker.Length];
        }

        return new StraceLine(pid, time, unfinished ? StraceLineKind.Unfinished : StraceLineKind.Call,
            text[..open].ToString(), body.ToString(), null, raw.Tail);
    }

    private static StraceLine? ParseExit(int pid, double? time, ReadOnlySpan<char> text)
    {
        if (text.StartsWith("exited with "))
        {
            var number = text[12..];
            var end = number.IndexOf(' ');
            return int.TryParse(end < 0 ? number : number[..end], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var code)
                ? new StraceLine(pid, time, StraceLineKind.Exited, "", "", code, null)
                : null;
        }

        if (text.StartsWith("killed by "))
        {
            var signal = text[10..];
            var end = signal.IndexOf(' ');
            var name = (end < 0 ? signal : signal[..end]).ToString();
            return new StraceLine(pid, time, StraceLineKind.Killed, name, text.Contains("core dumped", StringComparison.Ordinal) ? "core" : "", null, null);
        }

        return null;
    }

    private static bool TakePid(ref ReadOnlySpan<char> text, out int pid)
    {
        pid = 0;
        if (text.StartsWith("[pid "))
        {
            var close = text.IndexOf(']');
            if (close < 0 || !int.TryParse(text[5..close].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out pid))
            {
                return false;
            }

            text = text[(close + 1)..].TrimStart(' ');
            return pid > 0;
        }

        var space = text.IndexOf(' ');
        if (space <= 0 || !int.TryParse(text[..space], NumberStyles.None, CultureInfo.InvariantCulture, out pid) || pid <= 0)
        {
            return false;
        }

        text = text[(space + 1)..].TrimStart(' ');
        return true;
    }

    private static double? TakeTime(ref ReadOnlySpan<char> text)
    {
        var space = text.IndexOf(' ');
        if (space <= 0 || !char.IsAsciiDigit(text[0]) || text[..space].IndexOf('.') < 0
            || !double.TryParse(text[..space], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var time))
        {
            return null;
        }

        text = text[(space + 1)..];
        return time;
    }

    private static bool IsIdentifier(ReadOnlySpan<char> name)
    {
        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }
}
