using System.Security.Cryptography;

namespace Drydock.Analysis;

/// <summary>The SHA-256 of the file the runner is dispatching, computed at most once however many analyzers ask for it.
/// The runner may start it on the thread pool as soon as the bytes are read (large executables, which the executables
/// analyzer always hashes), so that hashing overlaps the signature scan on the other core; an analyzer that asks
/// before it is done waits for it. One instance serves one layer run, entry after entry.</summary>
public sealed class ContentDigest
{
    private readonly byte[] _hash = new byte[SHA256.HashSizeInBytes];
    private byte[] _buffer = [];
    private int _length;
    private Task? _pending;
    private bool _done;
    private string? _hex;

    /// <summary>True once <see cref="Start"/> ran for the current file.</summary>
    public bool Started { get; private set; }

    /// <summary>Points the digest at the first <paramref name="length"/> bytes of <paramref name="buffer"/> (not yet hashed).</summary>
    public void Reset(byte[] buffer, int length)
    {
        Settle();
        _buffer = buffer;
        _length = length;
        _done = false;
        _hex = null;
        Started = false;
    }

    /// <summary>Starts hashing on the thread pool; the buffer must not change until <see cref="Settle"/> returns.</summary>
    public void Start()
    {
        if (!_done && _pending is null)
        {
            var buffer = _buffer;
            var length = _length;
            Started = true;
            _pending = Task.Run(() => SHA256.HashData(buffer.AsSpan(0, length), _hash));
        }
    }

    /// <summary>The digest's 32 bytes.</summary>
    public ReadOnlySpan<byte> Sha256
    {
        get
        {
            Complete();
            return _hash;
        }
    }

    /// <summary>The digest as lower-case hex.</summary>
    public string Sha256Hex => _hex ??= Convert.ToHexStringLower(Sha256);

    /// <summary>Waits for a hash started by <see cref="Start"/>; the buffer may be reused afterwards.</summary>
    public void Settle()
    {
        if (_pending is { } pending)
        {
            _pending = null;
            pending.GetAwaiter().GetResult();
            _done = true;
        }
    }

    private void Complete()
    {
        Settle();
        if (!_done)
        {
            SHA256.HashData(_buffer.AsSpan(0, _length), _hash);
            _done = true;
        }
    }
}
