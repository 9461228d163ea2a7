namespace Drydock.Sources.Registry;

/// <summary>A response body that owns its response and fails a read that stalls longer than the request timeout,
/// so a blob streams for as long as data keeps coming but a silent server cannot hang a scan.</summary>
internal sealed class ResponseStream(HttpResponseMessage response, Stream inner, TimeSpan idleTimeout, string what) : Stream
{
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

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

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

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
