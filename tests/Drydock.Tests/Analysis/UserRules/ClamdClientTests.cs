using System.Text;
using Drydock.Analysis;
using Drydock.Analysis.Content;
using Drydock.Analysis.UserRules.Clamd;
using Drydock.Tests.Fixtures;
using Drydock.Tests.Support;

namespace Drydock.Tests.Analysis.UserRules;

/// <summary>The clamd client against Debian's real clamd, loaded with signature files written here.</summary>
public sealed class ClamdClientTests
{
    public const string MinerText = "drydock-test-miner-body-signature";
    public static readonly byte[] HashedFile = Encoding.UTF8.GetBytes("a file known by its md5 and size\n");

    public static (string, string)[] Signatures() =>
    [
        ("drydock.ndb", ClamdDaemon.BodySignature("DrydockTest.Unix.Coinminer.Body", MinerText) + "\n"),
        ("drydock.hdb", ClamdDaemon.HashSignature("DrydockTest.Win.Trojan.Hashed", HashedFile) + "\n"),
    ];

    [ClamdFact]
    public async Task Body_and_hash_signatures_are_found_and_clean_content_is_ok()
    {
        await using var daemon = await ClamdDaemon.StartAsync(Signatures());
        using var client = new ClamdClient(ClamdAddress.Parse(daemon.UnixAddress));

        Assert.StartsWith("ClamAV ", client.Version());
        Assert.Equal(new ClamdReply(ClamdOutcome.Found, "DrydockTest.Unix.Coinminer.Body.UNOFFICIAL"), client.Scan(Encoding.UTF8.GetBytes("xx " + MinerText + " yy")));
        Assert.Equal(new ClamdReply(ClamdOutcome.Found, "DrydockTest.Win.Trojan.Hashed.UNOFFICIAL"), client.Scan(HashedFile));
        Assert.Equal(ClamdOutcome.Clean, client.Scan("nothing here"u8).Outcome);
        // Several files over one pooled session.
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(ClamdOutcome.Clean, client.Scan(Encoding.UTF8.GetBytes($"clean {i}")).Outcome);
        }
    }

    [ClamdFact]
    public async Task A_stream_over_StreamMaxLength_is_reported_and_the_limit_learned()
    {
        await using var daemon = await ClamdDaemon.StartAsync(Signatures(), streamMaxLength: "1M");
        using var client = new ClamdClient(ClamdAddress.Parse(daemon.UnixAddress));
        var big = new byte[3 * 1024 * 1024];

        var first = client.Scan(big);
        Assert.True(first.Outcome == ClamdOutcome.TooLarge, first.ToString());
        Assert.Equal(big.Length, client.RefusedFrom);
        Assert.Equal(ClamdOutcome.TooLarge, client.Scan(big).Outcome);
        // The session clamd closed is replaced: the next file is scanned.
        Assert.Equal(ClamdOutcome.Found, client.Scan(Encoding.UTF8.GetBytes(MinerText)).Outcome);
    }

    [ClamdFact]
    public async Task Sessions_reconnect_after_the_daemon_restarts()
    {
        await using var daemon = await ClamdDaemon.StartAsync(Signatures());
        using var client = new ClamdClient(ClamdAddress.Parse(daemon.UnixAddress));
        Assert.Equal(ClamdOutcome.Found, client.Scan(Encoding.UTF8.GetBytes(MinerText)).Outcome);

        await daemon.RestartAsync();

        Assert.Equal(ClamdOutcome.Found, client.Scan(Encoding.UTF8.GetBytes(MinerText)).Outcome);
    }

    [ClamdFact]
    public async Task A_stopped_daemon_is_a_clear_error()
    {
        var daemon = await ClamdDaemon.StartAsync(Signatures());
        using var client = new ClamdClient(ClamdAddress.Parse(daemon.UnixAddress));
        Assert.Equal(ClamdOutcome.Clean, client.Scan("x"u8).Outcome);
        await daemon.DisposeAsync();

        var e = Assert.Throws<DrydockInputException>(() => client.Scan("x"u8));
        Assert.StartsWith($"--clamd {daemon.UnixAddress}: ", e.Message);
        Assert.Throws<DrydockInputException>(() => client.Version());
    }

    [ClamdFact]
    public async Task Tcp_on_loopback_works()
    {
        await using var daemon = await ClamdDaemon.StartAsync(Signatures(), tcp: true);
        using var client = new ClamdClient(ClamdAddress.Parse(daemon.TcpAddress));
        Assert.Equal(ClamdOutcome.Found, client.Scan(HashedFile).Outcome);
    }

    [ClamdFact]
    public async Task The_analyzer_reports_detections_and_bypasses_the_cache_without_a_database_version()
    {
        await using var daemon = await ClamdDaemon.StartAsync(Signatures());
        using var client = new ClamdClient(ClamdAddress.Parse(daemon.UnixAddress));
        var analyzer = new ClamdAnalyzer(client, client.Version());
        var tar = new TarBuilder().File("opt/m/run", "#!/bin/sh\n# " + MinerText + "\n").File("srv/payload.bin", HashedFile).File("etc/motd", "hello\n").Build();

        var layer = await Analyse.TarAsync(tar, new AnalyzerCatalog([analyzer]));

        Assert.Equal(
            [("opt/m/run", "clamd/DrydockTest.Unix.Coinminer.Body.UNOFFICIAL", ThreatCategory.CoinMiner), ("srv/payload.bin", "clamd/DrydockTest.Win.Trojan.Hashed.UNOFFICIAL", ThreatCategory.WindowsMalware)],
            layer.ContentFindings.Select(f => (f.Path, f.RuleId, f.Category)));
        Assert.All(layer.ContentFindings, f => Assert.Equal(Confidence.High, f.Confidence));
        Assert.Null(analyzer.ConfigurationKey); // local signatures only: "ClamAV 1.4.6", no database version
        Assert.False(new AnalyzerCatalog([analyzer]).Cacheable);
    }

    [Theory]
    [InlineData("tcp:192.0.2.10:3310")]
    [InlineData("tcp:10.0.0.1:3310")]
    [InlineData("tcp:127.0.0.1")]
    [InlineData("tcp:127.0.0.1:99999")]
    [InlineData("http://127.0.0.1:3310")]
    [InlineData("unix:")]
    public void Bad_or_remote_addresses_are_refused(string address)
        => Assert.StartsWith($"--clamd {address}: ", Assert.Throws<DrydockInputException>(() => ClamdAddress.Parse(address)).Message);

    [Theory]
    [InlineData("tcp:127.0.0.1:3310")]
    [InlineData("tcp:[::1]:3310")]
    [InlineData("tcp:localhost:3310")]
    [InlineData("unix:/run/clamav/clamd.ctl")]
    public void Loopback_and_unix_addresses_are_accepted(string address) => Assert.Equal(address, ClamdAddress.Parse(address).Text);

    [Theory]
    [InlineData("stream: OK", ClamdOutcome.Clean, "OK")]
    [InlineData("stream: Win.Test.EICAR_HDB-1 FOUND", ClamdOutcome.Found, "Win.Test.EICAR_HDB-1")]
    [InlineData("INSTREAM size limit exceeded. ERROR", ClamdOutcome.TooLarge, "INSTREAM size limit exceeded. ERROR")]
    [InlineData("stream: Can't allocate memory ERROR", ClamdOutcome.Failed, "stream: Can't allocate memory ERROR")]
    [InlineData("", ClamdOutcome.Failed, "empty reply")]
    public void Replies_parse(string text, ClamdOutcome outcome, string detail) => Assert.Equal(new ClamdReply(outcome, detail), ClamdReply.Parse(text));

    [Theory]
    [InlineData("ClamAV 1.4.6", false)]
    [InlineData("ClamAV 1.4.6/27450/Tue Nov 26 09:33:49 2024", true)]
    public void Only_a_version_with_a_database_number_keys_the_cache(string version, bool keyed)
        => Assert.Equal(keyed, ClamdAnalyzer.HasDatabaseVersion(version));
}
