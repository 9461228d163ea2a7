using System.Globalization;

namespace Drydock.Sandbox.Tracing;

/// <summary>Reads strace's rendering of a socket address (<c>{sa_family=AF_INET, sin_port=htons(53),
/// sin_addr=inet_addr("10.0.0.1")}</c>, IPv6 through <c>inet_pton</c>, unix paths), wherever it sits in an argument.</summary>
internal static class SockaddrText
{
    public static SocketEndpoint? Parse(string text)
    {
        var familyAt = text.IndexOf("sa_family=", StringComparison.Ordinal);
        if (familyAt < 0)
        {
            return null;
        }

        var family = Token(text, familyAt + 10);
        var name = family switch
        {
            "AF_INET" => "inet",
            "AF_INET6" => "inet6",
            "AF_UNIX" or "AF_LOCAL" => "unix",
            _ => family.StartsWith("AF_", StringComparison.Ordinal) ? family[3..].ToLowerInvariant() : family,
        };
        var rest = text[familyAt..];
        return new SocketEndpoint(name, Address(rest), Port(rest));
    }

    private static string? Address(string text)
    {
        foreach (var marker in (ReadOnlySpan<string>)["inet_addr(", "inet_pton(AF_INET6, ", "sun_path="])
        {
            var at = text.IndexOf(marker, StringComparison.Ordinal);
            if (at < 0)
            {
                continue;
            }

            var literal = text[(at + marker.Length)..];
            var value = SyscallText.DecodeString(literal, 4096, out _);
            return value is not null && literal.StartsWith('@') ? "@" + value : value;
        }

        return null;
    }

    private static int? Port(string text)
    {
        foreach (var marker in (ReadOnlySpan<string>)["sin_port=htons(", "sin6_port=htons("])
        {
            var at = text.IndexOf(marker, StringComparison.Ordinal);
            if (at >= 0 && int.TryParse(Token(text, at + marker.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var port))
            {
                return port;
            }
        }

        return null;
    }

    private static string Token(string text, int from)
    {
        var end = from;
        while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] == '_'))
        {
            end++;
        }

        return text[from..end];
    }
}
