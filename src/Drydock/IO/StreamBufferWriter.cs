using System.Buffers;

namespace Drydock.IO;

/// <summary>An <see cref="IBufferWriter{T}"/> over one pooled buffer that hands its written bytes to a stream whenever more
/// room is asked for, so a large document (a report of thousands of packages) is written in chunks and never held whole.</summary>
public sealed class StreamBufferWriter : IBufferWriter<byte>, IDisposable
{
    /// <summary>The default buffer: well under the large-object threshold, large enough that each write is worth a call.</summary>
    public const int DefaultBufferSize = 64 * 1024;

    private readonly Stream _stream;
    private byte[] _buffer;
    private int _written;

    /// <summary>Writes to <paramref name="stream"/> through a pooled buffer of at least <paramref name="bufferSize"/> bytes.</summary>
    public StreamBufferWriter(Stream stream, int bufferSize = DefaultBufferSize)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfLessThan(bufferSize, 256);
        _stream = stream;
        _buffer = ArrayPool<byte>.Shared.Rent(bufferSize);
    }

    /// <summary>Bytes handed to the stream so far, plus those still in the buffer.</summary>
    public long BytesWritten { get; private set; }

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ObjectDisposedException.ThrowIf(_buffer.Length == 0, this);
        if (count > _buffer.Length - _written)
        {
            throw new InvalidOperationException("advanced past the end of the buffer");
        }

        _written += count;
        BytesWritten += count;
    }

    // Reserve first: it may swap the buffer for a larger one, which must be the one handed out.
    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        var start = Reserve(sizeHint);
        return _buffer.AsMemory(start);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        var start = Reserve(sizeHint);
        return _buffer.AsSpan(start);
    }

    /// <summary>Hands the buffered bytes to the stream (the stream itself is not flushed).</summary>
    public void Flush()
    {
        if (_written > 0)
        {
            _stream.Write(_buffer, 0, _written);
            _written = 0;
        }
    }

    /// <summary>Returns the buffer to the pool; bytes not yet flushed are dropped (call <see cref="Flush"/> first).</summary>
    public void Dispose()
    {
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }
    }

    // Makes room for sizeHint bytes (at least one) and returns where they start: flushes first, and only when one request
    // is larger than the whole buffer takes a larger one from the pool.
    private int Reserve(int sizeHint)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sizeHint);
        ObjectDisposedException.ThrowIf(_buffer.Length == 0, this);
        var needed = Math.Max(sizeHint, 1);
        if (_buffer.Length - _written >= needed)
        {
            return _written;
        }

        Flush();
        if (_buffer.Length < needed)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = ArrayPool<byte>.Shared.Rent(needed);
        }

        return 0;
    }
}
