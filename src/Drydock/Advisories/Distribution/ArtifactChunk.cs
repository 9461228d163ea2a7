using Drydock.References;

namespace Drydock.Advisories.Distribution;

/// <summary>One chunk of a pulled database, as its manifest layer declares it (checked, never trusted further).</summary>
/// <param name="Blob">The compressed blob's digest.</param>
/// <param name="BlobSize">The compressed blob's size.</param>
/// <param name="Offset">Where the chunk starts in the database file.</param>
/// <param name="Size">The uncompressed size.</param>
/// <param name="RawDigest">The digest of the uncompressed bytes.</param>
internal sealed record ArtifactChunk(Digest Blob, long BlobSize, long Offset, long Size, Digest RawDigest);
