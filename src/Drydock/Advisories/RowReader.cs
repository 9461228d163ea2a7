using System.Buffers.Binary;
using System.Text;

namespace Drydock.Advisories;

/// <summary>A forward-only reader of the rows <see cref="RowWriter"/> writes that never trusts a length: each is checked against
/// what is left of the row, so a damaged row fails with <see cref="FormatException"/> (naming <paramref name="what"/>) instead of
/// allocating or reading past its end.</summary>
internal ref struct RowReader(ReadOnlySpan<byte> row, string what)
{
    private readonly ReadOnlySpan<byte> _row = row;
    private int _position;

    /// <summary>How many bytes were read.</summary>
    public readonly int Position => _position;

    /// <summary>Reads the format byte and fails unless it is <paramref name="expected"/>.</summary>
    public void ExpectFormat(byte expected)
    {
        var format = Byte();
        if (format != expected)
        {
            throw new FormatException($"{what} format {format}, expected {expected}");
        }
    }

    /// <summary>Fails unless every byte was read.</summary>
    public readonly void ExpectEnd()
    {
        if (_position != _row.Length)
        {
            throw new FormatException($"{what} has {_row.Length - _position} bytes past its end");
        }
    }

    /// <summary>A count of items that each take at least <paramref name="minBytes"/>: more than the row can hold is damage, not a big list.</summary>
    public int Count(int minBytes)
    {
        var value = VarUInt();
        if (value > (uint)(_row.Length - _position) / (uint)minBytes)
        {
            throw new FormatException($"{what} count {value} exceeds the {_row.Length - _position} bytes left");
        }

        return (int)value;
    }

    /// <summary>A length-prefixed UTF-8 string.</summary>
    public string String() => Encoding.UTF8.GetString(Bytes());

    /// <summary>A length-prefixed UTF-8 string's bytes, not decoded.</summary>
    public ReadOnlySpan<byte> Bytes()
    {
        var length = Count(1);
        var bytes = _row.Slice(_position, length);
        _position += length;
        return bytes;
    }

    /// <summary>A count, then that many strings.</summary>
    public string[] Strings()
    {
        var values = new string[Count(1)];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = String();
        }

        return values;
    }

    /// <summary>A word written by <see cref="RowWriter.WriteCode"/> with the same <paramref name="known"/> list.</summary>
    public string Code(string[] known)
    {
        var code = Byte();
        if (code == RowWriter.Other)
        {
            return String();
        }

        return code < known.Length ? known[code] : throw new FormatException($"{what} has unknown code {code}");
    }

    /// <summary>A little-endian double.</summary>
    public double Double()
    {
        if (_row.Length - _position < 8)
        {
            throw new FormatException($"{what} is truncated");
        }

        var value = BinaryPrimitives.ReadDoubleLittleEndian(_row.Slice(_position, 8));
        _position += 8;
        return value;
    }

    /// <summary>One byte.</summary>
    public byte Byte()
    {
        if (_position >= _row.Length)
        {
            throw new FormatException($"{what} is truncated");
        }

        return _row[_position++];
    }

    private uint VarUInt()
    {
        uint value = 0;
        for (var shift = 0; shift < 35; shift += 7)
        {
            var b = Byte();
            value |= (uint)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }

        throw new FormatException($"{what} has an over-long count");
    }
}
