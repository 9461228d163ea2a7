using System.Net;
using System.Net.Http.Headers;

namespace Drydock.Sources.Registry;

/// <summary>An upload body read from a stream opened afresh for every attempt, so a retried or re-authenticated PUT resends
/// the whole blob; every chunk written re-arms the request's idle timer, so a large blob uploads for as long as it moves.</summary>
internal sealed class StreamedBlobContent : HttpContent
{
    private const int ChunkBytes = 128 * 1024;
    private readonly Func<CancellationToken, ValueTask<Stream>> _open;
    private readonly long _size;

    public StreamedBlobContent(Func<CancellationToken, ValueTask<Stream>> open, long size)
    {
        _open = open;
        _size = size;
        Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        Headers.ContentLength = size;
    }

    /// <summary>The timer of the request this body belongs to and how long it may stay idle; set by the client before sending.</summary>
    public (CancellationTokenSource Timer, TimeSpan Idle)? Watchdog { get; set; }

    /// <summary>The failure of reading the source (a digest mismatch, a broken download), kept so that the HTTP stack's
    /// wrapping cannot turn it into a retried network error.</summary>
    public Exception? SourceFailure { get; private set; }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        Stream source;
        try
        {
            source = await _open(cancellationToken).ConfigureAwait(false);
        }
        catch (DrydockInputException e)
        {
            SourceFailure = e;
            throw;
        }

        await using (source.ConfigureAwait(false))
        {
            var buffer = new byte[ChunkBytes];
            while (true)
            {
                int n;
                try
                {
                    n = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
                }
                catch (DrydockInputException e)
                {
                    SourceFailure = e;
                    throw;
                }

                if (n == 0)
                {
                    return;
                }

                await stream.WriteAsync(buffer.AsMemory(0, n), cancellationToken).ConfigureAwait(false);
                if (Watchdog is { } watchdog)
                {
                    watchdog.Timer.CancelAfter(watchdog.Idle);
                }
            }
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _size;
        return true;
    }
}
