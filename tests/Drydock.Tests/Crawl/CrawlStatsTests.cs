using System.Text.Json;
using Drydock.Population;
using Drydock.Project;
using Drydock.Tests.Cli;
using Drydock.Tests.Fixtures;

namespace Drydock.Tests.Crawl;

/// <summary><c>drydock crawl</c> of the ~200-image loopback registry, then <c>drydock stats</c>: exact counts, in SQLite and
/// in PostgreSQL.</summary>
[Collection(CrawlCollection.Name)]
public sealed class CrawlStatsTests(CrawlRegistryFixture fixture)
{
    [Fact]
    public async Task Crawl_then_stats_gives_exactly_the_counts_the_population_was_built_with()
    {
        var db = Path.Combine(fixture.Root, $"stats-{Guid.NewGuid():N}.db");
        var crawl = await CrawlAsync(db);
        Assert.True(crawl.ExitCode == 0, crawl.Stderr);
        var stats = await StatsAsync(db);

        // The figures, written out (see CrawlPopulation): 200 images plus the amd64 image of the index; one lost blob.
        Assert.Equal((201, 80, 340, 1), (stats.Images, stats.Repositories, stats.Tags, stats.Failed));
        Assert.Equal((46, 76, 46), (stats.WithCritical, stats.WithHigh, stats.WithFixableCritical));
        Assert.Equal(16, stats.Harmful.Total);
        Assert.Equal(new Dictionary<string, int> { ["coin-miner"] = 8, ["hacking-tool"] = 4, ["malicious-npm-package"] = 4 }, stats.Harmful.ByCategory);
        Assert.Equal((262L, 516L), (stats.Layers.Analysed, stats.Layers.Reused));
        Assert.Equal([("deb", "openssl", 46, 46), ("npm", "lodash", 30, 0)], stats.TopVulnerablePackages.Select(p => (p.Ecosystem, p.Name, p.Images, p.Critical)));
        Assert.Equal([("debian 12.5", 165), ("alpine 3.19.1", 36)], stats.CommonBases.Select(b => (b.Name, b.Images)));
        AssertSame(fixture.Expected, stats);

        // The summary: this run's work and the dedup ratios.
        Assert.Contains("201 images scanned", crawl.Stdout);
        Assert.Contains("340 tags (1.69 tags per manifest)", crawl.Stdout);
        Assert.Contains("262 distinct layers in 778 layer references", crawl.Stdout);
        // A HEAD per tag (341); GETs only for the index's two tags and the 202 scans (201 images, the broken one tried).
        Assert.Contains("Manifest requests: 204 GET + 341 HEAD", crawl.Stdout);

        // Not a terminal: plain progress lines on standard error, and the failure with its one-line reason.
        Assert.Contains("crawl: 202 images queued, 0 done by an earlier run, 0 failed to resolve, 2 manifest requests (+341 HEAD)", crawl.Stderr);
        Assert.Contains($"crawl: failed {fixture.Registry.Host}/broken/app@sha256:", crawl.Stderr);
    }

    /// <summary>Crawls the whole registry into <paramref name="db"/> in-process, with the shared warm cache.</summary>
    internal Task<CliRunner.Run> CrawlAsync(string db, params string[] extra)
        => CliRunner.InProcessAsync(["crawl", $"registry:{fixture.Registry.Host}", "--db", db, "--cache-dir", fixture.WarmCache,
            "--advisory-db", fixture.AdvisoryDatabase, "--parallel", "4", "--layer-parallel", "2", .. extra]);

    internal static async Task<PopulationStats> StatsAsync(string db)
    {
        var run = await CliRunner.InProcessAsync("stats", "--db", db, "--format", "json");
        Assert.True(run.ExitCode == 0, run.Stderr);
        return JsonSerializer.Deserialize(run.Stdout, PopulationJsonContext.Default.PopulationStats)!;
    }

    /// <summary>The counts of <paramref name="actual"/> equal <paramref name="expected"/>'s (packages and bases left out).</summary>
    internal static void AssertSame(PopulationStats expected, PopulationStats actual)
    {
        Assert.Equal(
            (expected.Images, expected.Repositories, expected.Tags, expected.Failed, expected.WithCritical, expected.WithHigh, expected.WithFixableCritical),
            (actual.Images, actual.Repositories, actual.Tags, actual.Failed, actual.WithCritical, actual.WithHigh, actual.WithFixableCritical));
        Assert.Equal(expected.WithCriticalShare, actual.WithCriticalShare, 9);
        Assert.Equal(expected.Harmful.Total, actual.Harmful.Total);
        Assert.Equal(expected.Harmful.ByCategory.OrderBy(kv => kv.Key), actual.Harmful.ByCategory.OrderBy(kv => kv.Key));
        Assert.Equal((expected.Layers.Analysed, expected.Layers.Reused), (actual.Layers.Analysed, actual.Layers.Reused));
    }
}
