using Drydock.References;
using Drydock.Sources.Manifests;

namespace Drydock.Sources;

/// <summary>An image resolved from a manifest in any content-addressed backend.</summary>
public sealed class ManifestImage(
    ImageReference reference,
    Digest? manifestDigest,
    Digest? configDigest,
    string? manifestMediaType,
    Platform platform,
    ImageConfigFile config,
    IReadOnlyDictionary<string, string> annotations,
    IReadOnlyList<ILayer> layers,
    IAsyncDisposable? owner = null) : IImage
{
    public ImageReference Reference { get; } = reference;
    public Digest? ManifestDigest { get; } = manifestDigest;
    public Digest? ConfigDigest { get; } = configDigest;
    public string? ManifestMediaType { get; } = manifestMediaType;
    public Platform Platform { get; } = platform;
    public ImageConfigFile Config { get; } = config;
    public IReadOnlyDictionary<string, string> Annotations { get; } = annotations;
    public IReadOnlyList<ILayer> Layers { get; } = layers;

    /// <summary>The same image whose disposal also disposes <paramref name="resource"/> (an archive handle, a client).</summary>
    public ManifestImage OwnedBy(IAsyncDisposable resource)
        => new(Reference, ManifestDigest, ConfigDigest, ManifestMediaType, Platform, Config, Annotations, Layers, resource);

    public ValueTask DisposeAsync() => owner?.DisposeAsync() ?? ValueTask.CompletedTask;
}
