using Drydock.Analysis;
using Drydock.Cluster.Grains;
using Drydock.LayerCache;
using Drydock.Sources;

namespace Drydock.Cluster.Layers;

/// <summary>The layer store one image's scan sees on a worker: every look-up goes through the layer's grain, which analyses the layer
/// once for the whole fleet, and the result is then read from the shared store. Counts the layers credited to this image
/// (analysed) and those another image's analysis provided (reused).</summary>
public sealed class GrainLayerStore(IGrainFactory grains, ILayerResultStore shared, string registry, string repository, string image,
    IReadOnlyList<ILayer> layers) : ILayerResultStore
{
    private const int Attempts = 5;
    private int _analysed;
    private int _reused;

    /// <summary>Layers whose analysis is credited to this image.</summary>
    public int Analysed => Volatile.Read(ref _analysed);

    /// <summary>Layers another image's analysis provided.</summary>
    public int Reused => Volatile.Read(ref _reused);

    /// <inheritdoc />
    public async Task<LayerResult?> TryGetAsync(LayerCacheKey key, CancellationToken cancellationToken)
    {
        var layer = layers.FirstOrDefault(l => l.DiffId == key.DiffId && l.Digest is not null)
            ?? throw new InvalidOperationException($"no layer with diff-ID {key.DiffId} in {image}");
        var job = new LayerJob(registry, repository, layer.Digest!.Value.ToString(), layer.MediaType, layer.Size, key.DiffId.ToString(), image);
        var credited = await CallAsync(key.Value, job, cancellationToken).ConfigureAwait(false);
        var result = await shared.TryGetAsync(key, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"the layer grain finished {key.DiffId} but the shared store has no result");
        Interlocked.Increment(ref credited ? ref _analysed : ref _reused);
        return result;
    }

    // A call to a grain whose silo has just died fails until the membership declares it dead and the grain moves: try again.
    private async Task<bool> CallAsync(string key, LayerJob job, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await grains.GetGrain<ILayerGrain>(key).EnsureAnalysedAsync(job).WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (attempt < Attempts && e is SiloUnavailableException or OrleansMessageRejectionException or TimeoutException)
            {
                await Task.Delay(TimeSpan.FromSeconds(attempt), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Never reached: every look-up returns the shared result.</summary>
    public Task PutAsync(LayerCacheKey key, LayerResult result, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
