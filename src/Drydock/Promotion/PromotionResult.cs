using Drydock.References;

namespace Drydock.Promotion;

/// <summary>What a promotion did: the destination manifest and how every distinct blob got there.</summary>
/// <param name="Destination">The destination as written (registry/repository:tag or @digest).</param>
/// <param name="Digest">The digest of the root manifest or index in the destination (the same as in the source).</param>
/// <param name="MediaType">The root's media type.</param>
/// <param name="Manifests">Manifests stored (the root, and each child of an index).</param>
/// <param name="Platforms">The platforms of the copied images (os/arch[/variant]; "unknown" for entries without one).</param>
/// <param name="BlobsCopied">Blobs streamed and uploaded.</param>
/// <param name="BlobsMounted">Blobs mounted from the source repository.</param>
/// <param name="BlobsSkipped">Blobs the destination already had.</param>
/// <param name="BlobsForeign">Foreign or non-distributable layers, left where their URLs point.</param>
/// <param name="BytesCopied">Bytes uploaded.</param>
public sealed record PromotionResult(
    string Destination,
    Digest Digest,
    string MediaType,
    int Manifests,
    IReadOnlyList<string> Platforms,
    int BlobsCopied,
    int BlobsMounted,
    int BlobsSkipped,
    int BlobsForeign,
    long BytesCopied);
