using System.Globalization;

namespace Drydock.Sandbox.Tracing;

/// <summary>The result of a call: <c>= 0</c>, <c>= -1 ENOENT (...)</c>, <c>= 3&lt;/path&gt;</c>, <c>= ?</c>, or
/// <c>= 2 /* 12371 in strace's PID NS */</c> (the host pid of a child created inside a PID namespace).</summary>
internal readonly record struct SyscallResult(long? Value, string? Error, long? HostValue)
{
    /// <summary>The call succeeded (a value that is not -1).</summary>
    public bool Succeeded => Value is { } v && v != -1 && Error is null;

    /// <summary>The value in the tracer's PID namespace when strace translated it, else the value.</summary>
    public long? TracerValue => HostValue ?? Value;

    /// <summary>Parses the text after the argument list; an unknown result when it is absent or unreadable.</summary>
    public static SyscallResult Parse(ReadOnlySpan<char> text)
    {
        text = text.Trim();
        if (!text.StartsWith("="))
        {
            return default;
        }

        text = text[1..].TrimStart();
        var end = 0;
        while (end < text.Length && (char.IsAsciiHexDigit(text[end]) || text[end] is '-' or 'x'))
        {
            end++;
        }

        long? value = null;
        var number = text[..end];
        if (number.StartsWith("0x") && long.TryParse(number[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex))
        {
            value = hex;
        }
        else if (long.TryParse(number, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var dec))
        {
            value = dec;
        }

        var rest = text[end..].TrimStart();
        string? error = null;
        if (rest.Length > 1 && rest[0] == 'E' && (value == -1 || value is null))
        {
            var space = rest.IndexOf(' ');
            error = (space < 0 ? rest : rest[..space]).ToString();
        }

        long? host = null;
        var marker = rest.IndexOf(" in strace's PID NS */", StringComparison.Ordinal);
        var open = rest.IndexOf("/* ", StringComparison.Ordinal);
        if (marker > 0 && open >= 0 && open + 3 < marker
            && long.TryParse(rest[(open + 3)..marker], NumberStyles.None, CultureInfo.InvariantCulture, out var translated))
        {
            host = translated;
        }

        return new SyscallResult(value, error, host);
    }
}
