using Drydock.Tests.Cli;
using Drydock.Tests.Crawl;
using Drydock.Tests.Fixtures;

namespace Drydock.Tests.Cluster;

/// <summary>The crawl tests' ~200-image population (shared bases, many tags per digest, planted harmful images, a lost blob, a
/// multi-platform index) crawled by three real <c>drydock-worker</c> processes gives the statistics of the same crawl on one
/// process, and the fleet analyses every layer once.</summary>
[Collection(CrawlCollection.Name)]
public sealed class PopulationClusterTests(CrawlRegistryFixture fixture)
{
    [PostgresFact]
    public async Task Three_workers_crawl_the_population_to_the_stats_of_one_process()
    {
        var single = Path.Combine(fixture.Root, $"cluster-reference-{Guid.NewGuid():N}.db");
        var crawl = await new CrawlStatsTests(fixture).CrawlAsync(single, "-q");
        Assert.True(crawl.ExitCode == 0, crawl.Stderr);
        var expected = await StatsJsonAsync(single);

        var url = await fixture.Postgres.CreateDatabaseAsync();
        await ClusterRun.DiscoverAsync(url, [$"registry:{fixture.Registry.Host}"]);
        var workers = await ClusterRun.StartWorkersAsync(url, 3, "--advisory-db", fixture.AdvisoryDatabase);
        try
        {
            await ClusterRun.WaitDrainedAsync(url, workers);
            Assert.Equal(expected, await StatsJsonAsync(url));
            // Every layer cache key the fleet needed was analysed exactly once (none twice, none lost and done again).
            Assert.Equal(0, await ClusterRun.ScalarAsync(url, "SELECT COUNT(*) FROM cluster_layer_analyses WHERE analyses <> 1"));
            Assert.Equal(await ClusterRun.ScalarAsync(url, "SELECT COUNT(DISTINCT diff_id) FROM crawl_layers"),
                await ClusterRun.ScalarAsync(url, "SELECT COUNT(*) FROM cluster_layer_analyses"));
            Assert.Equal(3, (await ClusterRun.RowsAsync(url, "SELECT DISTINCT owner FROM cluster_leases")).Count); // all three took part
        }
        finally
        {
            await ClusterRun.StopAsync(workers);
        }

        Assert.All(workers, w => Assert.Equal(0, w.ExitCode));
    }

    private static async Task<string> StatsJsonAsync(string db)
    {
        var run = await CliRunner.InProcessAsync("stats", "--db", db, "--format", "json");
        Assert.True(run.ExitCode == 0, run.Stderr);
        return run.Stdout;
    }
}
