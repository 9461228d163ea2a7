using Drydock.References;
using Drydock.Sources.Archives;

namespace Drydock.Sources.OciLayout;

/// <summary>The <c>oci-archive:PATH[:TAG]</c> backend: a tar of an OCI image layout, indexed once and never extracted.</summary>
public sealed class OciArchiveImageSource : IImageSource
{
    public ImageTransport Transport => ImageTransport.OciArchive;

    public async Task<IImage> OpenAsync(ImageReference reference, SourceOptions options, CancellationToken cancellationToken)
    {
        var path = reference.Path ?? throw new ArgumentException("a local reference is required", nameof(reference));
        var archive = await TarArchiveIndex.OpenAsync(path, $"oci-archive:{path}", cancellationToken).ConfigureAwait(false);
        try
        {
            var image = await OciLayoutReader.OpenAsync(reference, new ArchiveLayoutStorage(archive), options, cancellationToken).ConfigureAwait(false);
            return image.OwnedBy(archive);
        }
        catch
        {
            await archive.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
