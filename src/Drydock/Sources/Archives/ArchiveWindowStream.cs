using Microsoft.Win32.SafeHandles;

namespace Drydock.Sources.Archives;

/// <summary>A read-only, seekable window over part of a file, read with positional reads so that many windows
/// over one handle can be read in parallel. Reading stops early (and quietly) when the file is shorter than the window.</summary>
internal sealed class ArchiveWindowStream(SafeFileHandle handle, long start, long length) : Stream
{
    private long _position;

    public override bool CanRead => true;
    public override bool CanSeek => true;
    public override bool CanWrite => false;
    public override long Length => length;

    public override long Position
    {
        get => _position;
        set => _position = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value));
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var wanted = Clamp(buffer.Length);
        if (wanted == 0)
        {
            return 0;
        }

        var n = RandomAccess.Read(handle, buffer[..wanted], start + _position);
        _position += n;
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var wanted = Clamp(buffer.Length);
        if (wanted == 0)
        {
            return 0;
        }

        var n = await RandomAccess.ReadAsync(handle, buffer[..wanted], start + _position, cancellationToken).ConfigureAwait(false);
        _position += n;
        return n;
    }

    private int Clamp(int requested) => (int)Math.Max(0, Math.Min(requested, length - _position));

    public override long Seek(long offset, SeekOrigin origin)
    {
        Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            SeekOrigin.End => length + offset,
            _ => throw new ArgumentOutOfRangeException(nameof(origin)),
        };
        return _position;
    }

    public override void Flush() { }
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
