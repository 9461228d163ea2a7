using Drydock.Tests.Cli;

namespace Drydock.Tests.Crawl;

/// <summary>What a crawl takes: tag lists, globs, the newest N, every platform, files of references; and bad input.</summary>
[Collection(CrawlCollection.Name)]
public sealed class CrawlSelectionTests(CrawlRegistryFixture fixture)
{
    [Theory]
    [InlineData("apps/app00", "--tags-matching=1.*;--max-tags=2", 2, 2)] // 1.2 and 1.1 (the newest two of 1.0, 1.1, 1.2)
    [InlineData("apps/app01", "--tags=latest,stable", 2, 2)]
    [InlineData("apps/app02", "--tags=latest,1.2", 1, 2)] // two tags, one manifest
    [InlineData("multi/tool", "--platform=all", 2, 2)] // the index's amd64 and arm64 images, each linked to both tags
    [InlineData("multi/tool", "--platform=linux/arm64", 1, 2)]
    public async Task Tag_and_platform_selection_takes_exactly_the_images_asked_for(string repository, string options, int images, int tags)
    {
        var db = Path.Combine(fixture.Root, $"select-{Guid.NewGuid():N}.db");
        var run = await CliRunner.InProcessAsync(["crawl", $"{fixture.Registry.Host}/{repository}", "--db", db, "--cache-dir", fixture.WarmCache,
            "--advisory-db", fixture.AdvisoryDatabase, "-q", .. options.Split(';')]);
        Assert.True(run.ExitCode == 0, run.Stderr);
        var stats = await CrawlStatsTests.StatsAsync(db);
        Assert.Equal((images, tags, 0), (stats.Images, stats.Tags, stats.Failed));
    }

    [Fact]
    public async Task A_file_of_references_by_tag_and_by_digest_scans_each_manifest_once()
    {
        var db = Path.Combine(fixture.Root, $"file-{Guid.NewGuid():N}.db");
        var first = await CliRunner.InProcessAsync("crawl", $"{fixture.Registry.Host}/base/alpine:3.19", "--db", db, "--cache-dir", fixture.WarmCache, "-q", "--scanners", "malware");
        Assert.True(first.ExitCode == 0, first.Stderr);
        string digest;
        await using (var database = await Drydock.Project.ProjectDatabase.OpenAsync(Drydock.Project.ProjectDatabaseLocation.ForSqlite(db), CancellationToken.None))
        await using (var connection = await database.OpenConnectionAsync(CancellationToken.None))
        await using (var command = Drydock.Project.SqlCommands.Command(connection, null, "SELECT manifest_digest FROM crawl_images"))
        {
            digest = (string)(await command.ExecuteScalarAsync())!;
        }

        var list = Path.Combine(fixture.Root, $"refs-{Guid.NewGuid():N}.txt");
        var host = fixture.Registry.Host;
        await File.WriteAllTextAsync(list, $"# images to scan\n{host}/base/alpine:latest\n\n{host}/base/alpine@{digest}\n{host}/base/alpine:3.19\n{host}/base/node:20\n");
        var run = await CliRunner.InProcessAsync("crawl", "@" + list, "--db", db, "--cache-dir", fixture.WarmCache, "-q", "--scanners", "malware");
        Assert.True(run.ExitCode == 0, run.Stderr);
        var stats = await CrawlStatsTests.StatsAsync(db);
        Assert.Equal((2, 2, 3), (stats.Images, stats.Repositories, stats.Tags)); // alpine (3.19, latest) and node (20)
        Assert.Contains("This run: 1 images scanned, 1 done by an earlier run", run.Stdout);
    }

    [Theory]
    [InlineData("crawl", "not a source", "unknown source form")]
    [InlineData("crawl", "@/nonexistent/refs.txt", "cannot read @/nonexistent/refs.txt")]
    [InlineData("crawl", "registry:127.0.0.1:1", "cannot reach registry")]
    [InlineData("stats", "--db=/nonexistent/drydock.db", "no project database")]
    public async Task Bad_input_is_one_line_and_exit_code_2(string command, string argument, string message)
    {
        var db = Path.Combine(fixture.Root, $"bad-{Guid.NewGuid():N}.db");
        string[] args = command == "crawl" ? [command, argument, "--db", db, "-q", "--cache-dir", fixture.WarmCache] : [command, .. argument.Split('=', 2)];
        var run = await CliRunner.InProcessAsync(args);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Stderr);
        Assert.Single(run.Stderr.TrimEnd().Split('\n'));
    }
}
