using Drydock.Tests.Cli;
using Drydock.Tests.Fixtures;

namespace Drydock.Tests.Crawl;

/// <summary><c>crawl --refresh</c> on a real loopback registry whose tag moves between two crawls: a plain re-crawl keeps the
/// population as it was; a refreshed one follows the tag (one HEAD per known tag), scans the new manifest and drops the old one,
/// and a third refresh changes nothing.</summary>
public sealed class CrawlRefreshTests : IAsyncLifetime
{
    private readonly TestImages _images = new();
    private RegistryServer _registry = null!;
    private string _root = null!;

    public async Task InitializeAsync()
    {
        await _images.EnsureAsync("busybox");
        await _images.EnsureAsync("layered");
        _registry = await RegistryServer.StartAsync(RegistryAuthMode.None);
        _root = RepoPaths.Scratch($"crawl-refresh-{Guid.NewGuid():N}");
        await _registry.PushAsync($"oci:{_images.OciLayout("busybox")}:latest", "app/web:stable");
        await _registry.PushAsync($"oci:{_images.OciLayout("busybox")}:latest", "app/web:1.0");
    }

    public async Task DisposeAsync() => await _registry.DisposeAsync();

    [Fact]
    public async Task A_moved_tag_is_followed_only_with_refresh_and_the_image_no_tag_points_at_leaves_the_population()
    {
        var db = Path.Combine(_root, "crawl.db");
        var first = await CrawlAsync(db);
        var busybox = await StatsAsync(db);
        Assert.Equal((1, 2), (busybox.Images, busybox.Tags));

        // The stable tag moves to another image; 1.0 stays.
        await _registry.PushAsync($"oci:{_images.OciLayout("layered")}:v1", "app/web:stable");

        var plain = await CrawlAsync(db);
        Assert.Contains("Manifest requests: 0 GET + 0 HEAD", plain.Stdout); // known tags are not asked again
        Assert.Equal(Cluster.ClusterRun.Json(busybox), Cluster.ClusterRun.Json(await StatsAsync(db)));

        var refreshed = await CrawlAsync(db, "--refresh");
        Assert.Contains("This run: 1 images scanned", refreshed.Stdout);
        Assert.Contains("Manifest requests: 1 GET + 2 HEAD", refreshed.Stdout); // a HEAD per known tag, the new image by digest
        Assert.Contains("tags moved: 1", refreshed.Stdout);
        var after = await StatsAsync(db);
        Assert.Equal((2, 2), (after.Images, after.Tags)); // busybox (still 1.0) and the layered image (stable)
        Assert.Equal(await FreshStatsAsync("fresh-1.db"), Cluster.ClusterRun.Json(after)); // the same as crawling the registry anew

        // Now 1.0 moves too: busybox's manifest has no tag left and leaves the population, with its layers.
        await _registry.PushAsync($"oci:{_images.OciLayout("layered")}:v1", "app/web:1.0");
        var again = await CrawlAsync(db, "--refresh");
        Assert.Contains("This run: 0 images scanned", again.Stdout);
        Assert.Contains("tags moved: 1", again.Stdout);
        var last = await StatsAsync(db);
        Assert.Equal((1, 2), (last.Images, last.Tags));
        Assert.Equal(await FreshStatsAsync("fresh-2.db"), Cluster.ClusterRun.Json(last));

        var quiet = await CrawlAsync(db, "--refresh");
        Assert.Contains("Manifest requests: 0 GET + 2 HEAD", quiet.Stdout);
        Assert.Contains("tags moved: 0", quiet.Stdout);
        Assert.Equal(Cluster.ClusterRun.Json(last), Cluster.ClusterRun.Json(await StatsAsync(db)));
        Assert.True(first.ExitCode == 0, first.Stderr);
    }

    private async Task<CliRunner.Run> CrawlAsync(string db, params string[] extra)
    {
        var run = await CliRunner.InProcessAsync(["crawl", $"registry:{_registry.Host}", "--db", db, "--cache-dir", Path.Combine(_root, "cache"),
            "--scanners", "secret", "-q", .. extra]); // no vulnerability matching: no advisory database needed
        Assert.True(run.ExitCode == 0, run.Stderr);
        return run;
    }

    private async Task<string> FreshStatsAsync(string name)
    {
        var db = Path.Combine(_root, name);
        await CrawlAsync(db);
        return Cluster.ClusterRun.Json(await StatsAsync(db));
    }

    private static Task<Drydock.Population.PopulationStats> StatsAsync(string db) => CrawlStatsTests.StatsAsync(db);
}
