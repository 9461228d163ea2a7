using System.Buffers.Binary;
using System.Text;

namespace Drydock.Sandbox.Network;

/// <summary>Reads the server name from a TLS ClientHello (RFC 8446 §4.1.2, SNI from RFC 6066 §3), bounds-checked at every step.</summary>
internal static class TlsClientHello
{
    /// <summary>Whether the bytes start like a TLS handshake record.</summary>
    public static bool LooksLikeHandshake(ReadOnlySpan<byte> data) => data.Length >= 2 && data[0] == 0x16 && data[1] == 0x03;

    /// <summary>The bytes needed for the whole first record, or -1 while its header is incomplete.</summary>
    public static int RecordLength(ReadOnlySpan<byte> data)
        => data.Length < 5 ? -1 : 5 + BinaryPrimitives.ReadUInt16BigEndian(data[3..]);

    /// <summary>The host name of the server-name extension, or null when the record holds no ClientHello with one.</summary>
    public static string? ServerName(ReadOnlySpan<byte> data)
    {
        if (!LooksLikeHandshake(data) || data.Length < 9 || data[5] != 1)
        {
            return null;
        }

        var end = Math.Min(data.Length, RecordLength(data));
        if (end <= 9)
        {
            return null;
        }

        var hello = data[9..end];
        // client_version (2), random (32), then session_id, cipher_suites, compression_methods, extensions.
        var reader = new Reader(hello);
        if (!reader.Skip(34) || !reader.SkipVector(1) || !reader.SkipVector(2) || !reader.SkipVector(1) || !reader.TryVector(2, out var extensions))
        {
            return null;
        }

        var ext = new Reader(extensions);
        while (ext.TryUInt16(out var type) && ext.TryVector(2, out var body))
        {
            if (type != 0)
            {
                continue;
            }

            var list = new Reader(body);
            if (!list.TryVector(2, out var names))
            {
                return null;
            }

            var entries = new Reader(names);
            while (entries.TryByte(out var nameType) && entries.TryVector(2, out var name))
            {
                if (nameType == 0)
                {
                    return Printable(name);
                }
            }

            return null;
        }

        return null;
    }

    private static string Printable(ReadOnlySpan<byte> name)
    {
        var text = new StringBuilder(name.Length);
        foreach (var b in name[..Math.Min(name.Length, 255)])
        {
            text.Append(b is >= 0x21 and < 0x7F ? (char)b : '?');
        }

        return text.ToString();
    }

    private ref struct Reader(ReadOnlySpan<byte> data)
    {
        private ReadOnlySpan<byte> rest = data;

        public bool Skip(int count)
        {
            if (rest.Length < count)
            {
                return false;
            }

            rest = rest[count..];
            return true;
        }

        public bool TryByte(out byte value)
        {
            value = 0;
            if (rest.IsEmpty)
            {
                return false;
            }

            value = rest[0];
            rest = rest[1..];
            return true;
        }

        public bool TryUInt16(out ushort value)
        {
            value = 0;
            if (rest.Length < 2)
            {
                return false;
            }

            value = BinaryPrimitives.ReadUInt16BigEndian(rest);
            rest = rest[2..];
            return true;
        }

        public bool TryVector(int lengthBytes, out ReadOnlySpan<byte> body)
        {
            body = default;
            int length;
            if (lengthBytes == 1)
            {
                if (!TryByte(out var b))
                {
                    return false;
                }

                length = b;
            }
            else
            {
                if (!TryUInt16(out var u))
                {
                    return false;
                }

                length = u;
            }

            if (rest.Length < length)
            {
                return false;
            }

            body = rest[..length];
            rest = rest[length..];
            return true;
        }

        public bool SkipVector(int lengthBytes) => TryVector(lengthBytes, out _);
    }
}
