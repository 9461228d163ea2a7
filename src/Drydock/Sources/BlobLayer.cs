using Drydock.References;
using Drydock.Sources.Manifests;

namespace Drydock.Sources;

/// <summary>A layer stored as a blob in an <see cref="IBlobStore"/>.</summary>
public sealed class BlobLayer(int index, Descriptor descriptor, Digest digest, Digest diffId, IBlobStore store) : ILayer
{
    public int Index { get; } = index;
    public Digest? Digest { get; } = digest;
    public Digest? DiffId { get; } = diffId;
    public long Size { get; } = descriptor.Size;
    public string MediaType { get; } = descriptor.MediaType ?? MediaTypes.OciLayer;

    public ValueTask<Stream> OpenAsync(CancellationToken cancellationToken) => store.OpenBlobAsync(descriptor, cancellationToken);
}
