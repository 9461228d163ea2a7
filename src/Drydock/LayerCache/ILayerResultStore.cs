using Drydock.Analysis;

namespace Drydock.LayerCache;

/// <summary>Where analysed layers are kept so that no layer is read twice. Safe for concurrent use,
/// including by several processes sharing one store.</summary>
public interface ILayerResultStore : IAsyncDisposable
{
    /// <summary>The cached result for <paramref name="key"/>, or null.</summary>
    Task<LayerResult?> TryGetAsync(LayerCacheKey key, CancellationToken cancellationToken);

    /// <summary>Stores a result (replacing any earlier one for the key).</summary>
    Task PutAsync(LayerCacheKey key, LayerResult result, CancellationToken cancellationToken);
}
