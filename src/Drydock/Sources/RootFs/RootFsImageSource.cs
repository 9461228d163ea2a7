using Drydock.References;
using Drydock.Sources.Manifests;

namespace Drydock.Sources.RootFs;

/// <summary>The <c>dir:PATH</c> backend: an unpacked root filesystem, scanned as one layer generated on the fly.
/// There is no manifest or config blob; the config is synthesized (linux, the host architecture, no diff-IDs).</summary>
public sealed class RootFsImageSource : IImageSource
{
    public ImageTransport Transport => ImageTransport.RootFs;

    public Task<IImage> OpenAsync(ImageReference reference, SourceOptions options, CancellationToken cancellationToken)
    {
        var path = reference.Path ?? throw new ArgumentException("a local reference is required", nameof(reference));
        var name = $"dir:{path}";
        if (!Directory.Exists(path))
        {
            throw new DrydockInputException(File.Exists(path) ? $"{name}: not a directory" : $"{name}: no such directory");
        }

        var root = Path.GetFullPath(path);
        var platform = Platform.Host;
        var config = new ImageConfigFile
        {
            Os = platform.Os,
            Architecture = platform.Architecture,
            Variant = platform.Variant,
            RootFs = new RootFsSection { Type = "layers", DiffIds = [] },
        };
        IImage image = new ManifestImage(reference, null, null, null, platform, config, new Dictionary<string, string>(),
            [new RootFsLayer(root, name)]);
        return Task.FromResult(image);
    }
}
