using Drydock.Analysis;

namespace Drydock.LayerCache;

/// <summary>A store that keeps nothing (<c>--no-cache</c>).</summary>
public sealed class NoLayerResultStore : ILayerResultStore
{
    public Task<LayerResult?> TryGetAsync(LayerCacheKey key, CancellationToken cancellationToken) => Task.FromResult<LayerResult?>(null);

    public Task PutAsync(LayerCacheKey key, LayerResult result, CancellationToken cancellationToken) => Task.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
