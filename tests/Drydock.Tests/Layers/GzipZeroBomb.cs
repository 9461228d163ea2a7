using System.IO.Compression;

namespace Drydock.Tests.Layers;

/// <summary>An endless gzip blob, produced on the fly and never materialised: a first member holding
/// a given prefix (a tar header), then a member of deflated zeros that never ends.</summary>
internal sealed class GzipZeroBomb : Stream
{
    private readonly byte[] _start;
    private readonly byte[] _repeat;
    private long _position;

    public GzipZeroBomb(byte[] prefix)
    {
        // Deflate 1 MiB of zeros twice with a sync flush after each: the bytes between the flushes inflate to
        // 1 MiB of zeros given a window of zeros, so they can repeat for ever after the first part.
        var deflated = new MemoryStream();
        var deflate = new DeflateStream(deflated, CompressionLevel.Optimal, leaveOpen: true);
        deflate.Write(new byte[1 << 20]);
        deflate.Flush();
        var first = (int)deflated.Length;
        deflate.Write(new byte[1 << 20]);
        deflate.Flush();
        var all = deflated.ToArray();
        _repeat = all[first..];
        byte[] memberHeader = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];
        _start = [.. LayerTars.Gzip(prefix), .. memberHeader, .. all[..first]];
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var written = 0;
        while (written < buffer.Length)
        {
            ReadOnlySpan<byte> source;
            long at;
            if (_position < _start.Length)
            {
                source = _start;
                at = _position;
            }
            else
            {
                source = _repeat;
                at = (_position - _start.Length) % _repeat.Length;
            }

            var n = (int)Math.Min(buffer.Length - written, source.Length - at);
            source.Slice((int)at, n).CopyTo(buffer[written..]);
            written += n;
            _position += n;
        }

        return written;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _position; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
