using Drydock.References;
using Drydock.Sources.Manifests;

namespace Drydock.Sources.OciLayout;

/// <summary>The blobs of an OCI layout (<c>blobs/ALG/HEX</c>), each read through a <see cref="VerifyingStream"/>.</summary>
internal sealed class OciLayoutBlobStore(IOciLayoutStorage storage, SourceOptions options) : IBlobStore
{
    public string Name => storage.Name;

    public async ValueTask<Stream> OpenBlobAsync(Descriptor descriptor, CancellationToken cancellationToken)
    {
        if (!Digest.TryParse(descriptor.Digest, out var digest))
        {
            throw new DrydockInputException($"{Name}: invalid blob digest '{Short(descriptor.Digest)}'");
        }

        var file = await storage.OpenAsync($"blobs/{digest.Algorithm}/{digest.Hex}", cancellationToken).ConfigureAwait(false)
            ?? throw new DrydockInputException($"{Name}: blob {digest} is missing from the layout");
        return new VerifyingStream(file.Stream, digest, descriptor.Size, $"{Name}: blob {digest}");
    }

    public async ValueTask<byte[]> ReadManifestAsync(Descriptor descriptor, CancellationToken cancellationToken)
    {
        if (descriptor.Size > options.MaxManifestBytes)
        {
            throw new HostileInputException($"{Name}: manifest {Short(descriptor.Digest)} is {descriptor.Size} bytes, over the {options.MaxManifestBytes}-byte limit");
        }

        await using var stream = await OpenBlobAsync(descriptor, cancellationToken).ConfigureAwait(false);
        return await VerifyingStream.ReadAllAsync(stream, options.MaxManifestBytes, $"{Name}: manifest {descriptor.Digest}", cancellationToken).ConfigureAwait(false);
    }

    private static string Short(string? s) => s is null ? "" : s.Length > 80 ? s[..80] + "…" : s;
}
