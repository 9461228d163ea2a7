namespace Drydock.Cluster.Grains;

/// <summary>Where a layer's blob is and which image asked for it: what a <see cref="ILayerGrain"/> needs to analyse it.</summary>
/// <param name="Registry">The registry host[:port].</param>
/// <param name="Repository">The repository holding the blob.</param>
/// <param name="BlobDigest">The digest of the stored (compressed) blob.</param>
/// <param name="MediaType">The layer media type from the manifest.</param>
/// <param name="Size">The stored size in bytes.</param>
/// <param name="DiffId">The digest of the uncompressed tar.</param>
/// <param name="Image">The manifest digest of the image asking (the first asker is credited with the analysis).</param>
[GenerateSerializer, Immutable]
public sealed record LayerJob(
    [property: Id(0)] string Registry,
    [property: Id(1)] string Repository,
    [property: Id(2)] string BlobDigest,
    [property: Id(3)] string MediaType,
    [property: Id(4)] long Size,
    [property: Id(5)] string DiffId,
    [property: Id(6)] string Image);
