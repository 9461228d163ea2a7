using Drydock.References;
using Drydock.Sources.Manifests;

namespace Drydock.Sources;

/// <summary>An opened image: manifest and config already resolved, layers ready to stream.</summary>
public interface IImage : IAsyncDisposable
{
    /// <summary>The reference the image was opened from.</summary>
    ImageReference Reference { get; }

    /// <summary>The manifest digest, where the source has a manifest.</summary>
    Digest? ManifestDigest { get; }

    /// <summary>The digest of the config blob, where the source has one.</summary>
    Digest? ConfigDigest { get; }

    /// <summary>The manifest's media type, where the source has a manifest.</summary>
    string? ManifestMediaType { get; }

    /// <summary>The platform of this image.</summary>
    Platform Platform { get; }

    /// <summary>The parsed image configuration (an empty one for a root filesystem).</summary>
    ImageConfigFile Config { get; }

    /// <summary>Manifest annotations, where the source has a manifest.</summary>
    IReadOnlyDictionary<string, string> Annotations { get; }

    /// <summary>The filesystem layers, lowest first.</summary>
    IReadOnlyList<ILayer> Layers { get; }
}
