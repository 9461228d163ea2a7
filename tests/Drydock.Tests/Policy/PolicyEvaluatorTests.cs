using Drydock.Analysis.Content;
using Drydock.Policy;

namespace Drydock.Tests.Policy;

/// <summary>The rules on hand-made subjects (the real-image runs are in Cli/PolicyCommand*Tests).</summary>
public sealed class PolicyEvaluatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    private static readonly PolicySubject Subject = new()
    {
        Reference = "registry.example.com/apps/web:1",
        Registry = "registry.example.com",
        Repository = "apps/web",
        Transport = "docker",
        Digest = "sha256:" + new string('a', 64),
        Created = Now.AddDays(-10),
        Vulnerabilities =
        [
            new("CVE-2021-44228", ["GHSA-jfh8-c2jp-5v3q"], "critical", Fixable: true, Kev: true, "liblog4j2-java", "2.13.3-1"),
            new("CVE-2024-0001", [], "critical", Fixable: false, Kev: false, "libfoo", "1.0"),
            new("CVE-2020-28500", [], "medium", Fixable: true, Kev: false, "lodash", "4.17.20"),
            new("CVE-2024-0002", [], "unknown", Fixable: false, Kev: false, "libbar", "2.0"),
        ],
        Malware =
        [
            new("miner-stratum-url", ThreatCategory.CoinMiner, Confidence.High, "stratum URL", "/usr/bin/xmrig", "ab12"),
            new("packed-upx", ThreatCategory.PackedBinary, Confidence.Medium, "UPX-packed", "/bin/x", null),
            new("script-curl-sh", ThreatCategory.SuspiciousScript, Confidence.Low, "curl | sh", "/etc/cron.d/x", null),
        ],
        Verdict = "malicious",
        Secrets = [new("github-token", "high", "/app/.env")],
        Misconfigurations = [new("root-user", "medium", "runs as root"), new("no-healthcheck", "low", "no HEALTHCHECK")],
    };

    private static PolicyDecision Evaluate(string yaml, PolicySubject? subject = null)
        => PolicyEvaluator.Evaluate(PolicyParser.Parse("version: 1\n" + yaml, "p.yaml"), subject ?? Subject, Now);

    private static RuleOutcome Rule(PolicyDecision decision, string name) => decision.Rules.Single(r => r.Rule == name);

    [Fact]
    public void Every_rule_is_reported_in_order_with_a_reason()
    {
        var decision = PolicyEvaluator.Evaluate(PolicyParser.Parse(PolicyParserTests.Smallest, "p.yaml"), Subject, Now);
        Assert.False(decision.Passed);
        Assert.Equal(["registries", "base", "vulnerabilities", "malware"], decision.Rules.Select(r => r.Rule));
        Assert.Equal([true, false, false, false], decision.Rules.Select(r => r.Passed));
        Assert.Equal("registry.example.com/apps/web matches 'registry.example.com/apps/*'", Rule(decision, "registries").Reason);
        Assert.Equal("no base catalog configured: add hardened bases with 'drydock base add' (or name the project database with --db)", Rule(decision, "base").Reason);
        Assert.Equal(["CVE-2021-44228", "CVE-2024-0001"], Rule(decision, "vulnerabilities").Violations.Select(v => v.Id));
        Assert.StartsWith("2 findings above high: CVE-2021-44228 (critical, KEV, fixable: liblog4j2-java 2.13.3-1)", Rule(decision, "vulnerabilities").Reason);
        Assert.Equal(["miner-stratum-url"], Rule(decision, "malware").Violations.Select(v => v.Id));
        Assert.Contains("coin-miner (1)", Rule(decision, "malware").Reason);
    }

    [Fact]
    public void An_empty_policy_passes_everything()
        => Assert.True(Evaluate("").Passed);

    [Theory]
    [InlineData("maxSeverity: critical", new string[0])]
    [InlineData("maxSeverity: high", new[] { "CVE-2021-44228", "CVE-2024-0001" })]
    [InlineData("maxSeverity: low", new[] { "CVE-2021-44228", "CVE-2024-0001", "CVE-2020-28500" })]
    [InlineData("maxSeverity: unknown", new[] { "CVE-2021-44228", "CVE-2024-0001", "CVE-2020-28500" })]
    [InlineData("maxSeverity: none", new[] { "CVE-2021-44228", "CVE-2024-0001", "CVE-2020-28500", "CVE-2024-0002" })]
    [InlineData("maxSeverity: low\n  onlyFixable: true", new[] { "CVE-2021-44228", "CVE-2020-28500" })]
    [InlineData("maxSeverity: none\n  onlyKev: true", new[] { "CVE-2021-44228" })]
    [InlineData("maxSeverity: high\n  onlyFixable: true\n  onlyKev: true", new[] { "CVE-2021-44228" })]
    public void Vulnerability_limits(string rule, string[] failing)
    {
        var outcome = Rule(Evaluate("vulnerabilities:\n  " + rule), "vulnerabilities");
        Assert.Equal(failing.Length == 0, outcome.Passed);
        Assert.Equal(failing, outcome.Violations.Select(v => v.Id));
    }

    [Fact]
    public void Rules_whose_input_is_missing_fail()
    {
        var blind = Subject with
        {
            Registry = null,
            Repository = null,
            Reference = "oci-archive:/tmp/app.oci.tar",
            Transport = "oci-archive",
            Created = null,
            VulnerabilitiesNotChecked = "no advisory database",
            MalwareNotChecked = "the malware scanner did not run",
            SecretsNotChecked = "the secret scanner did not run",
            MisconfigurationsNotChecked = "the misconfiguration scanner did not run",
        };
        var decision = Evaluate("registries:\n  allow: [registry.example.com]\nvulnerabilities:\n  maxSeverity: critical\nmalware:\n  deny: [eicar-test]\nsecrets:\n  deny: true\nmisconfigurations:\n  deny: [sshd-present]\nmaxAge: 1000d\n", blind);
        Assert.All(decision.Rules, r => Assert.False(r.Passed));
        Assert.Contains("not read from a registry (oci-archive)", Rule(decision, "registries").Reason);
        Assert.Equal("vulnerabilities were not checked: no advisory database", Rule(decision, "vulnerabilities").Reason);
        Assert.Equal("the image configuration has no creation time", Rule(decision, "maxAge").Reason);
    }

    [Fact]
    public void Base_requirements()
    {
        var onBase = Subject with { Base = new PolicyBase("registry.example.com/hardened/debian:12", "sha256:" + new string('b', 64)), BaseDetected = true };
        Assert.True(Rule(Evaluate("base:\n  require: hardened", onBase), "base").Passed);
        Assert.True(Rule(Evaluate("base:\n  require: [registry.example.com/hardened/*]", onBase), "base").Passed);
        var other = Rule(Evaluate("base:\n  require: [registry.example.com/hardened/distroless-*]", onBase), "base");
        Assert.False(other.Passed);
        Assert.Contains("not one of the required bases", other.Reason);
        var none = Rule(Evaluate("base:\n  require: hardened", Subject with { BaseDetected = true }), "base");
        Assert.Equal("no hardened base detected: the image is not built on a catalog base", none.Reason);
    }

    [Fact]
    public void Malware_confidence_and_secrets_and_misconfigurations()
    {
        Assert.Equal(["miner-stratum-url", "packed-upx", "script-curl-sh"],
            Rule(Evaluate("malware:\n  deny: [coin-miner, packed-binary, suspicious-script]"), "malware").Violations.Select(v => v.Id));
        Assert.Equal(["miner-stratum-url", "packed-upx"],
            Rule(Evaluate("malware:\n  deny: [coin-miner, packed-binary, suspicious-script]\n  minConfidence: medium"), "malware").Violations.Select(v => v.Id));
        Assert.True(Rule(Evaluate("malware:\n  deny: [eicar-test]"), "malware").Passed);
        Assert.Equal("1 secret found: github-token (high in /app/.env)", Rule(Evaluate("secrets:\n  deny: true"), "secrets").Reason);
        Assert.Empty(Evaluate("secrets:\n  deny: false").Rules);
        Assert.Equal(["root-user"], Rule(Evaluate("misconfigurations:\n  deny: [root-user, sshd-present]"), "misconfigurations").Violations.Select(v => v.Id));
        Assert.True(Rule(Evaluate("misconfigurations:\n  deny: [sshd-present]"), "misconfigurations").Passed);
    }

    [Fact]
    public void Image_age()
    {
        Assert.Equal("created 2026-11-27 (10d ago), within 30d", Rule(Evaluate("maxAge: 30d"), "maxAge").Reason);
        var old = Rule(Evaluate("maxAge: 1w"), "maxAge");
        Assert.False(old.Passed);
        Assert.Equal("created 2026-11-27 (10d ago), older than 7d", old.Reason);
    }

    [Fact]
    public void Exceptions_apply_by_id_or_alias_on_matching_images_until_they_expire()
    {
        var decision = Evaluate("""
            vulnerabilities:
              maxSeverity: high
            secrets:
              deny: true
            exceptions:
              - id: GHSA-jfh8-c2jp-5v3q
                image: registry.example.com/apps/*
                expires: 2026-12-07
                reason: patched in place, rebuild pending
              - id: CVE-2024-0001
                expires: 2026-12-06
                reason: expired yesterday
              - id: github-token
                image: registry.example.com/other/*
                expires: 2099-01-01
                reason: another image's token
              - id: CVE-2024-0001
                image: registry.example.com/other/*
                expires: 2000-01-01
                reason: expired, and for another image
            """);
        var vulnerabilities = Rule(decision, "vulnerabilities");
        Assert.False(vulnerabilities.Passed);
        Assert.Equal(["CVE-2024-0001"], vulnerabilities.Violations.Select(v => v.Id));
        var excepted = Assert.Single(vulnerabilities.Excepted);
        Assert.Equal(("CVE-2021-44228", new DateOnly(2026, 12, 7), "patched in place, rebuild pending"), (excepted.Id, excepted.Expires, excepted.Reason));
        Assert.False(Rule(decision, "secrets").Passed);
        var expired = Assert.Single(decision.ExpiredExceptions);
        Assert.Equal(("CVE-2024-0001", "expired yesterday", 11), (expired.Id, expired.Reason, expired.Line));

        var allExcepted = Evaluate("""
            vulnerabilities:
              maxSeverity: high
            exceptions:
              - {id: CVE-2021-44228, expires: 2027-01-01, reason: accepted}
              - {id: cve-2024-0001, image: registry.example.com/apps/web, expires: 2027-01-01, reason: accepted}
            """);
        Assert.True(allExcepted.Passed);
        Assert.Contains("2 findings excepted: CVE-2021-44228, CVE-2024-0001", Rule(allExcepted, "vulnerabilities").Reason);
    }
}
