using System.Security.Cryptography;
using System.Text.Json;
using Drydock.Analysis;
using Drydock.Layers;
using Drydock.References;

namespace Drydock.LayerCache;

/// <summary>The cache key of one layer's analysis: SHA-256 over the diff-ID, the result schema, every analyzer
/// id and version (with the configuration of an <see cref="IConfiguredAnalyzer"/>), and the limits that can change the output. A layer result is a pure function of this key.</summary>
public readonly record struct LayerCacheKey(string Value, Digest DiffId)
{
    internal sealed record KeyDocument(int Schema, string DiffId, List<string> Analyzers, string Limits);

    /// <summary>Computes the key for a layer.</summary>
    public static LayerCacheKey For(Digest diffId, AnalyzerCatalog catalog, InputLimits limits)
    {
        var document = new KeyDocument(
            LayerResult.CurrentSchemaVersion,
            diffId.ToString(),
            [.. catalog.KeyParts.Order(StringComparer.Ordinal)],
            limits.CacheKeyText);
        var json = JsonSerializer.SerializeToUtf8Bytes(document, LayerResultJsonContext.Default.KeyDocument);
        return new LayerCacheKey("sha256:" + Convert.ToHexStringLower(SHA256.HashData(json)), diffId);
    }

    /// <inheritdoc />
    public override string ToString() => Value;
}
