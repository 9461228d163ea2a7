using System.Text.Json;
using Drydock.Crawl;
using Drydock.Crawl.Rescan;
using Drydock.Project;
using Drydock.Tests.Assessment.Rescan;
using Drydock.Tests.Cli;
using Drydock.Tests.Fixtures;

namespace Drydock.Tests.Crawl.Rescan;

/// <summary><c>drydock rescan</c> over a real crawl: five images on a loopback registry (the node image under three tags,
/// an image built FROM it, busybox, alpine, layered) crawled with the "before" database; then the one advisory for express
/// is added. Exactly the two images carrying express change, the webhook (a real receiver on loopback) gets exactly those
/// two documents, the rows are rewritten, and a second rescan changes nothing.</summary>
public sealed class CrawlRescanTests(CrawledStore store) : IClassFixture<CrawledStore>
{
    private Task<RescanRun> RescanAsync(string advisories, WebhookReceiver? receiver) => RescanAsync(store.Project, advisories, receiver);

    private static async Task<RescanRun> RescanAsync(string project, string advisories, WebhookReceiver? receiver)
    {
        string[] hook = receiver is null ? [] : ["--webhook", receiver.Url];
        var run = await CliRunner.InProcessAsync(["rescan", "--db", project, "--advisory-db", advisories, .. hook, "--format", "json"]);
        Assert.True(run.ExitCode == 0, run.Stderr);
        return JsonSerializer.Deserialize(run.Stdout, RescanJsonContext.Default.RescanRun)!;
    }

    private async Task<List<(StoredImage Image, CrawlImageSummary Columns)>> RowsAsync()
    {
        await using var database = await ProjectDatabase.OpenAsync(ProjectDatabaseLocation.ForSqlite(store.Project), CancellationToken.None);
        var rows = new List<(StoredImage, CrawlImageSummary)>();
        await using var connection = await database.OpenConnectionAsync(CancellationToken.None);
        await using var command = SqlCommands.Command(connection, null,
            "SELECT manifest_digest, reference, report_gzip, critical, high, fixable_critical, critical_packages, high_packages FROM crawl_images ORDER BY manifest_digest");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var image = new StoredImage(reader.GetString(0), reader.GetString(1), (byte[])reader.GetValue(2));
            var columns = new CrawlImageSummary("", null, reader.GetInt32(3), reader.GetInt32(4), reader.GetInt32(5), null, [],
                CrawlColumns.Split(reader.GetString(6)), CrawlColumns.Split(reader.GetString(7)), [], 0, 0);
            rows.Add((image, columns));
        }

