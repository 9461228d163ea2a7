using Drydock.References;
using Drydock.Sources;

namespace Drydock.Cluster.Layers;

/// <summary>An image source that hands out one image already opened (its manifest and config fetched once), so that the scan
/// after the layer look-ups does not fetch the manifest again.</summary>
public sealed class OpenedImageSource(IImage image) : IImageSource
{
    /// <inheritdoc />
    public ImageTransport Transport => image.Reference.Transport;

    /// <inheritdoc />
    public Task<IImage> OpenAsync(ImageReference reference, SourceOptions options, CancellationToken cancellationToken) => Task.FromResult(image);
}
