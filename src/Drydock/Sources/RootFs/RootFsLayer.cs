using System.Formats.Tar;
using System.IO.Pipelines;
using Drydock.References;

namespace Drydock.Sources.RootFs;

/// <summary>An unpacked root filesystem as one layer: each open streams a tar generated on the fly from the directory.
/// Digest and diff-ID are unknown until the layer reader has hashed the stream.</summary>
internal sealed class RootFsLayer(string root, string name) : ILayer
{
    public int Index => 0;
    public Digest? Digest => null;
    public Digest? DiffId => null;
    public long Size => -1;
    public string MediaType => MediaTypes.OciLayer;

    public ValueTask<Stream> OpenAsync(CancellationToken cancellationToken)
    {
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 1 << 20, resumeWriterThreshold: 1 << 19, useSynchronizationContext: false));
        var cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var writer = Task.Run(() => WriteAsync(pipe.Writer, cancellation.Token), CancellationToken.None);
        Stream stream = new RootFsTarStream(pipe.Reader.AsStream(), cancellation, writer);
        return ValueTask.FromResult(stream);
    }

    private async Task WriteAsync(PipeWriter pipe, CancellationToken cancellationToken)
    {
        Exception? error = null;
        try
        {
            var output = pipe.AsStream(leaveOpen: true);
            await using (output.ConfigureAwait(false))
            {
                var tar = new TarWriter(output, TarEntryFormat.Pax, leaveOpen: true);
                await using (tar.ConfigureAwait(false))
                {
                    await new RootFsTarWriter(root, name, tar).WriteAsync(cancellationToken).ConfigureAwait(false);
                }

                await output.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e)
        {
            error = e;
        }

        await pipe.CompleteAsync(error).ConfigureAwait(false);
    }
}
