using System.Diagnostics;
using Drydock.Tests.Cli;
using Drydock.Tests.Fixtures;

namespace Drydock.Tests.Crawl;

/// <summary>Politeness, through a real loopback HTTP proxy in front of the registry: 429 with Retry-After is waited out and
/// retried, and --rate spaces the manifest requests.</summary>
[Collection(CrawlCollection.Name)]
public sealed class CrawlPolitenessTests(CrawlRegistryFixture fixture)
{
    private readonly List<(TimeSpan At, string Path, int Status, string Method)> _manifestRequests = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    [Fact]
    public async Task Too_many_requests_with_Retry_After_are_waited_out_and_every_image_is_still_scanned()
    {
        var refusals = 3;
        using var proxy = Proxy(() => Interlocked.Decrement(ref refusals) >= 0);
        var (run, stats) = await CrawlAsync($"{proxy.Host}/base/debian");
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Equal((2, 5, 0), (stats.Images, stats.Tags, stats.Failed));
        Assert.Contains("Manifest requests: 2 GET + 5 HEAD ", run.Stdout); // 5 tags resolved by HEAD, 2 images scanned

        List<(TimeSpan At, string Path, int Status, string Method)> seen;
        lock (_manifestRequests)
        {
            seen = [.. _manifestRequests];
        }

        var refused = seen.Where(r => r.Status == 429).ToList();
        Assert.Equal(3, refused.Count);
        foreach (var (at, path, _, _) in refused)
        {
            // The same request again, no sooner than the server asked (Retry-After: 1).
            var retry = seen.First(r => r.Path == path && r.At > at);
            Assert.True(retry.At - at >= TimeSpan.FromMilliseconds(950), $"{path} was retried after {(retry.At - at).TotalMilliseconds} ms");
        }

        Assert.Equal(10, seen.Count);
        // Tags by HEAD (no GET counted against a pull limit); the two images' manifests by digest when they are scanned.
        var answered = seen.Where(r => r.Status == 200).ToList();
        Assert.Equal(5, answered.Count(r => r.Method == "HEAD" && !r.Path.Contains("sha256:", StringComparison.Ordinal)));
        Assert.Equal(2, answered.Count(r => r.Method == "GET" && r.Path.Contains("/manifests/sha256:", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Rate_limits_the_manifest_requests_to_one_registry()
    {
        using var proxy = Proxy(() => false);
        var (run, stats) = await CrawlAsync($"{proxy.Host}/apps/app00", "--rate", "2");
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Equal((3, 5), (stats.Images, stats.Tags));
        List<TimeSpan> times;
        lock (_manifestRequests)
        {
            times = [.. _manifestRequests.Select(r => r.At).Order()];
        }

        // 8 manifest requests at 2 a second with a burst of 2: the last is at least 3 s after the first.
        Assert.Equal(8, times.Count);
        Assert.True(times[^1] - times[0] >= TimeSpan.FromSeconds(2.9), $"8 requests in {(times[^1] - times[0]).TotalSeconds:0.00} s");
    }

    [Fact]
    public async Task A_registry_that_refuses_HEAD_is_resolved_by_GET()
    {
        using var proxy = RegistryScriptedServer.Start(async context =>
        {
            if (context.Request.HttpMethod == "HEAD")
            {
                await RegistryScriptedServer.RespondAsync(context, 405);
                return;
            }

            await RegistryScriptedServer.ProxyAsync(context, $"http://{fixture.Registry.Host}");
        });
        var (run, stats) = await CrawlAsync($"{proxy.Host}/base/debian");
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Equal((2, 5, 0), (stats.Images, stats.Tags, stats.Failed));
        Assert.Contains("Manifest requests: 7 GET + 5 HEAD ", run.Stdout); // each refused HEAD followed by the GET
    }

    private async Task<(CliRunner.Run Run, Drydock.Population.PopulationStats Stats)> CrawlAsync(string source, params string[] extra)
    {
        var db = Path.Combine(fixture.Root, $"polite-{Guid.NewGuid():N}.db");
        var run = await CliRunner.InProcessAsync(["crawl", source, "--db", db, "--cache-dir", fixture.WarmCache, "--advisory-db", fixture.AdvisoryDatabase, "-q", .. extra]);
        return (run, run.ExitCode == 0 ? await CrawlStatsTests.StatsAsync(db) : null!);
    }

    // A proxy to the real registry that answers 429 (Retry-After: 1) to a manifest request while refuse() says so.
    private RegistryScriptedServer Proxy(Func<bool> refuse) => RegistryScriptedServer.Start(async context =>
    {
        var path = context.Request.RawUrl ?? "";
        if (path.Contains("/manifests/", StringComparison.Ordinal))
        {
            var status = refuse() ? 429 : 200;
            lock (_manifestRequests)
            {
                _manifestRequests.Add((_clock.Elapsed, path, status, context.Request.HttpMethod));
            }

            if (status == 429)
            {
                await RegistryScriptedServer.RespondAsync(context, 429, "{\"errors\":[{\"code\":\"TOOMANYREQUESTS\"}]}"u8.ToArray(), "application/json",
                    new Dictionary<string, string> { ["Retry-After"] = "1" });
                return;
            }
        }

        await RegistryScriptedServer.ProxyAsync(context, $"http://{fixture.Registry.Host}");
    });
}
