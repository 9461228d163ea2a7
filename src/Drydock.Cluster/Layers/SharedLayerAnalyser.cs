using System.Collections.Concurrent;
using Drydock.Analysis;
using Drydock.Cluster.Grains;
using Drydock.Cluster.Hosting;
using Drydock.LayerCache;
using Drydock.Layers;
using Drydock.References;
using Drydock.Sources.Manifests;
using Drydock.Sources.Registry;

namespace Drydock.Cluster.Layers;

/// <summary>Analyses one layer straight from its registry blob into the shared layer store (what a <see cref="LayerGrain"/> runs),
/// unless the store already holds it; records the analysis in <see cref="LayerAnalysisLog"/>.</summary>
public sealed class SharedLayerAnalyser(WorkerResources resources) : IDisposable
{
    private readonly ConcurrentDictionary<string, RegistryClient> _clients = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Ensures the result of <paramref name="key"/> is stored; true when its analysis is credited to the job's image.</summary>
    public async Task<bool> EnsureAsync(LayerCacheKey key, LayerJob job, CancellationToken cancellationToken)
    {
        if (await resources.Layers.TryGetAsync(key, cancellationToken).ConfigureAwait(false) is not null)
        {
            return await resources.AnalysisLog.CreditedImageAsync(key.Value, cancellationToken).ConfigureAwait(false) == job.Image;
        }

        var client = _clients.GetOrAdd(job.Registry, r => new RegistryClient(r, resources.Options.Source, new RegistryImageSource().CredentialsFor(r, resources.Options.Source)));
        var descriptor = new Descriptor { MediaType = job.MediaType, Digest = job.BlobDigest, Size = job.Size };
        var name = $"layer {job.BlobDigest}";
        await using var blob = await client.OpenBlobAsync(job.Repository, descriptor, cancellationToken).ConfigureAwait(false);
        var reader = new LayerReader(blob, job.MediaType, Digest.Parse(job.DiffId), resources.Options.Limits, name);
        var result = await new LayerAnalysisRunner(resources.Catalog, resources.Options.Limits, resources.Options.ScratchDirectory)
            .RunAsync(reader, name, cancellationToken).ConfigureAwait(false);
        await resources.Layers.PutAsync(key, result, cancellationToken).ConfigureAwait(false);
        return await resources.AnalysisLog.RecordAsync(key.Value, job.Image, resources.WorkerName, cancellationToken).ConfigureAwait(false) == job.Image;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }
    }
}
