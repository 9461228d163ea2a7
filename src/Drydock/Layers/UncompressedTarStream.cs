using System.Security.Cryptography;
using Drydock.References;

namespace Drydock.Layers;

/// <summary>The decompressed tar as the tar reader sees it: hashed for the diff-ID, counted,
/// and stopped when it breaks the expansion limits (a decompression bomb).</summary>
internal sealed class UncompressedTarStream(Stream inner, CountingStream compressed, InputLimits limits, string layerName) : Stream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private long _count;

    /// <summary>Uncompressed bytes read so far.</summary>
    public long Count => Interlocked.Read(ref _count);

    /// <summary>The SHA-256 of everything read; call once, at the end.</summary>
    public Digest FinishDigest() => Digest.FromSha256Hash(_hash.GetHashAndReset());

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => Count; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer) => Account(buffer, inner.Read(Limit(buffer)));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var n = await inner.ReadAsync(buffer[..Limit(buffer.Span).Length], cancellationToken).ConfigureAwait(false);
        return Account(buffer.Span, n);
    }

    // Never read more than one byte past the limit, so a bomb cannot make one read allocate or inflate further.
    private Span<byte> Limit(Span<byte> buffer)
    {
        var left = limits.MaxLayerBytes - _count + 1;
        return left < buffer.Length ? buffer[..(int)Math.Max(1, left)] : buffer;
    }

    private int Account(ReadOnlySpan<byte> buffer, int n)
    {
        if (n <= 0)
        {
            return n;
        }

        var total = Interlocked.Add(ref _count, n);
        if (total > limits.MaxLayerBytes)
        {
            throw new HostileInputException($"{layerName}: expands past the {limits.MaxLayerBytes}-byte layer limit (--max-layer-size)");
        }

        if (total > limits.RatioCheckFloorBytes)
        {
            var packed = Math.Max(1, compressed.Count);
            if (total / (double)packed > limits.MaxCompressionRatio)
            {
                throw new HostileInputException($"{layerName}: decompression ratio over {limits.MaxCompressionRatio}:1 ({total} bytes from {packed}); refusing a likely decompression bomb");
            }
        }

        _hash.AppendData(buffer[..n]);
        return n;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
            _hash.Dispose();
        }

        base.Dispose(disposing);
    }
}
