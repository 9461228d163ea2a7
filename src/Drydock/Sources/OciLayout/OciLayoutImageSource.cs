using Drydock.References;

namespace Drydock.Sources.OciLayout;

/// <summary>The <c>oci:DIR[:TAG]</c> backend: an OCI image layout directory.</summary>
public sealed class OciLayoutImageSource : IImageSource
{
    public ImageTransport Transport => ImageTransport.OciLayout;

    public async Task<IImage> OpenAsync(ImageReference reference, SourceOptions options, CancellationToken cancellationToken)
    {
        var path = reference.Path ?? throw new ArgumentException("a local reference is required", nameof(reference));
        var name = $"oci:{path}";
        if (!Directory.Exists(path))
        {
            throw new DrydockInputException(File.Exists(path) ? $"{name}: not a directory (use oci-archive: for a tar)" : $"{name}: no such directory");
        }

        var storage = new DirectoryLayoutStorage(path, name);
        return await OciLayoutReader.OpenAsync(reference, storage, options, cancellationToken).ConfigureAwait(false);
    }
}
