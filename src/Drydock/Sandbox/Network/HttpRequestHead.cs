using System.Collections.Frozen;
using System.Text;

namespace Drydock.Sandbox.Network;

/// <summary>The request line and the headers the sink reports of an HTTP/1.x request.</summary>
/// <param name="Method">The method token.</param>
/// <param name="Target">The request target as sent; an absolute-form URL keeps its scheme and host.</param>
/// <param name="Host">The Host header, when present.</param>
/// <param name="UserAgent">The User-Agent header, when present.</param>
internal sealed record HttpRequestHead(string Method, string Target, string? Host, string? UserAgent)
{
    private const int MaxFieldLength = 1024;

    private static readonly FrozenSet<string> Methods = FrozenSet.Create(
        StringComparer.Ordinal, "GET ", "POST ", "HEAD ", "PUT ", "DELETE ", "OPTIONS ", "PATCH ", "CONNECT ", "TRACE ");

    /// <summary>The path without query or fragment, from origin-form or absolute-form targets, to look up served files.</summary>
    public string Path
    {
        get
        {
            var path = Target;
            var scheme = path.IndexOf("://", StringComparison.Ordinal);
            if (scheme > 0 && !path.StartsWith('/'))
            {
                var slash = path.IndexOf('/', scheme + 3);
                path = slash < 0 ? "/" : path[slash..];
            }

            var cut = path.IndexOfAny(['?', '#']);
            return cut < 0 ? path : path[..cut];
        }
    }

    /// <summary>Whether the bytes start like an HTTP request (a known method and a space).</summary>
    public static bool LooksLikeRequest(ReadOnlySpan<byte> data)
    {
        var space = data[..Math.Min(data.Length, 8)].IndexOf((byte)' ');
        return space > 0 && Methods.Contains(Encoding.ASCII.GetString(data[..(space + 1)]));
    }

    /// <summary>The length of the head including its blank line, or -1 while it is incomplete.</summary>
    public static int HeadLength(ReadOnlySpan<byte> data)
    {
        var crlf = data.IndexOf("\r\n\r\n"u8);
        if (crlf >= 0)
        {
            return crlf + 4;
        }

        var lf = data.IndexOf("\n\n"u8);
        return lf >= 0 ? lf + 2 : -1;
    }

    /// <summary>Parses the head in <paramref name="data"/> (complete or cut at the read limit); null without a request line.</summary>
    public static HttpRequestHead? Parse(ReadOnlySpan<byte> data)
    {
        var text = Encoding.Latin1.GetString(data);
        var lines = text.Split('\n');
        var requestLine = lines[0].TrimEnd('\r').Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (requestLine.Length < 2)
        {
            return null;
        }

        string? host = null;
        string? agent = null;
        foreach (var raw in lines.Skip(1))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0)
            {
                break;
            }

            var colon = line.IndexOf(':');
            if (colon <= 0)
            {
                continue;
            }

            var name = line[..colon].Trim();
            var value = Cap(line[(colon + 1)..].Trim());
            if (host is null && name.Equals("Host", StringComparison.OrdinalIgnoreCase))
            {
                host = value;
            }
            else if (agent is null && name.Equals("User-Agent", StringComparison.OrdinalIgnoreCase))
            {
                agent = value;
            }
        }

        return new HttpRequestHead(Cap(requestLine[0]), Cap(requestLine[1]), host, agent);
    }

    private static string Cap(string value) => value.Length <= MaxFieldLength ? value : value[..MaxFieldLength];
}
