using System.IO.Compression;

namespace Drydock.Layers.Decompression;

/// <summary>Opens the decompressed view of a blob, choosing the codec by magic bytes (the media type is a hint).</summary>
public static class Decompressor
{
    /// <summary>The decompressed stream and the compression found. A media type that disagrees with the
    /// magic bytes yields a warning text (none when no media type is known); the magic bytes win.</summary>
    public static async Task<(Stream Stream, Compression Compression, string? Warning)> OpenAsync(
        Stream blob, string? mediaType, CancellationToken cancellationToken)
    {
        var head = new byte[4];
        var got = 0;
        while (got < head.Length)
        {
            var n = await blob.ReadAsync(head.AsMemory(got), cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                break;
            }

            got += n;
        }

        var declared = CompressionDetector.FromMediaType(mediaType);
        var actual = CompressionDetector.FromMagic(head.AsSpan(0, got));
        string? warning = mediaType is not null && declared != actual
            ? $"media type '{mediaType}' declares {declared} but the blob is {actual}; read as {actual}"
            : null;
        var replay = new PrefixedStream(head.AsMemory(0, got), blob);
        Stream stream = actual switch
        {
            Compression.Gzip => new GZipStream(replay, CompressionMode.Decompress, leaveOpen: false),
            Compression.Zstd => new ZstdSharp.DecompressionStream(replay, leaveOpen: false),
            _ => replay,
        };
        return (stream, actual, warning);
    }
}
