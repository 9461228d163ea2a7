using System.Diagnostics;
using Drydock.Crawl;
using Drydock.Project;
using Drydock.Tests.Fixtures;

namespace Drydock.Tests.Cluster;

/// <summary>The fleet-wide request limit on a real PostgreSQL server: limiters of several "workers" (each its own connection pool)
/// share one bucket per registry, so together they stay within the rate; every request is counted.</summary>
public sealed class FleetRequestLimiterTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    [PostgresFact]
    public async Task Three_workers_together_stay_within_the_rate_and_every_request_is_counted()
    {
        var url = await postgres.CreateDatabaseAsync();
        var databases = new List<IProjectDatabase>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                databases.Add(await ProjectDatabase.OpenAsync(ProjectDatabaseLocation.Parse(url), CancellationToken.None));
            }

            await ApplyClusterSchemaAsync(databases[0]);
            const double rate = 20;
            const int perWorker = 20;
            var limiters = databases.Select(d => new FleetRequestLimiter(d, rate)).ToList();
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(limiters.Select(async limiter =>
            {
                for (var i = 0; i < perWorker; i++)
                {
                    await limiter.AcquireAsync("registry.example.invalid", CancellationToken.None);
                }
            }));
            clock.Stop();

            // 60 requests at 20 a second with a burst of 20: the last one may not start before two seconds. A lower bound only
            // (a slow machine takes longer, never shorter); three unlimited workers would take a few milliseconds.
            var atLeast = TimeSpan.FromSeconds((3 * perWorker - rate) / rate) - TimeSpan.FromMilliseconds(100);
            Assert.True(clock.Elapsed >= atLeast, $"60 requests took {clock.Elapsed.TotalSeconds:F2} s; the rate allows no less than {atLeast.TotalSeconds:F2} s");
            var counts = await limiters[0].CountsAsync(CancellationToken.None);
            Assert.Equal(3 * perWorker, counts["registry.example.invalid"]);
        }
        finally
        {
            foreach (var database in databases)
            {
                await database.DisposeAsync();
            }
        }
    }

    [PostgresFact]
    public async Task Without_a_rate_requests_are_counted_per_registry_and_never_wait()
    {
        var url = await postgres.CreateDatabaseAsync();
        await using var database = await ProjectDatabase.OpenAsync(ProjectDatabaseLocation.Parse(url), CancellationToken.None);
        await ApplyClusterSchemaAsync(database);
        var limiter = new FleetRequestLimiter(database, null);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(TimeSpan.Zero, await limiter.ReserveAsync("a.invalid", CancellationToken.None));
        }

        Assert.Equal(TimeSpan.Zero, await limiter.ReserveAsync("b.invalid", CancellationToken.None));
        var counts = await limiter.CountsAsync(CancellationToken.None);
        Assert.Equal((5L, 1L), (counts["a.invalid"], counts["b.invalid"]));
    }

    [PostgresFact]
    public async Task A_burst_beyond_the_bucket_reserves_later_and_later_slots()
    {
        var url = await postgres.CreateDatabaseAsync();
        await using var database = await ProjectDatabase.OpenAsync(ProjectDatabaseLocation.Parse(url), CancellationToken.None);
        await ApplyClusterSchemaAsync(database);
        var limiter = new FleetRequestLimiter(database, 2); // a bucket of two
        var waits = new List<TimeSpan>();
        for (var i = 0; i < 5; i++)
        {
            waits.Add(await limiter.ReserveAsync("slow.invalid", CancellationToken.None));
        }

        Assert.Equal(TimeSpan.Zero, waits[0]);
        Assert.True(waits[2] > TimeSpan.FromMilliseconds(300), $"the third request waits about half a second, not {waits[2]}");
        Assert.True(waits[4] > waits[3] && waits[3] > waits[2], "each further request waits longer");
        Assert.True(waits[4] <= TimeSpan.FromSeconds(1.5), $"the fifth waits about 1.5 s, not {waits[4]}");
    }

    // The same script every worker applies at start-up.
    private static async Task ApplyClusterSchemaAsync(IProjectDatabase database)
    {
        await using var connection = await database.OpenConnectionAsync(CancellationToken.None);
        await SqlCommands.ExecuteAsync(connection, null,
            await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "src", "Drydock.Cluster", "Schema", "cluster-postgres.sql")), CancellationToken.None);
    }
}
