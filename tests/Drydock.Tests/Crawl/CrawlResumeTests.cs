using System.Diagnostics;
using System.Text.Json;
using Drydock.Population;
using Drydock.Project;
using Drydock.Tests.Cli;
using Drydock.Tests.Fixtures;

namespace Drydock.Tests.Crawl;

/// <summary>The crawl's state is in the database: PostgreSQL gives the same statistics as SQLite, and a crawl killed with
/// SIGKILL continues where it stopped when the same command runs again.</summary>
[Collection(CrawlCollection.Name)]
public sealed class CrawlResumeTests(CrawlRegistryFixture fixture)
{
    private readonly CrawlStatsTests _crawl = new(fixture);

    [PostgresFact]
    public async Task The_same_crawl_into_PostgreSQL_gives_identical_stats()
    {
        var sqlite = Path.Combine(fixture.Root, $"pg-reference-{Guid.NewGuid():N}.db");
        var postgres = await fixture.Postgres.CreateDatabaseAsync();
        var runs = await Task.WhenAll(_crawl.CrawlAsync(sqlite, "-q"), _crawl.CrawlAsync(postgres, "-q"));
        Assert.All(runs, r => Assert.True(r.ExitCode == 0, r.Stderr));
        var fromSqlite = await CliRunner.InProcessAsync("stats", "--db", sqlite, "--format", "json");
        var fromPostgres = await CliRunner.InProcessAsync("stats", "--db", postgres, "--format", "json");
        Assert.Equal(fromSqlite.Stdout, fromPostgres.Stdout);
        CrawlStatsTests.AssertSame(fixture.Expected, JsonSerializer.Deserialize(fromPostgres.Stdout, PopulationJsonContext.Default.PopulationStats)!);
    }

    [Fact]
    public async Task A_crawl_killed_with_SIGKILL_continues_without_rescanning_losing_or_duplicating_anything()
    {
        var db = Path.Combine(fixture.Root, $"resume-{Guid.NewGuid():N}.db");
        string[] args = ["crawl", $"registry:{fixture.Registry.Host}", "--db", db, "--cache-dir", fixture.WarmCache, "--advisory-db", fixture.AdvisoryDatabase,
            "--parallel", "2", "--layer-parallel", "1"];

        // The real CLI process, killed once a good share of the images is stored.
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "drydock.dll"));
        foreach (var arg in args)
        {
            psi.ArgumentList.Add(arg);
        }

        using (var process = Process.Start(psi)!)
        {
            _ = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            var deadline = Stopwatch.StartNew();
            while (await CountAsync(db, "crawl_images") < 40)
            {
                Assert.False(process.HasExited, "the crawl ended before it could be killed");
                Assert.True(deadline.Elapsed < TimeSpan.FromMinutes(2), "the crawl stored no images");
                await Task.Delay(50);
            }

            Assert.False(process.HasExited);
            process.Kill(); // SIGKILL
            await process.WaitForExitAsync();
        }

        var before = await ScannedAtAsync(db);
        Assert.InRange(before.Count, 40, 200);

        var again = await CliRunner.ProcessAsync(new Dictionary<string, string>(), args);
        Assert.True(again.ExitCode == 0, again.Stderr);
        Assert.Contains($"done by an earlier run", again.Stdout);

        var after = await ScannedAtAsync(db);
        Assert.Equal(201, after.Count);
        Assert.All(before, kv => Assert.Equal(kv.Value, after[kv.Key])); // finished images were not scanned again
        Assert.Equal(778, await CountAsync(db, "crawl_layers"));
        Assert.Equal(0, await CountAsync(db, "crawl_frontier WHERE state = 'queued'"));
        Assert.Equal(0, await CountAsync(db, $"crawl_frontier WHERE state = 'done' AND attempts > 1 AND item IN ({string.Join(',', before.Keys.Select(k => $"'{k}'"))})"));
        CrawlStatsTests.AssertSame(fixture.Expected, await CrawlStatsTests.StatsAsync(db));
    }

    private static async Task<int> CountAsync(string db, string from)
    {
        if (!File.Exists(db))
        {
            return 0;
        }

        await using var database = await ProjectDatabase.OpenAsync(ProjectDatabaseLocation.ForSqlite(db), CancellationToken.None);
        await using var connection = await database.OpenConnectionAsync(CancellationToken.None);
        await using var command = SqlCommands.Command(connection, null, $"SELECT COUNT(*) FROM {from}");
        return Convert.ToInt32(await command.ExecuteScalarAsync());
    }

    private static async Task<Dictionary<string, string>> ScannedAtAsync(string db)
    {
        await using var database = await ProjectDatabase.OpenAsync(ProjectDatabaseLocation.ForSqlite(db), CancellationToken.None);
        await using var connection = await database.OpenConnectionAsync(CancellationToken.None);
        await using var command = SqlCommands.Command(connection, null, "SELECT manifest_digest, scanned_at FROM crawl_images");
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new Dictionary<string, string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0), reader.GetString(1));
        }

        return rows;
    }
}
