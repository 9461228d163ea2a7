using Drydock.Assessment;
using Drydock.Cluster.Hosting;
using Drydock.References;
using Drydock.Reporting;
using Drydock.Scanning;
using Drydock.Sources;
using Drydock.Sources.Registry;

namespace Drydock.Cluster.Layers;

/// <summary>Scans one registry image on a worker: opens it once, lets each layer's grain provide the layer result (analysed once for
/// the fleet), then assembles the full report as <c>drydock scan</c> does.</summary>
public sealed class ClusterImageScanner(WorkerResources resources, IGrainFactory grains)
{
    /// <summary>The report of <paramref name="reference"/> (a registry reference by digest) and the layers credited to it.</summary>
    public async Task<(ScanReport Report, int LayersAnalysed, int LayersReused)> ScanAsync(string reference, CancellationToken cancellationToken)
    {
        var name = RegistryReference.Parse(reference);
        var imageReference = ImageReference.ForRegistry(name);
        await resources.Requests.AcquireAsync(name.Registry, cancellationToken).ConfigureAwait(false); // the manifest request below
        var image = await new ImageOpener([new RegistryImageSource()]).OpenAsync(imageReference, resources.Options.Source, cancellationToken).ConfigureAwait(false);
        var imageName = image.ManifestDigest?.ToString() ?? reference;
        await using var layers = new GrainLayerStore(grains, resources.Layers, name.Registry, name.Repository, imageName, image.Layers);
        var scanner = new ImageScanner(new ImageOpener([new OpenedImageSource(image)]), resources.Catalog, layers);
        // The scan disposes the opened image when it ends, successful or not.
        var report = await new ImageAssessor(scanner, resources.Options, resources.Sources).AssessAsync(imageReference, cancellationToken).ConfigureAwait(false);
        return (report, layers.Analysed, layers.Reused);
    }
}
