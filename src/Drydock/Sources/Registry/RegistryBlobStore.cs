using Drydock.References;
using Drydock.Sources.Manifests;

namespace Drydock.Sources.Registry;

/// <summary>The blobs and child manifests of one registry repository, for <see cref="ManifestResolver"/>.</summary>
public sealed class RegistryBlobStore(RegistryClient client, string repository) : IBlobStore
{
    /// <inheritdoc />
    public string Name { get; } = $"{client.Endpoint.Registry}/{repository}";

    /// <inheritdoc />
    public async ValueTask<Stream> OpenBlobAsync(Descriptor descriptor, CancellationToken cancellationToken)
        => await client.OpenBlobAsync(repository, descriptor, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async ValueTask<byte[]> ReadManifestAsync(Descriptor descriptor, CancellationToken cancellationToken)
    {
        if (!Digest.TryParse(descriptor.Digest, out var digest))
        {
            throw new DrydockInputException($"{Name}: index entry has an invalid digest '{descriptor.Digest}'");
        }

        // Fetching by digest verifies the bytes against it.
        var manifest = await client.FetchManifestAsync(repository, digest.ToString(), cancellationToken).ConfigureAwait(false);
        if (descriptor.Size > 0 && manifest.Bytes.Length != descriptor.Size)
        {
            throw new HostileInputException($"{Name}@{digest}: the manifest is {manifest.Bytes.Length} bytes but the index declares {descriptor.Size}");
        }

        return manifest.Bytes;
    }
}
