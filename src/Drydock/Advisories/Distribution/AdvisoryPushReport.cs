namespace Drydock.Advisories.Distribution;

/// <summary>What a push did.</summary>
/// <param name="ManifestDigest">The digest of the manifest stored under the tag.</param>
/// <param name="DatabaseDigest">The digest of the whole database file.</param>
/// <param name="DatabaseSize">The database file's size in bytes.</param>
/// <param name="Chunks">Chunks in the manifest.</param>
/// <param name="BlobsUploaded">Blobs (chunks and config) the registry did not have and received.</param>
/// <param name="BytesUploaded">Compressed bytes sent.</param>
/// <param name="BlobsSkipped">Blobs the registry already had.</param>
public sealed record AdvisoryPushReport(string ManifestDigest, string DatabaseDigest, long DatabaseSize, int Chunks, int BlobsUploaded, long BytesUploaded, int BlobsSkipped);
