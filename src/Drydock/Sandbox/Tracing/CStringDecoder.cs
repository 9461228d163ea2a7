using System.Text;

namespace Drydock.Sandbox.Tracing;

/// <summary>Turns strace's C escapes (<c>\n</c>, <c>\"</c>, <c>\x7f</c>, <c>\377</c>) back into bytes, bounded, and the
/// bytes into text: UTF-8 when valid, else every byte above 0x7f as <c>\xNN</c>.</summary>
internal sealed class CStringDecoder(int maxChars)
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);
    private readonly List<byte> bytes = [];

    /// <summary>True when more bytes came than the bound kept.</summary>
    public bool Overflowed { get; private set; }

    /// <summary>Adds the plain character at <paramref name="i"/>; returns the next index.</summary>
    public int AddChar(ReadOnlySpan<char> text, int i)
    {
        var c = text[i];
        if (c < 0x80)
        {
            Add((byte)c);
        }
        else
        {
            Span<byte> utf8 = stackalloc byte[4];
            var n = Encoding.UTF8.GetBytes(text.Slice(i, char.IsHighSurrogate(c) && i + 1 < text.Length ? 2 : 1), utf8);
            foreach (var b in utf8[..n])
            {
                Add(b);
            }

            return i + (char.IsHighSurrogate(c) && i + 1 < text.Length ? 2 : 1);
        }

        return i + 1;
    }

    /// <summary>Adds the escape starting with the backslash at <paramref name="i"/>; returns the next index.</summary>
    public int AddEscape(ReadOnlySpan<char> text, int i)
    {
        if (i + 1 >= text.Length)
        {
            return text.Length;
        }

        var c = text[i + 1];
        switch (c)
        {
            case 'n': Add((byte)'\n'); return i + 2;
            case 't': Add((byte)'\t'); return i + 2;
            case 'r': Add((byte)'\r'); return i + 2;
            case 'v': Add((byte)'\v'); return i + 2;
            case 'f': Add((byte)'\f'); return i + 2;
            case 'a': Add((byte)'\a'); return i + 2;
            case 'b': Add((byte)'\b'); return i + 2;
            case 'x':
                var hexEnd = i + 2;
                var hex = 0;
                while (hexEnd < text.Length && hexEnd < i + 4 && char.IsAsciiHexDigit(text[hexEnd]))
                {
                    hex = (hex * 16) + HexDigit(text[hexEnd]);
                    hexEnd++;
                }

                Add((byte)hex);
                return hexEnd;
            case >= '0' and <= '7':
                var octEnd = i + 1;
                var oct = 0;
                while (octEnd < text.Length && octEnd < i + 4 && text[octEnd] is >= '0' and <= '7')
                {
                    oct = (oct * 8) + (text[octEnd] - '0');
                    octEnd++;
                }

                Add((byte)oct);
                return octEnd;
            default:
                return AddChar(text, i + 1);
        }
    }

    /// <summary>The text of the bytes so far.</summary>
    public string ToText()
    {
        var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(bytes);
        try
        {
            return StrictUtf8.GetString(span);
        }
        catch (DecoderFallbackException)
        {
            var builder = new StringBuilder(span.Length + 16);
            foreach (var b in span)
            {
                if (b < 0x80)
                {
                    builder.Append((char)b);
                }
                else
                {
                    builder.Append("\\x").Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
                }
            }

            return builder.ToString();
        }
    }

    private static int HexDigit(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;

    private void Add(byte b)
    {
        if (bytes.Count < maxChars)
        {
            bytes.Add(b);
        }
        else
        {
            Overflowed = true;
        }
    }
}
