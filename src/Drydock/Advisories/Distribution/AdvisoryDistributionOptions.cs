namespace Drydock.Advisories.Distribution;

/// <summary>Chunking, compression and limits for pushing and pulling the advisory database.</summary>
public sealed record AdvisoryDistributionOptions
{
    private readonly int _chunkBytes = 16 * 1024 * 1024;

    /// <summary>Uncompressed bytes per chunk (default 16 MiB); a multiple of 64 KiB, the largest SQLite page, so a changed page
    /// never straddles two chunks.</summary>
    public int ChunkBytes
    {
        get => _chunkBytes;
        init => _chunkBytes = value >= 64 * 1024 && value % (64 * 1024) == 0 && value <= MaxChunkBytes
            ? value
            : throw new ArgumentOutOfRangeException(nameof(ChunkBytes), value, "a multiple of 64 KiB up to 256 MiB");
    }

    /// <summary>The zstd level for chunks (default 9: the same bytes always compress to the same blob).</summary>
    public int CompressionLevel { get; init; } = 9;

    /// <summary>Largest database a pull accepts (default 16 GiB).</summary>
    public long MaxDatabaseBytes { get; init; } = 16L * 1024 * 1024 * 1024;

    /// <summary>Largest chunk a pull accepts, compressed or not (256 MiB).</summary>
    public const int MaxChunkBytes = 256 * 1024 * 1024;

    /// <summary>Most chunks a pull accepts (default 4096).</summary>
    public int MaxChunks { get; init; } = 4096;
}
