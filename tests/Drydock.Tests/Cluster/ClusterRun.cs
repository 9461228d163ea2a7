using System.Globalization;
using System.Text.Json;
using Drydock.Analysis;
using Drydock.Assessment;
using Drydock.Crawl;
using Drydock.LayerCache.Sqlite;
using Drydock.Population;
using Drydock.Project;
using Drydock.Scanning;
using Drydock.Sources;
using Drydock.Tests.Fixtures;
using Npgsql;

namespace Drydock.Tests.Cluster;

/// <summary>The steps the cluster tests share: a crawl on one process, discovery into a fresh database, a worker cluster draining it,
/// and the figures read back.</summary>
internal static class ClusterRun
{
    /// <summary>How long a cluster may take to drain the test frontier.</summary>
    public static readonly TimeSpan DrainTimeout = TimeSpan.FromMinutes(6);

    /// <summary>Crawls <paramref name="sources"/> on one process (one image at a time, a cold SQLite layer cache) into a fresh PostgreSQL database.</summary>
    public static async Task<PopulationStats> CrawlOnOneProcessAsync(PostgresServer postgres, IReadOnlyList<string> sources)
    {
        var url = await postgres.CreateDatabaseAsync();
        var location = ProjectDatabaseLocation.Parse(url);
        await using var database = await ProjectDatabase.OpenAsync(location, CancellationToken.None);
        await using var cache = await SqliteLayerResultStore.OpenAsync(RepoPaths.Scratch("cluster-single"), CancellationToken.None);
        var scanner = new ImageScanner(new ImageOpener(DefaultImageSources.Create()), AnalyzerCatalog.Default(), cache);
        var assessor = new ImageAssessor(scanner, new ScanOptions(), new AssessmentSources(Scanners.All, "/nonexistent/advisories.db", null));
        await using (var crawler = new Crawler(new CrawlStore(database), assessor, new CrawlOptions { Parallelism = 1 }))
        {
            await crawler.RunAsync([.. sources.Select(CrawlSource.Parse)], CancellationToken.None);
        }

        return await new PopulationQuery(database).ComputeAsync(CancellationToken.None);
    }

    /// <summary>Discovers <paramref name="sources"/> into the frontier of the database at <paramref name="url"/> without scanning.</summary>
    public static async Task DiscoverAsync(string url, IReadOnlyList<string> sources)
    {
        await using var database = await ProjectDatabase.OpenAsync(ProjectDatabaseLocation.Parse(url), CancellationToken.None);
        var scanner = new ImageScanner(new ImageOpener(DefaultImageSources.Create()), AnalyzerCatalog.Default(), new Drydock.LayerCache.NoLayerResultStore());
        var assessor = new ImageAssessor(scanner, new ScanOptions(), new AssessmentSources(Scanners.All, "/nonexistent/advisories.db", null));
        await using var crawler = new Crawler(new CrawlStore(database), assessor, new CrawlOptions { DiscoverOnly = true });
        await crawler.RunAsync([.. sources.Select(CrawlSource.Parse)], CancellationToken.None);
    }

    /// <summary>Starts <paramref name="count"/> workers on <paramref name="url"/> and waits until all are active members of one cluster.</summary>
    public static async Task<List<WorkerProcess>> StartWorkersAsync(string url, int count, params string[] args)
    {
        var workers = Enumerable.Range(1, count).Select(i => WorkerProcess.Start($"worker-{i}", url, args)).ToList();
        try
        {
            await WaitUntilAsync(url, "SELECT COUNT(*) FROM OrleansMembershipTable WHERE Status = 3", n => n >= count, TimeSpan.FromMinutes(3), workers);
        }
        catch
        {
            await StopAsync(workers);
            throw;
        }

        return workers;
    }

    /// <summary>Waits until the frontier holds no queued item and no live lease (a dead worker's lease expires).</summary>
    public static Task WaitDrainedAsync(string url, IReadOnlyList<WorkerProcess> workers)
        => WaitUntilAsync(url,
            "SELECT (SELECT COUNT(*) FROM crawl_frontier WHERE state = 'queued') + (SELECT COUNT(*) FROM cluster_leases WHERE finished_at IS NULL AND expires_at > now())",
            n => n == 0, DrainTimeout, workers);

    /// <summary>Polls <paramref name="sql"/> (one number) until <paramref name="done"/> holds; fails with the workers' logs on timeout or when all died.</summary>
    public static async Task WaitUntilAsync(string url, string sql, Func<long, bool> done, TimeSpan timeout, IReadOnlyList<WorkerProcess> workers)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            long value;
            try
            {
                value = await ScalarAsync(url, sql);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
            {
                value = -1; // the first worker has not created the cluster's tables yet
            }

            if (done(value))
            {
                return;
            }

            if (DateTime.UtcNow > deadline || workers.All(w => w.HasExited))
            {
                Assert.Fail($"gave up waiting ({sql} = {value}); worker logs:\n{string.Join("\n", workers.Select(w => $"--- {w.Name}\n{Tail(w.Log)}"))}");
            }

            await Task.Delay(250);
        }
    }

    /// <summary>One number from the database at <paramref name="url"/>.</summary>
    public static async Task<long> ScalarAsync(string url, string sql)
    {
        await using var connection = new NpgsqlConnection(ProjectDatabaseLocation.Parse(url).Target);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    /// <summary>Rows of strings from the database at <paramref name="url"/>.</summary>
    public static async Task<List<string[]>> RowsAsync(string url, string sql)
    {
        await using var connection = new NpgsqlConnection(ProjectDatabaseLocation.Parse(url).Target);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string[]>();
        while (await reader.ReadAsync())
        {
            rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture) ?? string.Empty)]);
        }

        return rows;
    }

    /// <summary>The population figures of the database at <paramref name="url"/>.</summary>
    public static async Task<PopulationStats> StatsAsync(string url)
    {
        await using var database = await ProjectDatabase.OpenAsync(ProjectDatabaseLocation.Parse(url), CancellationToken.None);
        return await new PopulationQuery(database).ComputeAsync(CancellationToken.None);
    }

    /// <summary>The figures as their JSON document (records holding lists compare by content this way).</summary>
    public static string Json(PopulationStats stats) => JsonSerializer.Serialize(stats, PopulationJsonContext.Default.PopulationStats);

    /// <summary>Stops every worker gracefully (SIGTERM), killing those that do not exit in time.</summary>
    public static async Task StopAsync(IEnumerable<WorkerProcess> workers)
    {
        foreach (var worker in workers)
        {
            try
            {
                if (!worker.HasExited)
                {
                    await worker.TerminateAsync(TimeSpan.FromSeconds(40));
                }
            }
            catch (OperationCanceledException)
            {
            }
            finally
            {
                await worker.DisposeAsync();
            }
        }
    }

    private static string Tail(string log) => log.Length > 4000 ? log[^4000..] : log;
}
