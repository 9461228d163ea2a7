using System.Buffers.Binary;
using System.Net;
using System.Text;

namespace Drydock.Sandbox.Network;

/// <summary>Reads DNS queries and writes the sink's answers (RFC 1035): every A question gets the sink's address,
/// everything else an empty NOERROR. Malformed input is refused, never trusted: names are bounded and compression
/// pointers may only point backwards.</summary>
internal static class DnsMessage
{
    private const int HeaderLength = 12;
    private const int MaxNameLength = 255;
    private const int MaxPointerHops = 16;
    private const uint AnswerTtl = 60;

    /// <summary>Parses the header and first question of a query; false when the packet is no well-formed query.</summary>
    public static bool TryParseQuery(ReadOnlySpan<byte> packet, out DnsQuestion question)
    {
        question = default;
        if (packet.Length < HeaderLength)
        {
            return false;
        }

        var id = BinaryPrimitives.ReadUInt16BigEndian(packet);
        var flags = BinaryPrimitives.ReadUInt16BigEndian(packet[2..]);
        var questions = BinaryPrimitives.ReadUInt16BigEndian(packet[4..]);
        if ((flags & 0x8000) != 0 || questions == 0)
        {
            return false;
        }

        if (!TryReadName(packet, HeaderLength, out var end, out var name, out var wire) || end + 4 > packet.Length)
        {
            return false;
        }

        var type = BinaryPrimitives.ReadUInt16BigEndian(packet[end..]);
        var cls = BinaryPrimitives.ReadUInt16BigEndian(packet[(end + 2)..]);
        question = new DnsQuestion(id, flags, name, type, cls, wire);
        return true;
    }

    /// <summary>The response to <paramref name="question"/>: an A record with <paramref name="sink"/> for A in class IN,
    /// no records otherwise; NOTIMP for opcodes other than QUERY.</summary>
    public static byte[] Answer(DnsQuestion question, IPAddress sink, out string? answer)
    {
        var opcode = (question.Flags >> 11) & 0xF;
        var withAddress = opcode == 0 && question.Type == 1 && question.Class == 1;
        answer = withAddress ? sink.ToString() : null;
        var response = new byte[HeaderLength + question.WireName.Length + 4 + (withAddress ? 16 : 0)];
        var span = response.AsSpan();
        BinaryPrimitives.WriteUInt16BigEndian(span, question.Id);
        // QR, the query's opcode and RD, AA and RA; RCODE 0 (NOERROR) or 4 (NOTIMP).
        var flags = 0x8000 | (question.Flags & 0x7900) | 0x0400 | 0x0080 | (opcode == 0 ? 0 : 4);
        BinaryPrimitives.WriteUInt16BigEndian(span[2..], (ushort)flags);
        BinaryPrimitives.WriteUInt16BigEndian(span[4..], 1);
        BinaryPrimitives.WriteUInt16BigEndian(span[6..], (ushort)(withAddress ? 1 : 0));
        var at = HeaderLength;
        question.WireName.CopyTo(span[at..]);
        at += question.WireName.Length;
        BinaryPrimitives.WriteUInt16BigEndian(span[at..], question.Type);
        BinaryPrimitives.WriteUInt16BigEndian(span[(at + 2)..], question.Class);
        at += 4;
        if (withAddress)
        {
            BinaryPrimitives.WriteUInt16BigEndian(span[at..], 0xC000 | HeaderLength);
            BinaryPrimitives.WriteUInt16BigEndian(span[(at + 2)..], 1);
            BinaryPrimitives.WriteUInt16BigEndian(span[(at + 4)..], 1);
            BinaryPrimitives.WriteUInt32BigEndian(span[(at + 6)..], AnswerTtl);
            BinaryPrimitives.WriteUInt16BigEndian(span[(at + 10)..], 4);
            sink.TryWriteBytes(span[(at + 12)..], out _);
        }

        return response;
    }

    /// <summary>Reads a possibly compressed name starting at <paramref name="start"/>; <paramref name="end"/> is the
    /// offset just after it in the packet (after the first pointer, when there is one).</summary>
    private static bool TryReadName(ReadOnlySpan<byte> packet, int start, out int end, out string name, out byte[] wire)
    {
        end = -1;
        name = string.Empty;
        wire = [];
        var text = new StringBuilder();
        var encoded = new List<byte>();
        var at = start;
        var hops = 0;
        var lowest = start;
        while (true)
        {
            if (at >= packet.Length)
            {
                return false;
            }

            var length = packet[at];
            if ((length & 0xC0) == 0xC0)
            {
                if (at + 1 >= packet.Length || ++hops > MaxPointerHops)
                {
                    return false;
                }

                var target = ((length & 0x3F) << 8) | packet[at + 1];
                if (end < 0)
                {
                    end = at + 2;
                }

                // Only strictly backwards, before every part read so far: no loops, whatever the hop count.
                if (target >= lowest)
                {
                    return false;
                }

                lowest = target;
                at = target;
                continue;
            }

            if ((length & 0xC0) != 0)
            {
                return false;
            }

            if (at + 1 + length > packet.Length || encoded.Count + 1 + length > MaxNameLength - 1)
            {
                return false;
            }

            encoded.Add(length);
            if (length == 0)
            {
                if (end < 0)
                {
                    end = at + 1;
                }

                break;
            }

            var label = packet.Slice(at + 1, length);
            if (text.Length > 0)
            {
                text.Append('.');
            }

            foreach (var b in label)
            {
                encoded.Add(b);
                AppendLabelByte(text, b);
            }

            at += 1 + length;
        }

        name = text.ToString();
        wire = [.. encoded];
        return true;
    }

    private static void AppendLabelByte(StringBuilder text, byte b)
    {
        if (b is >= (byte)'A' and <= (byte)'Z')
        {
            text.Append((char)(b + 32));
        }
        else if (b is > 0x20 and < 0x7F && b != '.' && b != '\\')
        {
            text.Append((char)b);
        }
        else
        {
            text.Append('\\').Append(b.ToString("D3", System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
