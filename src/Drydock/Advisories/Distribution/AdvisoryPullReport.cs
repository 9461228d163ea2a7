namespace Drydock.Advisories.Distribution;

/// <summary>What a pull did.</summary>
/// <param name="DatabasePath">The database written.</param>
/// <param name="ManifestDigest">The digest of the manifest pulled.</param>
/// <param name="DatabaseDigest">The digest of the database file, as verified.</param>
/// <param name="DatabaseSize">The database file's size in bytes.</param>
/// <param name="Chunks">Chunks in the manifest.</param>
/// <param name="ChunksDownloaded">Chunks fetched from the registry.</param>
/// <param name="BytesDownloaded">Compressed bytes fetched.</param>
/// <param name="ChunksReused">Chunks found, verified, in the download cache.</param>
public sealed record AdvisoryPullReport(string DatabasePath, string ManifestDigest, string DatabaseDigest, long DatabaseSize, int Chunks,
    int ChunksDownloaded, long BytesDownloaded, int ChunksReused);
