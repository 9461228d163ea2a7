using System.IO.Compression;
using System.Text.Json;
using Drydock.Analysis;

namespace Drydock.LayerCache;

/// <summary>The stored form of a layer result, shared by every store: Brotli-compressed JSON, checked on the way back
/// (schema version and diff-ID must match the key; anything unreadable is a miss).</summary>
public static class LayerResultCodec
{
    /// <summary>Encodes <paramref name="result"/>.</summary>
    public static async Task<byte[]> EncodeAsync(LayerResult result, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await using (var brotli = new BrotliStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            await JsonSerializer.SerializeAsync(brotli, result, LayerResultJsonContext.Default.LayerResult, cancellationToken).ConfigureAwait(false);
        }

        return buffer.ToArray();
    }

    /// <summary>Decodes a stored result for <paramref name="key"/>, or null when it is unreadable or of another schema or layer.</summary>
    public static async Task<LayerResult?> DecodeAsync(byte[] data, LayerCacheKey key, CancellationToken cancellationToken)
    {
        try
        {
            await using var brotli = new BrotliStream(new MemoryStream(data), CompressionMode.Decompress);
            var result = await JsonSerializer.DeserializeAsync(brotli, LayerResultJsonContext.Default.LayerResult, cancellationToken).ConfigureAwait(false);
            return result is not null && result.SchemaVersion == LayerResult.CurrentSchemaVersion && result.DiffId == key.DiffId.ToString() ? result : null;
        }
        catch (Exception e) when (e is JsonException or InvalidDataException or InvalidOperationException)
        {
            // BrotliStream reports bytes that are not Brotli at all as InvalidOperationException ("Decoder ran into invalid data").
            return null; // an unreadable entry is a miss: the layer is analysed again and the entry replaced
        }
    }
}
