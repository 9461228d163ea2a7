namespace Drydock.Layers.Decompression;

/// <summary>Tells a blob's compression from its media type, confirmed by its magic bytes.</summary>
public static class CompressionDetector
{
    private static ReadOnlySpan<byte> GzipMagic => [0x1f, 0x8b];
    private static ReadOnlySpan<byte> ZstdMagic => [0x28, 0xb5, 0x2f, 0xfd];

    /// <summary>The compression the media type declares.</summary>
    public static Compression FromMediaType(string? mediaType)
    {
        if (mediaType is null)
        {
            return Compression.None;
        }

        if (mediaType.EndsWith("+gzip", StringComparison.Ordinal) || mediaType.EndsWith(".tar.gzip", StringComparison.Ordinal))
        {
            return Compression.Gzip;
        }

        if (mediaType.EndsWith("+zstd", StringComparison.Ordinal) || mediaType.EndsWith(".tar.zstd", StringComparison.Ordinal))
        {
            return Compression.Zstd;
        }

        return Compression.None;
    }

    /// <summary>The compression the first bytes show.</summary>
    public static Compression FromMagic(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith(GzipMagic))
        {
            return Compression.Gzip;
        }

        if (head.StartsWith(ZstdMagic))
        {
            return Compression.Zstd;
        }

        return Compression.None;
    }
}
