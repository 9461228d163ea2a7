using Drydock.IO;

namespace Drydock.Sources.Registry;

/// <summary>A response body that owns its response and fails a read that stalls longer than the request timeout,
/// so a blob streams for as long as data keeps coming but a silent server cannot hang a scan.</summary>
internal sealed class ResponseStream(HttpResponseMessage response, Stream inner, TimeSpan idleTimeout, string what) : ReadOnlyForwardStream
{

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(idleTimeout);
        try
        {
            return await inner.ReadAsync(buffer, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new DrydockInputException($"{what}: the registry sent no data for {idleTimeout.TotalSeconds:0} s");
        }
        catch (HttpRequestException e)
        {
            throw new DrydockInputException($"{what}: the download broke off ({e.Message})", e);
        }
        catch (IOException e)
        {
            throw new DrydockInputException($"{what}: the download broke off ({e.Message})", e);
        }
    }


    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
            response.Dispose();
        }

        base.Dispose(disposing);
    }
}
