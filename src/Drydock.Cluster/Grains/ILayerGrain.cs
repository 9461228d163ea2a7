namespace Drydock.Cluster.Grains;

/// <summary>One layer, keyed by its layer cache key (the diff-ID with the analyzers' versions and limits): Orleans keeps at most
/// one activation per key in the cluster and runs its calls one at a time, so a layer is analysed at most once at a time across the
/// fleet; callers that arrive during the analysis wait and then read the shared result.</summary>
public interface ILayerGrain : IGrainWithStringKey
{
    /// <summary>Makes sure the layer's result is in the shared layer store; true when the analysis is credited to <see cref="LayerJob.Image"/>.</summary>
    Task<bool> EnsureAnalysedAsync(LayerJob job);
}
