using Drydock.References;

namespace Drydock.Sources;

/// <summary>One filesystem layer: two identities (blob digest, diff-ID) and a stream of its blob as stored.</summary>
public interface ILayer
{
    /// <summary>Position in the image, 0 for the lowest layer.</summary>
    int Index { get; }

    /// <summary>The digest of the stored (usually compressed) blob; null where the source has no blob.</summary>
    Digest? Digest { get; }

    /// <summary>The digest of the uncompressed tar, from the image config; null where unknown before reading.</summary>
    Digest? DiffId { get; }

    /// <summary>The stored size in bytes, or -1 when unknown.</summary>
    long Size { get; }

    /// <summary>The layer media type as the manifest declares it (compression is confirmed by magic bytes).</summary>
    string MediaType { get; }

    /// <summary>Opens the blob as stored. The stream verifies size and digest and throws at its end on a mismatch.</summary>
    ValueTask<Stream> OpenAsync(CancellationToken cancellationToken);
}
