using Drydock.Tests.Fixtures;

namespace Drydock.Tests.Cluster;

/// <summary>Three real <c>drydock-worker</c> processes forming an Orleans cluster on a real PostgreSQL server drain a crawl frontier
/// discovered from a real registry on loopback: the figures equal those of the same crawl on one process, also when a worker is
/// killed (kill -9) mid-crawl, and a layer three workers need at once is analysed once.</summary>
[Collection(ClusterCollection.Name)]
public sealed class WorkerClusterTests(ClusterFixture fixture)
{
    private string[] Sources => [$"registry:{fixture.Registry.Host}"];

    [PostgresFact]
    public async Task Three_workers_give_the_stats_of_one_process_even_when_one_is_killed_mid_crawl()
    {
        var single = await ClusterRun.CrawlOnOneProcessAsync(fixture.Postgres, Sources);
        Assert.Equal((10, 0, 1), (single.Images, single.Failed, single.Harmful.Total));
        var expected = ClusterRun.Json(single);

        // The whole cluster, left alone.
        var url = await fixture.Postgres.CreateDatabaseAsync();
        await ClusterRun.DiscoverAsync(url, Sources);
        var workers = await ClusterRun.StartWorkersAsync(url, 3, "--lease-seconds", "5");
        try
        {
            await ClusterRun.WaitDrainedAsync(url, workers);
            Assert.Equal(expected, ClusterRun.Json(await ClusterRun.StatsAsync(url)));
            Assert.Equal(0, await ClusterRun.ScalarAsync(url, "SELECT COUNT(*) FROM cluster_layer_analyses WHERE analyses <> 1"));
            // One manifest request per image for the whole fleet, counted in the database.
            Assert.Equal(10, await ClusterRun.ScalarAsync(url, "SELECT SUM(requests) FROM cluster_registry_requests"));
        }
        finally
        {
            await ClusterRun.StopAsync(workers);
        }

        Assert.All(workers, w => Assert.Equal(0, w.ExitCode)); // SIGTERM is a graceful stop

        // Again, killing a worker that holds a lease. The fleet-wide rate (two manifest requests a second for all three workers)
        // keeps the crawl going for seconds, so the kill lands mid-crawl even on a quiet machine.
        var killedUrl = await fixture.Postgres.CreateDatabaseAsync();
        await ClusterRun.DiscoverAsync(killedUrl, Sources);
        workers = await ClusterRun.StartWorkersAsync(killedUrl, 3, "--lease-seconds", "5", "--rate", "2");
        try
        {
            // Kill the owner of a lease still open (the workers are scanning).
            List<string[]> busy = [];
            for (var deadline = DateTime.UtcNow + ClusterRun.DrainTimeout; busy.Count == 0 && DateTime.UtcNow < deadline;)
            {
                busy = await ClusterRun.RowsAsync(killedUrl, "SELECT owner FROM cluster_leases WHERE finished_at IS NULL ORDER BY leased_at");
                if (busy.Count == 0)
                {
                    Assert.True(await ClusterRun.ScalarAsync(killedUrl, "SELECT COUNT(*) FROM crawl_frontier WHERE state = 'queued'") > 0,
                        "the frontier drained between two looks, before a lease was seen open");
                    await Task.Delay(25);
                }
            }

            Assert.True(busy.Count > 0, "no worker took a lease before the deadline (slow start-up?)");
            var victim = workers.Single(w => w.Name == busy[0][0]);
            victim.KillHard();
            // A lease the victim still held when it died, on an image it had not stored yet, can only be finished by another
            // worker taking it again (an image stored just before the kill is done even though its lease was never closed).
            var orphaned = await ClusterRun.ScalarAsync(killedUrl,
                $"SELECT COUNT(*) FROM cluster_leases l JOIN crawl_frontier f ON f.item = l.item WHERE l.finished_at IS NULL AND l.owner = '{victim.Name}' AND f.state = 'queued'");
            await ClusterRun.WaitDrainedAsync(killedUrl, [.. workers.Where(w => w != victim)]);
            Assert.Equal(expected, ClusterRun.Json(await ClusterRun.StatsAsync(killedUrl)));
            if (orphaned > 0)
            {
                Assert.True(await ClusterRun.ScalarAsync(killedUrl, "SELECT COUNT(*) FROM cluster_leases WHERE takes > 1") >= 1,
                    "the killed worker's image was taken again by another worker");
            }
        }
        finally
        {
            await ClusterRun.StopAsync(workers);
        }
    }

    [PostgresFact]
    public async Task A_layer_three_workers_need_at_once_is_analysed_once()
    {
        var url = await fixture.Postgres.CreateDatabaseAsync();
        var workers = await ClusterRun.StartWorkersAsync(url, 3);
        try
        {
            await ClusterRun.DiscoverAsync(url, [.. fixture.BigRepositories.Select(r => $"{fixture.Registry.Host}/{r}")]);
            await ClusterRun.WaitDrainedAsync(url, workers);

            Assert.Equal(3, await ClusterRun.ScalarAsync(url, "SELECT COUNT(*) FROM crawl_images"));
            var owners = await ClusterRun.RowsAsync(url, "SELECT DISTINCT owner FROM cluster_leases");
            Assert.Equal(3, owners.Count); // each worker scanned one of the three images...
            var overlapping = await ClusterRun.ScalarAsync(url,
                "SELECT COUNT(*) FROM cluster_leases a, cluster_leases b WHERE a.item < b.item AND a.leased_at < b.finished_at AND b.leased_at < a.finished_at");
            Assert.True(overlapping >= 1, "the scans ran at the same time");
            var big = await ClusterRun.RowsAsync(url, $"SELECT analyses, image FROM cluster_layer_analyses a JOIN layer_results r ON r.cache_key = a.cache_key WHERE r.diff_id = '{fixture.BigLayerDiffId}'");
            Assert.Equal("1", Assert.Single(big)[0]); // ...and the layer they share was analysed once, credited to one of them
            // Busybox's layer, the large layer and three small ones: five analyses, four reuses over the nine layer look-ups.
            Assert.Equal(5, await ClusterRun.ScalarAsync(url, "SELECT SUM(layers_analysed) FROM crawl_images"));
            Assert.Equal(4, await ClusterRun.ScalarAsync(url, "SELECT SUM(layers_reused) FROM crawl_images"));
        }
        finally
        {
            await ClusterRun.StopAsync(workers);
        }
    }
}
