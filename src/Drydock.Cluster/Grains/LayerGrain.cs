using Drydock.Cluster.Layers;
using Drydock.LayerCache;
using Drydock.References;

namespace Drydock.Cluster.Grains;

/// <summary>The layer grain: not reentrant, so concurrent requests for one layer queue behind the analysis and find its result.</summary>
public sealed class LayerGrain(SharedLayerAnalyser analyser) : Grain, ILayerGrain
{
    /// <inheritdoc />
    public Task<bool> EnsureAnalysedAsync(LayerJob job)
    {
        var key = new LayerCacheKey(this.GetPrimaryKeyString(), Digest.Parse(job.DiffId));
        return analyser.EnsureAsync(key, job, CancellationToken.None);
    }
}
