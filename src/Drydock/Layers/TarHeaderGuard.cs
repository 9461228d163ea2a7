using System.Buffers;
using System.Buffers.Text;
using System.Numerics;

namespace Drydock.Layers;

/// <summary>Follows the tar block structure in the bytes before <see cref="System.Formats.Tar.TarReader"/> sees them:
/// rejects metadata headers (PAX, GNU long names) whose claimed size TarReader would allocate, checks header
/// checksums, remembers each entry's data size for a cross-check, and knows whether the end-of-archive marker came.</summary>
internal sealed class TarHeaderGuard(InputLimits limits, string layerName)
{
    private const int Block = 512;
    private const int SizeOffset = 124;
    private const int SizeLength = 12;
    private const int ChecksumOffset = 148;
    private const int ChecksumLength = 8;
    private const int TypeOffset = 156;

    private readonly byte[] _header = new byte[Block];
    private readonly Queue<long> _entrySizes = new();
    private int _headerFill;
    private long _position;
    private long _nextHeader;
    private byte _lastMetadata;
    private long? _pendingSize;
    private byte[]? _pax;
    private int _paxFill;
    private int _paxSize;

    /// <summary>True once the end-of-archive block has been seen at a header position.</summary>
    public bool Ended { get; private set; }

    /// <summary>Bytes after the first end-of-archive block (the second block and any padding).</summary>
    public long TrailingBytes { get; private set; }

    /// <summary>True when a byte after the end-of-archive block is not zero.</summary>
    public bool TrailingNonZero { get; private set; }

    /// <summary>The data size of the oldest entry header not yet claimed with <see cref="TryTakeEntrySize"/>.</summary>
    public bool TryTakeEntrySize(out long size) => _entrySizes.TryDequeue(out size);

