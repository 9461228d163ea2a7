namespace Drydock.Crawl;

/// <summary>A snapshot of a running crawl, for progress displays and the final summary.</summary>
/// <param name="Done">Images scanned in this run.</param>
/// <param name="Queued">Images still waiting.</param>
/// <param name="Failed">Images (and unresolvable tags) given up in this run.</param>
/// <param name="Skipped">Images already done by an earlier run (not scanned again).</param>
/// <param name="LayersAnalysed">Layers read and analysed in this run.</param>
/// <param name="LayersReused">Layers whose results came from the layer cache in this run.</param>
/// <param name="Findings">Vulnerabilities, malware, secret and misconfiguration findings of the images scanned in this run.</param>
/// <param name="ManifestRequests">Manifest GETs sent (what registries that limit pulls count): one per image scanned, one per tag
/// that names an index (or whose HEAD was not answered).</param>
/// <param name="Elapsed">Time since the crawl started.</param>
/// <param name="HeadRequests">Manifest HEADs sent: one per tag (or digest) resolved.</param>
/// <param name="MovedTags">Known tags found pointing at other manifests (<c>--refresh</c>).</param>
public sealed record CrawlProgress(int Done, int Queued, int Failed, int Skipped, long LayersAnalysed, long LayersReused, long Findings, long ManifestRequests,
    TimeSpan Elapsed, long HeadRequests = 0, long MovedTags = 0)
{
    /// <summary>Manifest requests (GETs and HEADs) per second so far.</summary>
    public double RequestsPerSecond => Elapsed.TotalSeconds > 0 ? (ManifestRequests + HeadRequests) / Elapsed.TotalSeconds : 0;

    /// <summary>Images per minute so far.</summary>
    public double ImagesPerMinute => Elapsed.TotalMinutes > 0 ? Done / Elapsed.TotalMinutes : 0;

    /// <summary>The time left at the rate so far, null before the first image.</summary>
    public TimeSpan? Remaining => Done > 0 ? TimeSpan.FromMinutes(Queued / ImagesPerMinute) : null;
}

/// <summary>Told about a crawl as it runs; called from several threads.</summary>
public interface ICrawlObserver
{
    /// <summary>Discovery is over: <paramref name="progress"/> says how many images are queued.</summary>
    void Discovered(CrawlProgress progress);

    /// <summary>An image (or tag) finished, well or not; <paramref name="failure"/> is its one-line reason when it failed.</summary>
    void Finished(string reference, string? failure, CrawlProgress progress);
}
