namespace Drydock.Layers.Decompression;

/// <summary>How a layer blob is compressed.</summary>
public enum Compression
{
    None,
    Gzip,
    Zstd,
}
