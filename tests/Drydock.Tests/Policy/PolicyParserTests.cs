using Drydock.Analysis.Content;
using Drydock.Policy;
using Drydock.Tests.Fixtures;

namespace Drydock.Tests.Policy;

public sealed class PolicyParserTests
{
    /// <summary>The smallest useful policy, verbatim from the issue.</summary>
    public const string Smallest = """
        version: 1
        registries:
          allow: ["registry.example.com/hardened/*", "registry.example.com/apps/*"]
        base:
          require: hardened          # the image must be built on a catalog base
        vulnerabilities:
          maxSeverity: high          # any critical finding fails
        malware:
          deny: [coin-miner, hacking-tool, windows-malware, malicious-npm-package]
        """;

    [Fact]
    public void The_smallest_policy_is_accepted_as_written()
    {
        var policy = PolicyParser.Parse(Smallest, "policy.yaml");
        Assert.Equal(1, policy.Version);
        Assert.Equal(["registry.example.com/hardened/*", "registry.example.com/apps/*"], policy.AllowedRegistries!.Select(p => p.Text));
        Assert.Null(policy.Base!.Names);
        Assert.Equal(new VulnerabilityLimit("high", false, false), policy.Vulnerabilities);
        Assert.Equal([ThreatCategory.CoinMiner, ThreatCategory.HackingTool, ThreatCategory.WindowsMalware, ThreatCategory.MaliciousNpmPackage], policy.Malware!.Categories);
        Assert.Equal(Confidence.Low, policy.Malware.MinConfidence);
        Assert.False(policy.DenySecrets);
        Assert.Null(policy.MaxAge);
        Assert.Empty(policy.Exceptions);
    }

    [Fact]
    public void The_documented_examples_parse_and_the_smallest_is_the_issues()
    {
        var dir = Path.Combine(RepoPaths.Root, "docs", "policy-examples");
        Assert.Equal(Smallest.Trim(), File.ReadAllText(Path.Combine(dir, "minimal.yaml")).Trim());
        var production = PolicyParser.Load(Path.Combine(dir, "production.yaml"));
        Assert.Equal(TimeSpan.FromDays(90), production.MaxAge);
        Assert.True(production.DenySecrets);
        Assert.Equal(new VulnerabilityLimit("medium", true, false), production.Vulnerabilities);
        Assert.Equal(2, production.Base!.Names!.Count);
        Assert.Equal(["root-user", "sshd-present", "secret-in-config", "remote-add"], production.DeniedMisconfigurations);
        var exception = production.Exceptions[0];
        Assert.Equal(("CVE-2023-4911", "registry.example.com/apps/legacy-*", new DateOnly(2027, 3, 31)), (exception.Id, exception.Image!.Text, exception.Expires));
        Assert.StartsWith("glibc fix", exception.Reason);
        Assert.True(PolicyParser.Load(Path.Combine(dir, "ci-gate.yaml")).Vulnerabilities!.OnlyKev);
    }

    [Fact]
    public void Durations_and_lists_of_bases()
    {
        var policy = PolicyParser.Parse("version: 1\nmaxAge: 12w\nbase:\n  require:\n    - registry.example.com/hardened/debian\n", "p");
        Assert.Equal(TimeSpan.FromDays(84), policy.MaxAge);
        Assert.Equal("registry.example.com/hardened/debian", Assert.Single(policy.Base!.Names!).Text);
        Assert.Equal(TimeSpan.FromHours(36), PolicyParser.Parse("version: 1\nmaxAge: 36h", "p").MaxAge);
    }

    [Theory]
    [InlineData("version: 1\nregistries:\n  allow: [a.io]\nvulnerabilites:\n  maxSeverity: high\n", 4, 1, "unknown key 'vulnerabilites' in the policy")]
    [InlineData("version: 1\nvulnerabilities:\n  maxSeverty: high\n", 3, 3, "unknown key 'maxSeverty' in 'vulnerabilities'")]
    [InlineData("version: 1\nvulnerabilities:\n  MaxSeverity: high\n", 3, 3, "did you mean 'maxSeverity'?")]
    [InlineData("version: 1\nvulnerabilities:\n  maxSeverity: severe\n", 3, 16, "unknown severity 'severe'")]
    [InlineData("version: 1\nvulnerabilities:\n  maxSeverity: high\n  onlyFixable: yes\n", 4, 16, "must be true or false")]
    [InlineData("version: 1\nmalware:\n  deny: [coin-miner, crypto-miner]\n", 3, 22, "unknown malware category 'crypto-miner'")]
    [InlineData("version: 1\nmalware:\n  deny: coin-miner\n", 3, 9, "must be a list")]
    [InlineData("version: 1\nbase:\n  require: hardend\n", 3, 12, "'hardened' (any catalog base)")]
    [InlineData("version: 1\nbase: {}\n", 2, 7, "'base' needs 'require'")]
    [InlineData("version: 2\n", 1, 10, "unsupported policy version '2'")]
    [InlineData("registries:\n  allow: [a.io]\n", 1, 1, "missing 'version: 1'")]
    [InlineData("version: 1\nregistries:\n  allow: [\"registry.example.com/apps/web:1\"]\n", 3, 11, "not tags")]
    [InlineData("version: 1\nmisconfigurations:\n  deny: [root-user, run-as-root]\n", 3, 21, "unknown misconfiguration id 'run-as-root'")]
    [InlineData("version: 1\nmaxAge: 90 days\n", 2, 9, "a duration such as 90d")]
    [InlineData("version: 1\nsecrets:\n  deny: true\nsecrets:\n  deny: false\n", 4, 1, "duplicate key 'secrets'")]
    [InlineData("version: 1\nexceptions:\n  - id: CVE-1\n    expires: 2027-13-01\n    reason: r\n", 4, 14, "YYYY-MM-DD")]
    [InlineData("version: 1\nexceptions:\n  - id: CVE-1\n    expires: 2027-01-01\n", 3, 5, "'exceptions' needs 'reason'")]
    [InlineData("version: 1\nexceptions:\n  - id: CVE-1\n    expires: 2027-01-01\n    reason: r\n    until: 2028-01-01\n", 6, 5, "unknown key 'until' in an exception")]
    [InlineData("version: 1\nregistries:\n  allow: [a.io\n", 4, 1, "invalid YAML")]
    [InlineData("version: 1\nbase: &b\n  require: hardened\nother: *b\n", 2, 7, "anchors")]
    [InlineData("- version: 1\n", 1, 1, "the policy must be a mapping")]
    [InlineData("", 1, 1, "empty policy")]
    [InlineData("version: 1\n---\nversion: 1\n", 2, 1, "second one")]
    public void Bad_policies_are_refused_with_line_and_column(string text, int line, int column, string message)
    {
        var e = Assert.Throws<PolicyParseException>(() => PolicyParser.Parse(text, "p.yaml"));
        Assert.Contains(message, e.Message);
        Assert.Equal((line, column), (e.Line, e.Column));
        Assert.StartsWith($"p.yaml:{line}:{column}: ", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }
}
