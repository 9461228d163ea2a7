using Drydock.References;

namespace Drydock.Sources;

/// <summary>One backend that opens images of one transport.</summary>
public interface IImageSource
{
    /// <summary>The transport this backend serves.</summary>
    ImageTransport Transport { get; }

    /// <summary>Opens the image: resolves manifest (and platform) and config; layers are streamed later.</summary>
    Task<IImage> OpenAsync(ImageReference reference, SourceOptions options, CancellationToken cancellationToken);
}
