using Drydock.Cluster.Hosting;
using Drydock.Cluster.Layers;
using Drydock.Crawl;
using Drydock.Project;
using Orleans.Placement;

namespace Drydock.Cluster.Grains;

/// <summary>The manifest grain: scans its image once (calls are not interleaved, so a second request waits for the first), stores the
/// result through the crawl store in one idempotent transaction, or records the failure as the single-machine crawl does.</summary>
[PreferLocalPlacement] // on the worker that holds the item's lease: a worker's death then takes its lease and its scans together
public sealed class ManifestGrain(WorkerResources resources, ClusterImageScanner scanner) : Grain, IManifestGrain
{
    /// <inheritdoc />
    public async Task<ManifestOutcome> ScanAsync(string reference)
    {
        var digest = this.GetPrimaryKeyString();
        if (await IsStoredAsync(digest).ConfigureAwait(true))
        {
            return new ManifestOutcome(true, 0, 0, null);
        }

        var store = new CrawlStore(resources.Database);
        var item = new FrontierItem(digest, reference);
        await store.StartAttemptAsync(digest, CancellationToken.None).ConfigureAwait(true);
        try
        {
            var (report, analysed, reused) = await scanner.ScanAsync(reference, CancellationToken.None).ConfigureAwait(true);
            var summary = CrawlImageSummary.Of(report) with { LayersAnalysed = analysed, LayersReused = reused };
            await store.CompleteAsync(item, summary, CrawlImageSummary.Compress(report), CancellationToken.None).ConfigureAwait(true);
            return new ManifestOutcome(false, analysed, reused, null);
        }
        catch (Exception e) when (e is not OrleansException)
        {
            // As the single-machine crawl: any failure of one image is recorded and the crawl goes on.
            var reason = e is DrydockInputException ? OneLine(e) : $"{OneLine(e)} ({e.GetType().Name})";
            await store.FailAsync(digest, reason, CancellationToken.None).ConfigureAwait(true);
            return new ManifestOutcome(false, 0, 0, reason);
        }
    }

    private async Task<bool> IsStoredAsync(string digest)
    {
        await using var connection = await resources.Database.OpenConnectionAsync(CancellationToken.None).ConfigureAwait(true);
        await using var command = SqlCommands.Command(connection, null, "SELECT 1 FROM crawl_images WHERE manifest_digest = @digest");
        SqlCommands.Parameter(command, "@digest", digest);
        return await command.ExecuteScalarAsync(CancellationToken.None).ConfigureAwait(true) is not null;
    }

    private static string OneLine(Exception e)
    {
        var message = e.Message.ReplaceLineEndings(" ");
        return message.Length > 300 ? message[..300] + "…" : message;
    }
}