        return rows;
    }

    [SharedDataFact]
    public async Task Adding_an_advisory_changes_exactly_the_images_carrying_the_package_and_a_second_rescan_changes_nothing()
    {
        await using var receiver = new WebhookReceiver();
        var host = store.Registry!.Host;
        string[] nodeTags = [$"{host}/apps/web:1", $"{host}/apps/web:latest", $"{host}/mirror/web:stable"];

        var run = await RescanAsync(store.Databases.WithExpress, receiver);

        Assert.Equal((5, 0, 0), (run.Images, run.Skipped, run.Failures.Count));
        Assert.Equal(2, run.Changed.Count);
        var tags = run.Changed.Select(c => c.Tags).OrderBy(t => t.Count).ToList();
        Assert.Equal([$"{host}/apps/web:2"], tags[0]);
        Assert.Equal(nodeTags, tags[1]);
        Assert.Equal(run.Changed.Select(c => c.Digest).Order(StringComparer.Ordinal), run.Changed.Select(c => c.Digest));
        foreach (var image in run.Changed)
        {
            var change = Assert.Single(image.Packages);
            Assert.Equal(("express", "4.18.2"), (change.Package.Name, change.Package.Version));
            Assert.Equal([RescanDatabases.ExpressCve], change.Added);
            Assert.Equal((1, 0, 0), (image.Added, image.Removed, image.Changed));
            Assert.Equal(image.Before.VulnerablePackages + 1, image.After.VulnerablePackages);
        }

        // The webhook got exactly one document per changed image, and every delivery is reported.
        Assert.All(run.Deliveries!, d => Assert.True(d.Delivered));
        var received = receiver.Requests.Select(r => JsonSerializer.Deserialize(r.Body, RescanJsonContext.Default.ImageRescan)!).ToList();
        Assert.Equal(run.Changed.Select(c => c.Digest), received.Select(r => r.Digest).Order(StringComparer.Ordinal));
        Assert.All(received, r => Assert.Equal([RescanDatabases.ExpressCve], r.Packages.Single().Added));

        // The rows hold the new reports, and their figures are the reports' own.
        var rows = await RowsAsync();
        Assert.Equal(5, rows.Count);
        foreach (var (image, columns) in rows)
        {
            var report = CrawlImageSummary.Decompress(image.ReportGzip);
            var carries = run.Changed.Any(c => c.Digest == image.Digest);
            Assert.Equal(carries, report.Vulnerabilities.Any(v => v.Id == RescanDatabases.ExpressCve));
            var expected = CrawlImageSummary.Of(report);
            Assert.Equal((expected.Critical, expected.High, expected.FixableCritical), (columns.Critical, columns.High, columns.FixableCritical));
            Assert.Equal(expected.CriticalPackages, columns.CriticalPackages);
            Assert.Equal(expected.HighPackages, columns.HighPackages);
        }

        // The same database again: nothing changes, nothing is written, nothing is posted.
        var again = await RescanAsync(store.Databases.WithExpress, receiver);
        Assert.Equal((5, 0), (again.Images, again.Updated));
        Assert.Empty(again.Changed);
        Assert.Empty(again.Deliveries!);
        Assert.Equal(2, receiver.Requests.Count);
        Assert.Equal(rows.Select(r => Convert.ToBase64String(r.Image.ReportGzip)), (await RowsAsync()).Select(r => Convert.ToBase64String(r.Image.ReportGzip)));

        // A database without the express advisory (with one for jQuery instead, which no image carries): the finding goes
        // from exactly those two images, and nothing else changes.
        var back = await RescanAsync(store.Databases.WithJquery, receiver);
        Assert.Equal(run.Changed.Select(c => c.Digest), back.Changed.Select(c => c.Digest));
        Assert.All(back.Changed, c => Assert.Equal([RescanDatabases.ExpressCve], c.Packages.Single().Removed));
        Assert.All(back.Changed, c => Assert.Empty(c.Packages.Single().Added));
    }

    [PostgresSharedDataFact]
    public async Task On_postgresql_adding_an_advisory_changes_exactly_the_images_carrying_the_package()
    {
        var postgres = new PostgresServer();
        await postgres.InitializeAsync();
        try
        {
            // The same five images crawled into PostgreSQL with the "before" database.
            var url = await postgres.CreateDatabaseAsync();
            await store.CrawlIntoAsync(ProjectDatabaseLocation.Parse(url));
            await using var receiver = new WebhookReceiver();
            var host = store.Registry!.Host;

            var run = await RescanAsync(url, store.Databases.WithExpress, receiver);

            Assert.Equal((5, 0, 0, 2), (run.Images, run.Skipped, run.Failures.Count, run.Changed.Count));
            var tags = run.Changed.Select(c => c.Tags).OrderBy(t => t.Count).ToList();
            Assert.Equal([[$"{host}/apps/web:2"], [$"{host}/apps/web:1", $"{host}/apps/web:latest", $"{host}/mirror/web:stable"]], tags);
            Assert.All(run.Changed, c => Assert.Equal([RescanDatabases.ExpressCve], Assert.Single(c.Packages).Added));
            Assert.All(run.Deliveries!, d => Assert.True(d.Delivered));
            Assert.Equal((2, 0), (receiver.Requests.Count, run.Pending));

            // The same database again changes, writes and posts nothing.
            var again = await RescanAsync(url, store.Databases.WithExpress, receiver);
            Assert.Equal((5, 0), (again.Images, again.Updated));
            Assert.Empty(again.Changed);
            Assert.Equal(2, receiver.Requests.Count);
        }
        finally
        {
            await postgres.DisposeAsync();
        }
    }

    [SharedDataFact]
    public async Task A_webhook_that_is_down_gets_every_change_exactly_once_when_it_is_back()
    {
        // Nobody listens on the port for the first rescan.
        var port = RegistryServer.FreePort();
        var url = $"http://127.0.0.1:{port}/hook/";
        var down = await CliRunner.InProcessAsync("rescan", "--db", store.Project, "--advisory-db", store.Databases.WithExpress, "--webhook", url,
            "--webhook-attempts", "2", "--format", "json");
        Assert.Equal(1, down.ExitCode);
        Assert.Contains("2 notifications still pending in the outbox", down.Stderr, StringComparison.Ordinal);
        var first = JsonSerializer.Deserialize(down.Stdout, RescanJsonContext.Default.RescanRun)!;
        Assert.Equal(2, first.Changed.Count);
        Assert.Equal(2, first.Pending);
        Assert.All(first.Deliveries!, d => Assert.False(d.Delivered));

        // A rescan without the webhook warns and leaves them.
        var quiet = await CliRunner.InProcessAsync("rescan", "--db", store.Project, "--advisory-db", store.Databases.WithExpress);
        Assert.Equal(0, quiet.ExitCode);
        Assert.Contains("2 webhook notifications pending from earlier rescans", quiet.Stderr, StringComparison.Ordinal);

        // The receiver is up for the next rescan, which changes nothing itself and delivers both; a third delivers nothing.
        await using var receiver = new WebhookReceiver(port);
        var up = await CliRunner.InProcessAsync("rescan", "--db", store.Project, "--advisory-db", store.Databases.WithExpress, "--webhook", url, "--format", "json");
        Assert.True(up.ExitCode == 0, up.Stderr);
        var second = JsonSerializer.Deserialize(up.Stdout, RescanJsonContext.Default.RescanRun)!;
        Assert.Empty(second.Changed);
        Assert.Equal(0, second.Pending);
        var third = await CliRunner.InProcessAsync("rescan", "--db", store.Project, "--advisory-db", store.Databases.WithExpress, "--webhook", url, "--format", "json");
        Assert.True(third.ExitCode == 0, third.Stderr);
        Assert.Empty(JsonSerializer.Deserialize(third.Stdout, RescanJsonContext.Default.RescanRun)!.Deliveries!);

        // Every changed image exactly once overall, with the first rescan's documents and ids.
        var received = receiver.Requests.ToList();
        Assert.Equal(2, received.Count);
        var documents = received.Select(r => JsonSerializer.Deserialize(r.Body, RescanJsonContext.Default.ImageRescan)!).OrderBy(d => d.Digest, StringComparer.Ordinal).ToList();
        Assert.Equal(first.Changed.Select(c => (c.Digest, c.Id)), documents.Select(d => (d.Digest, d.Id)));
        Assert.Equal(documents.Select(d => d.Id).Order(StringComparer.Ordinal), received.Select(r => r.Delivery!).Order(StringComparer.Ordinal));
        Assert.All(documents, d => Assert.Equal([RescanDatabases.ExpressCve], d.Packages.Single().Added));

        await CliRunner.InProcessAsync("rescan", "--db", store.Project, "--advisory-db", store.Databases.Before);
    }

    [SharedDataFact]
    public async Task A_new_malicious_package_record_makes_the_images_carrying_it_harmful_in_the_stats()
    {
        async Task<Drydock.Population.PopulationStats> StatsAsync()
        {
            await using var database = await ProjectDatabase.OpenAsync(ProjectDatabaseLocation.ForSqlite(store.Project), CancellationToken.None);
            return await new PopulationQuery(database).ComputeAsync(CancellationToken.None);
        }

        var before = await StatsAsync();
        var run = await RescanAsync(store.Databases.WithMalware, null);

        Assert.Equal(2, run.Changed.Count);
        Assert.All(run.Changed, c => Assert.Empty(c.Packages));
        Assert.All(run.Changed, c => Assert.Equal(Drydock.Detection.Malware.VerdictKind.Malicious, c.Malware!.VerdictAfter!.Verdict));
        Assert.All(run.Changed, c => Assert.Equal([RescanDatabases.MaliciousId], c.Malware!.Added.Single().Advisories));
        var after = await StatsAsync();
        Assert.Equal(before.Harmful.Total + 2, after.Harmful.Total);
        Assert.Equal(before.Harmful.ByCategory.GetValueOrDefault("malicious-npm-package") + 2, after.Harmful.ByCategory["malicious-npm-package"]);

        // The record gone again: the verdicts and the counts are back.
        var back = await RescanAsync(store.Databases.Before, null);
        Assert.Equal(run.Changed.Select(c => c.Digest), back.Changed.Select(c => c.Digest));
        Assert.Equal(before.Harmful.Total, (await StatsAsync()).Harmful.Total);
    }

    [SharedDataFact]
    public async Task A_webhook_that_fails_loses_no_result_and_the_exit_code_says_so()
    {
        await using var receiver = new WebhookReceiver { Respond = _ => new WebhookReceiver.Answer(500) };
        var run = await CliRunner.InProcessAsync("rescan", "--db", store.Project, "--advisory-db", store.Databases.WithExpress, "--webhook", receiver.Url,
            "--webhook-attempts", "2", "--webhook-timeout", "5");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("webhook", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("HTTP 500", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("2 changed", run.Stdout, StringComparison.Ordinal);
        Assert.Contains($"+ {RescanDatabases.ExpressCve}  npm express 4.18.2", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("webhook: FAILED", run.Stdout, StringComparison.Ordinal);

        // The results were stored all the same, with their notifications: a second rescan finds nothing left to change
        // and delivers the two pending notifications to a receiver that answers.
        await using var quiet = new WebhookReceiver();
        var after = await CliRunner.InProcessAsync("rescan", "--db", store.Project, "--advisory-db", store.Databases.WithExpress, "--webhook", quiet.Url, "--format", "json");
        Assert.True(after.ExitCode == 0, after.Stderr);
        var second = JsonSerializer.Deserialize(after.Stdout, RescanJsonContext.Default.RescanRun)!;
        Assert.Empty(second.Changed);
        Assert.Equal((2, 0), (second.Deliveries!.Count(d => d.Delivered), second.Pending));
        Assert.Equal(2, quiet.Requests.Count);

        // Put the store back as the crawl left it, for the other test.
        await CliRunner.InProcessAsync("rescan", "--db", store.Project, "--advisory-db", store.Databases.Before);
    }
}