    /// <summary>Follows <paramref name="data"/>, the next bytes of the tar; throws on a hostile header.</summary>
    public void Observe(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            if (Ended)
            {
                TrailingBytes += data.Length;
                TrailingNonZero |= data.ContainsAnyExcept((byte)0);
                _position += data.Length;
                return;
            }

            if (_position < _nextHeader)
            {
                var n = (int)Math.Min(data.Length, _nextHeader - _position);
                if (_pax is not null && _paxFill < _paxSize)
                {
                    var copy = Math.Min(n, _paxSize - _paxFill);
                    data[..copy].CopyTo(_pax.AsSpan(_paxFill));
                    _paxFill += copy;
                }

                data = data[n..];
                _position += n;
                continue;
            }

            var take = Math.Min(Block - _headerFill, data.Length);
            data[..take].CopyTo(_header.AsSpan(_headerFill));
            _headerFill += take;
            _position += take;
            data = data[take..];
            if (_headerFill == Block)
            {
                _headerFill = 0;
                OnHeader(_position - Block);
            }
        }
    }

    /// <summary>Called at the end of the decompressed stream; throws when the tar stopped before its end marker.</summary>
    public void Complete()
    {
        ReturnPax();
        if (!Ended)
        {
            var where = _headerFill > 0 || _position < _nextHeader ? "inside an entry" : "at an entry boundary";
            throw new HostileInputException(
                $"{layerName}: truncated layer: the tar stops {where} after {_position} bytes, without its end-of-archive marker");
        }
    }

    private void OnHeader(long offset)
    {
        var block = _header.AsSpan();
        FinishPax();
        var checksumField = block.Slice(ChecksumOffset, ChecksumLength);
        if (!checksumField.ContainsAnyExcept((byte)0) || ParseOctal(checksumField) == 0)
        {
            Ended = true; // TarReader ends the archive at the same block
            return;
        }

        if (ParseOctal(checksumField) != Checksum(block))
        {
            throw new HostileInputException($"{layerName}: corrupt layer: the tar header at byte {offset} has a wrong checksum");
        }

        var size = ParseSize(block.Slice(SizeOffset, SizeLength))
            ?? throw new HostileInputException($"{layerName}: corrupt layer: the tar header at byte {offset} has an unreadable size field");
        if (size > limits.MaxLayerBytes)
        {
            throw new HostileInputException($"{layerName}: the tar header at byte {offset} claims {size} bytes, more than the {limits.MaxLayerBytes}-byte layer limit (--max-layer-size)");
        }

        var type = block[TypeOffset];
        var dataSize = size;
        if (type is (byte)'x' or (byte)'g' or (byte)'L' or (byte)'K')
        {
            if (size > limits.MaxHeaderBytes)
            {
                throw new HostileInputException($"{layerName}: the tar metadata header ('{(char)type}') at byte {offset} claims {size} bytes, over the {limits.MaxHeaderBytes}-byte header limit");
            }

            if (_lastMetadata == 'x' || (type is (byte)'x' or (byte)'g' && _lastMetadata != 0))
            {
                throw new HostileInputException($"{layerName}: corrupt layer: unexpected tar metadata header ('{(char)type}') after '{(char)_lastMetadata}' at byte {offset}");
            }

            if (type == 'x')
            {
                _paxSize = (int)size;
                _paxFill = 0;
                _pax = size > 0 ? ArrayPool<byte>.Shared.Rent(_paxSize) : null;
            }

            _lastMetadata = type == 'g' ? (byte)0 : type;
            if (type == 'g')
            {
                _entrySizes.Enqueue(size); // TarReader returns global headers as entries
            }
        }
        else
        {
            dataSize = _pendingSize ?? size;
            _pendingSize = null;
            _lastMetadata = 0;
            _entrySizes.Enqueue(dataSize);
        }

        _nextHeader = offset + Block + ((dataSize + Block - 1) & ~(long)(Block - 1));
    }

    // Called at each header: the PAX data of a preceding 'x' header is complete by then.
    private void FinishPax()
    {
        if (_lastMetadata == 'x')
        {
            _pendingSize = _pax is null ? null : PaxSize(_pax.AsSpan(0, _paxFill));
        }

        ReturnPax();
    }

    private void ReturnPax()
    {
        if (_pax is not null)
        {
            ArrayPool<byte>.Shared.Return(_pax);
            _pax = null;
        }
    }

    // PAX records are "LEN key=value\n"; returns the last well-formed size record, null when absent or unreadable.
    private static long? PaxSize(ReadOnlySpan<byte> data)
    {
        long? size = null;
        while (!data.IsEmpty)
        {
            var space = data.IndexOf((byte)' ');
            if (space <= 0 || !Utf8Parser.TryParse(data[..space], out int length, out var used) || used != space
                || length <= space + 1 || length > data.Length || data[length - 1] != '\n')
            {
                return size;
            }

            var record = data[(space + 1)..(length - 1)];
            if (record.StartsWith("size="u8)
                && Utf8Parser.TryParse(record[5..], out long value, out var consumed) && consumed == record.Length - 5 && value >= 0)
            {
                size = value;
            }

            data = data[length..];
        }

        return size;
    }

    // Every byte of the header, with the checksum field counted as spaces (one header per entry: vectorised).
    private static int Checksum(ReadOnlySpan<byte> block)
        => SumOfBytes(block[..Block]) - SumOfBytes(block.Slice(ChecksumOffset, ChecksumLength)) + ' ' * ChecksumLength;

    // Widened to 16-bit lanes, each lane takes at most 2 * 255 per step: exact for spans up to 2 KiB at any vector width.
    private static int SumOfBytes(ReadOnlySpan<byte> bytes)
    {
        var lanes = Vector<ushort>.Zero;
        var i = 0;
        for (; i <= bytes.Length - Vector<byte>.Count; i += Vector<byte>.Count)
        {
            Vector.Widen(new Vector<byte>(bytes[i..]), out var low, out var high);
            lanes += low + high;
        }

        Vector.Widen(lanes, out var wideLow, out var wideHigh);
        var sum = (int)Vector.Sum(wideLow + wideHigh);
        for (; i < bytes.Length; i++)
        {
            sum += bytes[i];
        }

        return sum;
    }

    // Octal with optional leading spaces and trailing NULs or spaces, or GNU base-256 (high bit of the first byte).
    private static long? ParseSize(ReadOnlySpan<byte> field)
    {
        if ((field[0] & 0x80) != 0)
        {
            if (field[0] != 0x80 || field[1..4].ContainsAnyExcept((byte)0))
            {
                return null; // negative or wider than 63 bits
            }

            long value = 0;
            foreach (var b in field[4..])
            {
                value = (value << 8) | b;
            }

            return value < 0 ? null : value;
        }

        var octal = ParseOctal(field);
        return octal < 0 ? null : octal;
    }

    // Returns -1 when the field holds anything but octal digits (after trimming).
    private static long ParseOctal(ReadOnlySpan<byte> field)
    {
        field = field.TrimStart((byte)' ');
        var end = field.IndexOfAny((byte)0, (byte)' ');
        if (end >= 0)
        {
            if (field[end..].ContainsAnyExcept((byte)0, (byte)' '))
            {
                return -1;
            }

            field = field[..end];
        }

        long value = 0;
        foreach (var b in field)
        {
            if (b is < (byte)'0' or > (byte)'7' || value > (long.MaxValue >> 3))
            {
                return -1;
            }

            value = (value << 3) | (uint)(b - '0');
        }

        return value;
    }
}
