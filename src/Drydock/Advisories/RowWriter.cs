using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Drydock.Advisories;

/// <summary>Writes the advisory database's binary row formats: LEB128 counts, length-prefixed UTF-8 strings and one-byte codes
/// for well-known words (read back with <see cref="RowReader"/>).</summary>
internal static class RowWriter
{
    /// <summary>The code written before the spelled-out value of a word not in the known list.</summary>
    public const byte Other = 0xFF;

    /// <summary>One byte.</summary>
    public static void WriteByte(ArrayBufferWriter<byte> buffer, byte value) => buffer.Write([value]);

    /// <summary>A double, little-endian.</summary>
    public static void WriteDouble(ArrayBufferWriter<byte> buffer, double value)
    {
        BinaryPrimitives.WriteDoubleLittleEndian(buffer.GetSpan(8), value);
        buffer.Advance(8);
    }

    /// <summary><paramref name="value"/>'s index in <paramref name="known"/> as one byte, else <see cref="Other"/> and the word.</summary>
    public static void WriteCode(ArrayBufferWriter<byte> buffer, string[] known, string value)
    {
        var code = Array.IndexOf(known, value);
        if (code >= 0)
        {
            WriteByte(buffer, (byte)code);
            return;
        }

        WriteByte(buffer, Other);
        WriteString(buffer, value);
    }

    /// <summary>A count, then each string.</summary>
    public static void WriteStrings(ArrayBufferWriter<byte> buffer, IReadOnlyList<string> values)
    {
        WriteCount(buffer, values.Count);
        foreach (var value in values)
        {
            WriteString(buffer, value);
        }
    }

    /// <summary>The UTF-8 length, then the bytes.</summary>
    public static void WriteString(ArrayBufferWriter<byte> buffer, string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        WriteCount(buffer, length);
        Encoding.UTF8.GetBytes(value, buffer.GetSpan(length));
        buffer.Advance(length);
    }

    /// <summary>A non-negative count as LEB128.</summary>
    public static void WriteCount(ArrayBufferWriter<byte> buffer, int value)
    {
        var span = buffer.GetSpan(5);
        var written = 0;
        var remaining = (uint)value;
        while (remaining >= 0x80)
        {
            span[written++] = (byte)(remaining | 0x80);
            remaining >>= 7;
        }

        span[written++] = (byte)remaining;
        buffer.Advance(written);
    }
}
