using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using Drydock.Advisories;
using Drydock.Advisories.Distribution;
using Drydock.Tests.Cli;
using Drydock.Tests.Fixtures;

namespace Drydock.Tests.Advisories.Distribution;

/// <summary>db update against a loopback feed host serving records from ../shared/testdata/vuln-data: conditional requests,
/// changed feeds, failing feeds, hostile zips.</summary>
public sealed class AdvisoryDatabaseUpdateTests : IDisposable
{
    private const string Osv = "/osv/Go/all.zip";
    private const string Alpine = "/alpine/v3.8/main.yaml";
    private const string Kev = "/kev/known_exploited_vulnerabilities.json";
    private readonly FeedServer _server = new();
    private readonly string _scratch = RepoPaths.Scratch("advisory-update");
    private readonly AdvisoryDatabaseUpdater _updater = new(new AdvisoryUpdateOptions { RequestTimeout = TimeSpan.FromSeconds(20) });

    public void Dispose()
    {
        _server.Dispose();
        Directory.Delete(_scratch, recursive: true);
    }

    private string Database => Path.Combine(_scratch, "db", "advisories.db");

    private IReadOnlyList<FeedSource> Feeds => [new(_server.Url(Osv)), new(_server.Url(Alpine)), new(_server.Url(Kev))];

    private Task<AdvisoryUpdateReport> UpdateAsync() => _updater.UpdateAsync(Feeds, Database, CancellationToken.None);

    private void ServeSamples(int kevEntries)
    {
        var osv = Directory.GetFiles(SharedData.Path("vuln-data", "go-vulndb", "data", "osv"), "GO-2022-*.json").Order(StringComparer.Ordinal).Take(5).ToList();
        using (var buffer = new MemoryStream())
        {
            using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
            {
                foreach (var file in osv)
                {
                    zip.CreateEntryFromFile(file, Path.GetFileName(file));
                }
            }

            _server.Set(Osv, buffer.ToArray());
        }

        _server.Set(Alpine, File.ReadAllBytes(SharedData.Path("vuln-data", "alpine-secdb", "v3.8", "main.yaml")));
        ServeKev(kevEntries);
    }

    private void ServeKev(int entries)
    {
        var kev = JsonNode.Parse(File.ReadAllText(SharedData.Path("vuln-data", "cisa-kev", "known_exploited_vulnerabilities.json")))!.AsObject();
        var all = kev["vulnerabilities"]!.AsArray();
        kev["vulnerabilities"] = new JsonArray([.. all.Take(entries).Select(n => n!.DeepClone())]);
        kev["count"] = entries;
        _server.Set(Kev, Encoding.UTF8.GetBytes(kev.ToJsonString()));
    }

