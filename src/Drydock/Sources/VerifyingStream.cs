using System.Security.Cryptography;
using Drydock.IO;
using Drydock.References;

namespace Drydock.Sources;

/// <summary>A read-only pass-through that hashes and counts what is read and fails at end of stream
/// when the size or digest differs from the descriptor (go-containerregistry's internal/verify).</summary>
public sealed class VerifyingStream : ReadOnlyForwardStream
{
    private readonly Stream _inner;
    private readonly Digest _expected;
    private readonly long _expectedSize;
    private readonly string _what;
    private readonly IncrementalHash _hash;
    private long _read;
    private bool _verified;

    /// <summary>Wraps <paramref name="inner"/>; <paramref name="expectedSize"/> below zero means unknown.</summary>
    public VerifyingStream(Stream inner, Digest expected, long expectedSize, string what)
    {
        _inner = inner;
        _expected = expected;
        _expectedSize = expectedSize;
        _what = what;
        _hash = expected.CreateHash();
    }

    /// <summary>Bytes read so far.</summary>
    public long BytesRead => _read;

    public override long Length => _expectedSize >= 0 ? _expectedSize : throw new NotSupportedException();
    public override long Position { get => _read; set => throw new NotSupportedException(); }

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return 0; // a zero-length request is not end of stream: verifying here would report truncation
        }

        var n = _inner.Read(buffer);
        return Account(buffer[..n]);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        var n = await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        return Account(buffer.Span[..n]);
    }

    private int Account(ReadOnlySpan<byte> data)
    {
        if (data.Length == 0)
        {
            Verify();
            return 0;
        }

        _read += data.Length;
        if (_expectedSize >= 0 && _read > _expectedSize)
        {
            throw new HostileInputException($"{_what}: more data than the {_expectedSize} bytes its descriptor declares");
        }

        _hash.AppendData(data);
        return data.Length;
    }

    private void Verify()
    {
        if (_verified)
        {
            return;
        }

        _verified = true;
        if (_expectedSize >= 0 && _read != _expectedSize)
        {
            throw new HostileInputException($"{_what}: truncated, {_read} of {_expectedSize} bytes");
        }

        Span<byte> actual = stackalloc byte[64];
        var length = _hash.GetHashAndReset(actual);
        var hex = Convert.ToHexStringLower(actual[..length]);
        if (!string.Equals(hex, _expected.Hex, StringComparison.Ordinal))
        {
            throw new DigestMismatchException(_what, _expected, $"{_expected.Algorithm}:{hex}");
        }
    }


    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
            _hash.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await _inner.DisposeAsync().ConfigureAwait(false);
        _hash.Dispose();
        await base.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Reads a whole small blob through verification, refusing more than <paramref name="maxBytes"/>.</summary>
    public static async Task<byte[]> ReadAllAsync(Stream verified, long maxBytes, string what, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        while (true)
        {
            var n = await verified.ReadAsync(chunk, cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                break;
            }

            if (buffer.Length + n > maxBytes)
            {
                throw new HostileInputException($"{what}: larger than the {maxBytes}-byte limit");
            }

            buffer.Write(chunk, 0, n);
        }

        return buffer.ToArray();
    }
}
