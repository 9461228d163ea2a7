using Drydock.IO;

namespace Drydock.Layers;

/// <summary>Counts the bytes read through it (for progress and ratio checks); thread-safe to poll.</summary>
public sealed class CountingStream(Stream inner) : ReadOnlyForwardStream
{
    private long _count;

    /// <summary>Bytes read so far.</summary>
    public long Count => Interlocked.Read(ref _count);

    public override long Position { get => Count; set => throw new NotSupportedException(); }

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        Interlocked.Add(ref _count, n);
        return n;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var n = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        Interlocked.Add(ref _count, n);
        return n;
    }


    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    public override ValueTask DisposeAsync() => inner.DisposeAsync();
}