    [SharedDataFact]
    public async Task A_second_update_downloads_nothing_and_keeps_the_database()
    {
        ServeSamples(kevEntries: 20);
        var first = await UpdateAsync();
        Assert.All(first.Feeds, f => Assert.Equal(FeedStatus.Updated, f.Status));
        Assert.NotNull(first.Build);
        using (var store = AdvisoryStore.Open(Database))
        {
            Assert.Equal(20, store.Info.KevEntries);
            Assert.Contains(store.Info.AffectedByEcosystem.Keys, k => k.StartsWith("alpine", StringComparison.OrdinalIgnoreCase));
            Assert.Contains(store.Info.AffectedByEcosystem.Keys, k => k.Equals("go", StringComparison.OrdinalIgnoreCase));
        }

        var bytes = await File.ReadAllBytesAsync(Database);
        var written = File.GetLastWriteTimeUtc(Database);
        Assert.Equal(3, _server.TotalDownloads);

        var second = await UpdateAsync();
        Assert.All(second.Feeds, f => Assert.Equal(FeedStatus.Unchanged, f.Status));
        Assert.Null(second.Build);
        Assert.Equal(3, _server.TotalDownloads);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(Database));
        Assert.Equal(written, File.GetLastWriteTimeUtc(Database));
    }

    [SharedDataFact]
    public async Task A_changed_feed_is_downloaded_again_and_the_database_rebuilt()
    {
        ServeSamples(kevEntries: 20);
        await UpdateAsync();
        ServeKev(entries: 7);

        var report = await UpdateAsync();
        Assert.Equal([FeedStatus.Unchanged, FeedStatus.Unchanged, FeedStatus.Updated], report.Feeds.Select(f => f.Status));
        Assert.NotNull(report.Build);
        Assert.Equal(2, _server.Downloads(Kev));
        Assert.Equal(1, _server.Downloads(Osv));
        using var store = AdvisoryStore.Open(Database);
        Assert.Equal(7, store.Info.KevEntries);
    }

    [SharedDataTheory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task A_database_of_an_older_schema_is_rebuilt_though_no_feed_changed(int oldVersion)
    {
        ServeSamples(kevEntries: 20);
        await UpdateAsync();
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Database};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"UPDATE meta SET value = '{oldVersion}' WHERE key = 'schema_version'";
            Assert.Equal(1, command.ExecuteNonQuery());
        }

        Assert.Throws<DrydockInputException>(() => AdvisoryStore.Open(Database).Dispose());
        var report = await UpdateAsync();
        Assert.All(report.Feeds, f => Assert.Equal(FeedStatus.Unchanged, f.Status));
        Assert.NotNull(report.Build);
        using var store = AdvisoryStore.Open(Database);
        Assert.Equal(AdvisorySchema.Version, store.Info.SchemaVersion);
    }

    [SharedDataFact]
    public async Task A_failing_feed_keeps_its_previous_copy()
    {
        ServeSamples(kevEntries: 20);
        await UpdateAsync();
        _server.Fail(Alpine);
        ServeKev(entries: 5);

        var report = await UpdateAsync();
        var alpine = report.Feeds[1];
        Assert.Equal(FeedStatus.Failed, alpine.Status);
        Assert.True(alpine.HasCopy);
        Assert.Contains("500", alpine.Error);
        Assert.NotNull(report.Build);
        using var store = AdvisoryStore.Open(Database);
        Assert.Equal(5, store.Info.KevEntries);
        Assert.Contains(store.Info.AffectedByEcosystem.Keys, k => k.StartsWith("alpine", StringComparison.OrdinalIgnoreCase));
    }

    [SharedDataFact]
    public async Task The_cli_updates_from_a_yaml_source_config_and_reports_each_feed()
    {
        ServeSamples(kevEntries: 3);
        var config = Path.Combine(_scratch, "feeds.yaml");
        await File.WriteAllTextAsync(config, string.Join('\n', Feeds.Select(f => $"- {f.Url}")) + "\n");
        var first = await CliRunner.InProcessAsync("db", "update", "--source-config", config, "--advisory-db", Database);
        Assert.True(first.ExitCode == 0, first.Stderr);
        Assert.Contains("updated    " + _server.Url(Kev), first.Stdout);
        Assert.Contains("wrote " + Database, first.Stdout);

        _server.Fail(Osv);
        var second = await CliRunner.InProcessAsync("db", "update", "--source-config", config, "--advisory-db", Database);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("no feed changed", second.Stdout);
        Assert.Contains("keeping the previous copy", second.Stderr);
    }

    [Fact]
    public async Task No_reachable_feed_and_no_earlier_copy_exits_2()
    {
        var config = Path.Combine(_scratch, "feeds.json");
        await File.WriteAllTextAsync(config, $$"""{"feeds": ["{{_server.Url("/missing.json")}}", {"url": "{{_server.Url("/gone.zip")}}"}]}""");
        var run = await CliRunner.InProcessAsync("db", "update", "--source-config", config, "--advisory-db", Database);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("no advisory feed could be fetched", run.Stderr);
        Assert.Contains("404", run.Stderr);
        Assert.False(File.Exists(Database));
    }

    [Theory]
    [InlineData("../escape.json")]
    [InlineData("/etc/escape.json")]
    [InlineData("a/../../escape.json")]
    public async Task A_zip_slip_entry_fails_the_feed_and_writes_nothing_outside(string entryName)
    {
        using (var buffer = new MemoryStream())
        {
            using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
            {
                using var writer = new StreamWriter(zip.CreateEntry(entryName).Open());
                writer.Write("""{"id": "GO-2099-0001", "modified": "2024-01-01T00:00:00Z", "affected": []}""");
            }

            _server.Set("/evil/all.zip", buffer.ToArray());
        }

        var error = await Assert.ThrowsAsync<DrydockInputException>(
            () => _updater.UpdateAsync([new FeedSource(_server.Url("/evil/all.zip"))], Database, CancellationToken.None));
        Assert.Contains("leaves the extraction folder", error.Message);
        Assert.Empty(Directory.GetFiles(_scratch, "escape.json", SearchOption.AllDirectories));
        Assert.False(File.Exists("/etc/escape.json"));
    }

    [Fact]
    public void Source_config_accepts_json_and_yaml_lists_and_refuses_other_schemes()
    {
        Assert.Equal(2, FeedSourceConfig.Parse("""["https://a.example/x.zip", {"url": "https://b.example/y.json"}]""", "inline").Count);
        Assert.Equal(2, FeedSourceConfig.Parse("feeds:\n  - https://a.example/x.zip\n  - url: https://b.example/y.json\n", "inline").Count);
        Assert.Contains("not an absolute http or https URL", Assert.Throws<DrydockInputException>(() => FeedSourceConfig.Parse("- file:///etc/passwd", "inline")).Message);
        Assert.Contains("lists no feeds", Assert.Throws<DrydockInputException>(() => FeedSourceConfig.Parse("[]", "inline")).Message);
    }

    [Fact]
    public void The_default_feeds_are_the_documented_ones()
    {
        var feeds = DefaultFeeds.For(new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero)).Select(f => f.Url.AbsoluteUri).ToList();
        Assert.Contains("https://osv-vulnerabilities.storage.googleapis.com/crates.io/all.zip", feeds);
        Assert.Contains("https://nvd.nist.gov/feeds/json/cve/2.0/nvdcve-2.0-2025.json.gz", feeds);
        Assert.DoesNotContain("https://nvd.nist.gov/feeds/json/cve/2.0/nvdcve-2.0-2026.json.gz", feeds);
        Assert.Equal(feeds.Count, feeds.Distinct().Count());
        var docs = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "advisory-database.md"));
        foreach (var template in new[] { DefaultFeeds.OsvExport, DefaultFeeds.AlpineSecdb, DefaultFeeds.Kev, DefaultFeeds.Epss, DefaultFeeds.NvdYear })
        {
            Assert.Contains(template, docs);
        }
    }
}
