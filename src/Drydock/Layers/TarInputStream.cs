using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Drydock.IO;
using Drydock.References;

namespace Drydock.Layers;

/// <summary>The decompressed tar as the tar reader sees it. Reads the codec in large chunks and, for each chunk,
/// counts it against the expansion limits (a decompression bomb), hashes it for the diff-ID and runs the
/// <see cref="TarHeaderGuard"/> over it; then serves the tar reader's small reads from the chunk.
/// Codec failures surface as <see cref="HostileInputException"/>, and so does a tar that ends without its end marker.</summary>
internal sealed class TarInputStream : ReadOnlyForwardStream
{
    private const int ChunkSize = 128 * 1024;

    private readonly Stream _inner;
    private readonly CountingStream _compressed;
    private readonly InputLimits _limits;
    private readonly string _layerName;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private byte[]? _buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
    private int _start;
    private int _end;
    private bool _eof;
    private long _count;

    public TarInputStream(Stream inner, CountingStream compressed, InputLimits limits, string layerName)
    {
        _inner = inner;
        _compressed = compressed;
        _limits = limits;
        _layerName = layerName;
        Guard = new TarHeaderGuard(limits, layerName);
    }

    /// <summary>The tar structure seen so far.</summary>
    public TarHeaderGuard Guard { get; }

    /// <summary>Uncompressed bytes taken from the codec so far (safe to poll from another thread).</summary>
    public long Count => Interlocked.Read(ref _count);

    /// <summary>The SHA-256 of everything read; call once, at the end.</summary>
    public Digest FinishDigest() => Digest.FromSha256Hash(_hash.GetHashAndReset());


    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        if (_start == _end)
        {
            if (_eof)
            {
                return 0;
            }

            // Large reads (file content) go straight into the caller's buffer, saving a copy.
            var direct = buffer.Length >= ChunkSize / 2;
            var target = direct ? buffer[..Math.Min(buffer.Length, ChunkLength())] : Chunk();
            int n;
            try
            {
                n = _inner.Read(target);
            }
            catch (Exception e) when (IsCodecFailure(e))
            {
                throw Corrupt(e);
            }

            if (Accept(target, n) == 0 || direct)
            {
                return n;
            }
        }

        return Serve(buffer);
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty)
        {
            return ValueTask.FromResult(0);
        }

        if (_start < _end)
        {
            return ValueTask.FromResult(Serve(buffer.Span));
        }

        return _eof ? ValueTask.FromResult(0) : FillAndServeAsync(buffer, cancellationToken);
    }

    private async ValueTask<int> FillAndServeAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var direct = buffer.Length >= ChunkSize / 2;
        var target = direct ? buffer[..Math.Min(buffer.Length, ChunkLength())] : ChunkMemory();
        int n;
        try
        {
            n = await _inner.ReadAsync(target, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (IsCodecFailure(e))
        {
            throw Corrupt(e);
        }

        return Accept(target.Span, n) == 0 || direct ? n : Serve(buffer.Span);
    }

    private int Serve(Span<byte> destination)
    {
        var n = Math.Min(destination.Length, _end - _start);
        _buffer.AsSpan(_start, n).CopyTo(destination);
        _start += n;
        return n;
    }

    // Never ask the codec for more than one byte past the layer limit, so a bomb cannot inflate further.
    private int ChunkLength()
    {
        var left = _limits.MaxLayerBytes - _count + 1;
        return left < ChunkSize ? (int)Math.Max(1, left) : ChunkSize;
    }

    private Span<byte> Chunk() => Buffer().AsSpan(0, ChunkLength());

    private Memory<byte> ChunkMemory() => Buffer().AsMemory(0, ChunkLength());

    private byte[] Buffer() => _buffer ?? throw new ObjectDisposedException(nameof(TarInputStream));

    // Accounts for n bytes just decoded into target (the chunk buffer, or the caller's buffer for direct reads).
    private int Accept(Span<byte> target, int n)
    {
        _start = 0;
        _end = 0;
        if (n <= 0)
        {
            _eof = true;
            Guard.Complete();
            return 0;
        }

        var chunk = target[..n];
        var total = Interlocked.Add(ref _count, n);
        if (total > _limits.MaxLayerBytes)
        {
            throw new HostileInputException($"{_layerName}: expands past the {_limits.MaxLayerBytes}-byte layer limit (--max-layer-size)");
        }

        if (total > _limits.RatioCheckFloorBytes)
        {
            var packed = Math.Max(1, _compressed.Count);
            if (total / (double)packed > _limits.MaxCompressionRatio)
            {
                throw new HostileInputException($"{_layerName}: decompression ratio over {_limits.MaxCompressionRatio}:1 ({total} bytes from {packed}); refusing a likely decompression bomb");
            }
        }

        _hash.AppendData(chunk);
        Guard.Observe(chunk);
        if (!Unsafe.AreSame(ref MemoryMarshal.GetReference(target), ref MemoryMarshal.GetArrayDataReference(Buffer())))
        {
            return n; // a direct read: nothing buffered
        }

        _end = n;
        return n;
    }

    private static bool IsCodecFailure(Exception e) => e is InvalidDataException or EndOfStreamException or ZstdSharp.ZstdException;

    private HostileInputException Corrupt(Exception e)
    {
        var message = e.Message;
        var newline = message.IndexOfAny(['\r', '\n']);
        return new HostileInputException(
            $"{_layerName}: corrupt or truncated compressed layer after {Count} uncompressed bytes ({(newline < 0 ? message : message[..newline])})", e);
    }


    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
            _hash.Dispose();
            if (_buffer is { } buffer)
            {
                _buffer = null;
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        base.Dispose(disposing);
    }
}
