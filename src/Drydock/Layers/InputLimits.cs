namespace Drydock.Layers;

/// <summary>Safety limits applied while reading a layer. Defaults pass real images of 10 GB; each has a CLI flag.</summary>
public sealed record InputLimits
{
    /// <summary>Most uncompressed bytes one layer may expand to.</summary>
    public long MaxLayerBytes { get; init; } = 32L * 1024 * 1024 * 1024;

    /// <summary>Most entries one layer may hold.</summary>
    public int MaxEntries { get; init; } = 2_000_000;

    /// <summary>Largest single file accepted in a layer (larger ones fail the layer).</summary>
    public long MaxFileBytes { get; init; } = 16L * 1024 * 1024 * 1024;

    /// <summary>Largest file whose whole content is handed to an analyzer; larger ones are skipped and counted.</summary>
    public long MaxAnalyzedFileBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Expansion ratio (uncompressed/compressed) beyond which a layer counts as a decompression bomb,
    /// checked once <see cref="RatioCheckFloorBytes"/> have been expanded.</summary>
    public double MaxCompressionRatio { get; init; } = 2000;

    /// <summary>Uncompressed bytes before the ratio check applies (small layers of zeros are fine).</summary>
    public long RatioCheckFloorBytes { get; init; } = 1L * 1024 * 1024 * 1024;

    /// <summary>Longest path accepted, in characters.</summary>
    public int MaxPathLength { get; init; } = 4096;

    /// <summary>Largest tar metadata block (a PAX extended header or a GNU long name) accepted; the tar reader
    /// buffers these whole, so a hostile size must be refused before it is read.</summary>
    public int MaxHeaderBytes { get; init; } = 1024 * 1024;

    /// <summary>The defaults.</summary>
    public static InputLimits Default { get; } = new();

    /// <summary>A stable text of every limit that can change analysis output, for the cache key.</summary>
    public string CacheKeyText => $"{MaxLayerBytes}/{MaxEntries}/{MaxFileBytes}/{MaxAnalyzedFileBytes}/{MaxPathLength}";
}
