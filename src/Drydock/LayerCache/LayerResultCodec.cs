using System.Text.Json;
using Drydock.Analysis;
using ZstdSharp;

namespace Drydock.LayerCache;

/// <summary>The stored form of a layer result, shared by every store: zstd-compressed JSON whose frame records its size, so a
/// hit is decompressed into one buffer and deserialised from it in one synchronous pass (a warm scan's main cost). Checked on
/// the way back: schema version and diff-ID must match the key, and anything unreadable (cut short, oversized, not zstd, such
/// as the Brotli entries of older builds) is a miss, which the store then overwrites.</summary>
public static class LayerResultCodec
{
    /// <summary>The largest decompressed result accepted back: a cache that a fleet shares is input like any other.</summary>
    public const int MaxDecodedBytes = 1 << 30;

    // zstd's default level: about Brotli-fastest's size here, and several times faster to decompress.
    private const int Level = 3;

    /// <summary>Encodes <paramref name="result"/>.</summary>
    public static Task<byte[]> EncodeAsync(LayerResult result, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var json = JsonSerializer.SerializeToUtf8Bytes(result, LayerResultJsonContext.Default.LayerResult);
        using var compressor = new Compressor(Level);
        return Task.FromResult(compressor.Wrap(json).ToArray());
    }

    /// <summary>Decodes a stored result for <paramref name="key"/>, or null when it is unreadable or of another schema or layer.</summary>
    public static Task<LayerResult?> DecodeAsync(byte[] data, LayerCacheKey key, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Decode(data, key));
    }

    /// <summary>Decodes a stored result for <paramref name="key"/>, or null when it is unreadable or of another schema or layer.</summary>
    public static LayerResult? Decode(ReadOnlySpan<byte> data, LayerCacheKey key)
    {
        try
        {
            // The frame header says how large the JSON is (an unknown or failed size reads as a huge one).
            var size = Decompressor.GetDecompressedSize(data);
            if (size is 0 or > MaxDecodedBytes)
            {
                return null;
            }

            var json = GC.AllocateUninitializedArray<byte>((int)size);
            using (var decompressor = new Decompressor())
            {
                if (decompressor.Unwrap(data, json) != json.Length)
                {
                    return null;
                }
            }

            var result = JsonSerializer.Deserialize(json, LayerResultJsonContext.Default.LayerResult);
            return result is not null && result.SchemaVersion == LayerResult.CurrentSchemaVersion && result.DiffId == key.DiffId.ToString() ? result : null;
        }
        catch (Exception e) when (e is JsonException or ZstdException or ArgumentException)
        {
            return null; // an unreadable entry is a miss: the layer is analysed again and the entry replaced
        }
    }
}
