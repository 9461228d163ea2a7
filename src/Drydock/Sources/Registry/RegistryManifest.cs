using Drydock.References;
using Drydock.Sources.Manifests;

namespace Drydock.Sources.Registry;

/// <summary>A manifest as a registry served it: the raw bytes, the Content-Type and the digest of the bytes.</summary>
public sealed record RegistryManifest(byte[] Bytes, string? MediaType, Digest Digest)
{
    /// <summary>Parses the bytes (Docker schema 1 is refused); <paramref name="what"/> names the manifest in messages.</summary>
    public ManifestDocument Parse(string what) => ManifestDocument.Parse(Bytes, MediaType, what);
}
