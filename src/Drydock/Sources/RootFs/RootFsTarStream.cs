using Drydock.IO;

namespace Drydock.Sources.RootFs;

/// <summary>The reading end of a tar generated in the background. Errors of the writer surface from reads;
/// disposing stops the writer.</summary>
internal sealed class RootFsTarStream(Stream reader, CancellationTokenSource writerCancellation, Task writer) : ReadOnlyForwardStream
{

    private int _disposed;

    public override int Read(byte[] buffer, int offset, int count) => Live.Read(buffer, offset, count);
    public override int Read(Span<byte> buffer) => Live.Read(buffer);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => Live.ReadAsync(buffer, offset, count, cancellationToken);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        => Live.ReadAsync(buffer, cancellationToken);

    private Stream Live
    {
        get
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
            return reader;
        }
    }


    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            // Synchronous disposal cannot wait for the writer; cancelling makes it stop at its next entry.
            writerCancellation.Cancel();
            reader.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            await writerCancellation.CancelAsync().ConfigureAwait(false);
            await reader.DisposeAsync().ConfigureAwait(false);
            await writer.ConfigureAwait(false); // never faults: the writer reports its errors through the pipe
            writerCancellation.Dispose();
        }

        GC.SuppressFinalize(this);
    }
}
