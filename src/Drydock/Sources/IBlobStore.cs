using Drydock.Sources.Manifests;

namespace Drydock.Sources;

/// <summary>The small core a content-addressed backend implements (registry, OCI layout, OCI archive);
/// <see cref="ManifestResolver"/> derives whole images from it.</summary>
public interface IBlobStore
{
    /// <summary>A short name of the store for messages, for example the registry repository or layout path.</summary>
    string Name { get; }

    /// <summary>Opens a blob, verified against the descriptor's digest and size at end of stream.</summary>
    ValueTask<Stream> OpenBlobAsync(Descriptor descriptor, CancellationToken cancellationToken);

    /// <summary>Reads a child manifest named by an index entry, verified against its digest.</summary>
    ValueTask<byte[]> ReadManifestAsync(Descriptor descriptor, CancellationToken cancellationToken);
}
