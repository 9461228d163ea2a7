namespace Drydock.Analysis.Content.Signatures;

/// <summary>Precise checks of single anchor occurrences.</summary>
public static class AnchorVerifiers
{
    private const int MaxHostLength = 253;

    // Hosts that documentation and usage texts use as placeholders.
    private static readonly string[] PlaceholderHosts = ["example", "localhost", "yourpool", "your-pool", "your.pool", "pool.address", "hostname", "domain.tld"];

    /// <summary>A mining URL <c>stratum+tcp://host:port</c>: the anchor (the scheme) followed by a real host name or
    /// IPv4 address and a port; placeholder hosts (<c>example.com</c>, <c>localhost</c>, <c>your.pool</c>) are rejected.</summary>
    public static int StratumUrl(ReadOnlySpan<byte> content, int offset, int length)
    {
        var at = offset + length;
        var host = content[at..];
        var n = 0;
        while (n < host.Length && n <= MaxHostLength && (char.IsAsciiLetterOrDigit((char)host[n]) || host[n] is (byte)'.' or (byte)'-'))
        {
            n++;
        }

        if (n < 3 || n > MaxHostLength || !char.IsAsciiLetterOrDigit((char)host[0]) || host[..n].IndexOf((byte)'.') < 0
            || n >= host.Length || host[n] != (byte)':')
        {
            return -1;
        }

        var port = 0;
        var digits = 0;
        while (n + 1 + digits < host.Length && char.IsAsciiDigit((char)host[n + 1 + digits]) && digits < 6)
        {
            port = (port * 10) + (host[n + 1 + digits] - '0');
            digits++;
        }

        if (digits is 0 or > 5 || port is 0 or > 65535)
        {
            return -1;
        }

        var name = host[..n];
        foreach (var placeholder in PlaceholderHosts)
        {
            if (Contains(name, placeholder))
            {
                return -1;
            }
        }

        return length + n + 1 + digits;
    }

    /// <summary>A domain name standing alone: not preceded by a letter, digit or hyphen (a dot is fine: a
    /// sub-domain), and not followed by one.</summary>
    public static int Domain(ReadOnlySpan<byte> content, int offset, int length)
    {
        if (offset > 0 && IsLabelChar(content[offset - 1]))
        {
            return -1;
        }

        var end = offset + length;
        return end < content.Length && IsLabelChar(content[end]) ? -1 : length;
    }

    /// <summary>A name standing as a word: no ASCII letter right before or after it (digits, punctuation and
    /// separators may touch it: <c>xmrig-6.21</c>, <c>XMRig/6.21</c>), so that <c>gminer</c> is not found inside
    /// <c>getminerdata</c>.</summary>
    public static int Word(ReadOnlySpan<byte> content, int offset, int length)
    {
        if (offset > 0 && char.IsAsciiLetter((char)content[offset - 1]))
        {
            return -1;
        }

        var end = offset + length;
        return end < content.Length && char.IsAsciiLetter((char)content[end]) ? -1 : length;
    }

    private static bool IsLabelChar(byte b) => char.IsAsciiLetterOrDigit((char)b) || b == (byte)'-';

    private static bool Contains(ReadOnlySpan<byte> text, string value)
    {
        Span<byte> v = stackalloc byte[value.Length];
        for (var i = 0; i < value.Length; i++)
        {
            v[i] = (byte)value[i];
        }

        for (var i = 0; i + v.Length <= text.Length; i++)
        {
            if (System.Text.Ascii.EqualsIgnoreCase(text.Slice(i, v.Length), v))
            {
                return true;
            }
        }

        return false;
    }
}
