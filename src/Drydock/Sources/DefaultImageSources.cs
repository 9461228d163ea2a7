using Drydock.Sources.DockerArchive;
using Drydock.Sources.OciLayout;
using Drydock.Sources.Registry;
using Drydock.Sources.RootFs;

namespace Drydock.Sources;

/// <summary>The backends a default scan can open, one per transport.</summary>
public static class DefaultImageSources
{
    /// <summary>A new instance of every backend.</summary>
    public static IReadOnlyList<IImageSource> Create() =>
    [
        new RegistryImageSource(),
        new DockerArchiveImageSource(),
        new OciLayoutImageSource(),
        new OciArchiveImageSource(),
        new RootFsImageSource(),
    ];
}
