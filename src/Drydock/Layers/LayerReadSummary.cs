using Drydock.References;

namespace Drydock.Layers;

/// <summary>What reading one layer measured: its computed diff-ID, sizes, entry count and the warnings raised.</summary>
public sealed record LayerReadSummary(
    Digest DiffId,
    Decompression.Compression Compression,
    long CompressedBytes,
    long UncompressedBytes,
    int EntryCount,
    IReadOnlyList<Diagnostic> Warnings);
