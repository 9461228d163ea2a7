using Drydock.References;

namespace Drydock.Sources;

/// <summary>Opens a reference with the backend registered for its transport (an explicit list, no registration by side effect).</summary>
public sealed class ImageOpener
{
    private readonly Dictionary<ImageTransport, IImageSource> _sources;

    /// <summary>Creates an opener over the given backends.</summary>
    public ImageOpener(IEnumerable<IImageSource> sources)
    {
        _sources = sources.ToDictionary(s => s.Transport);
    }

    /// <summary>Opens <paramref name="reference"/>.</summary>
    public Task<IImage> OpenAsync(ImageReference reference, SourceOptions options, CancellationToken cancellationToken)
    {
        if (!_sources.TryGetValue(reference.Transport, out var source))
        {
            throw new DrydockInputException($"no image source for the '{reference.Transport.Prefix()}:' transport");
        }

        return source.OpenAsync(reference, options, cancellationToken);
    }
}
