using System.Text.Json;
using System.Text.Json.Nodes;
using Drydock.Policy;
using Drydock.Policy.Output;
using Drydock.Tests.Detection;
using Drydock.Tests.Fixtures;
using Drydock.Tests.Policy;
using Json.Schema;

namespace Drydock.Tests.Cli;

/// <summary><c>drydock policy check</c> on the real test images, an SBOM and saved reports, with the real advisory database.</summary>
[Collection(AdvisoryDatabaseCollection.Name)]
public sealed class PolicyCommandTests(AdvisoryDatabaseFixture database)
{
    private readonly TestImages _images = new();
    private readonly string _dir = RepoPaths.Scratch("policy");

    private string Policy(string yaml, string name = "policy.yaml")
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, yaml);
        return path;
    }

    private static PolicyDecision Decision(CliRunner.Run run) => PolicyJsonWriter.Read(run.Stdout);

    private static RuleOutcome Rule(PolicyDecision decision, string name) => decision.Rules.Single(r => r.Rule == name);

    private static void AssertOneLineError(CliRunner.Run run, string contains)
    {
        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("drydock: ", line);
        Assert.Contains(contains, line);
        Assert.DoesNotContain("   at ", run.Stderr);
    }

    [Fact]
    public async Task The_miner_image_fails_the_smallest_policy_on_its_coin_miner()
    {
        await _images.EnsureAsync("miner");
        var image = $"oci-archive:{_images.OciArchive("miner")}";
        var policy = Policy(PolicyParserTests.Smallest);
        // A project database of its own, empty: the base rule's answer must not depend on this machine's default one.
        var db = Path.Combine(_dir, "empty-project.db");
        File.Delete(db);
        var run = await CliRunner.InProcessAsync("policy", "check", image, "--policy", policy, "--format", "json", "--scanners", "malware,secret,misconfig", "--no-cache", "-q", "--db", db);
        Assert.True(run.ExitCode == 1, run.Stderr);
        var decision = Decision(run);
        Assert.False(decision.Passed);
        Assert.Equal(image, decision.Image.Reference);
        Assert.Equal(_images.ManifestDigest("miner"), decision.Image.Digest);
        Assert.Equal(["registries", "base", "vulnerabilities", "malware"], decision.Rules.Select(r => r.Rule));
        Assert.All(decision.Rules, r => Assert.False(r.Passed));
        Assert.Contains("is not read from a registry (oci-archive)", Rule(decision, "registries").Reason);
        Assert.Equal("no base catalog configured: add hardened bases with 'drydock base add' (or name the project database with --db)", Rule(decision, "base").Reason);
        Assert.Equal("vulnerabilities were not checked: the vulnerability scanner did not run", Rule(decision, "vulnerabilities").Reason);
        var malware = Rule(decision, "malware");
        Assert.Contains("in denied categories: coin-miner", malware.Reason);
        Assert.NotEmpty(malware.Violations);
        Assert.All(malware.Violations, v => Assert.StartsWith("coin-miner, ", v.Detail));

        // The same with the table: one line per rule, and the overall result.
        var table = await CliRunner.InProcessAsync("policy", "check", image, "--policy", policy, "--scanners", "malware", "--no-cache", "-q");
        Assert.Equal(1, table.ExitCode);
        Assert.Contains("FAIL  malware", table.Stdout);
        Assert.Contains("Result: FAIL (4 of 4 rules failed)", table.Stdout);

        // An exception for every miner finding, in force, lets the malware rule pass with the exceptions listed.
        var ids = malware.Violations.Select(v => v.Id).Distinct();
        var excepted = Policy("version: 1\nmalware:\n  deny: [coin-miner]\nexceptions:\n"
            + string.Concat(ids.Select(id => $"  - {{id: {id}, expires: 2099-12-31, reason: lab image}}\n")), "excepted.yaml");
        var pass = await CliRunner.InProcessAsync("policy", "check", image, "--policy", excepted, "--format", "json", "--no-cache", "-q");
        Assert.True(pass.ExitCode == 0, pass.Stdout + pass.Stderr);
        Assert.Equal(malware.Violations.Count, Rule(Decision(pass), "malware").Excepted.Count);
    }

    [SharedDataFact]
    public async Task The_debian_image_with_the_advisory_database_age_misconfigurations_and_exceptions()
    {
        var image = $"oci:{_images.OciLayout("debian")}:bookworm";
        var cache = Path.Combine(_dir, "cache");
        var policy = Policy("""
            version: 1
            vulnerabilities:
              maxSeverity: high
            secrets:
              deny: true
            misconfigurations:
              deny: [root-user, sshd-present]
            maxAge: 30d
            exceptions:
              - id: root-user
                image: oci-archive-is-no-registry.example.com
                expires: 2099-01-01
                reason: covers registry images only
              - id: root-user
                expires: 2001-01-01
                reason: expired long ago
            """);
        var run = await CliRunner.InProcessAsync("policy", "check", image, "--policy", policy, "--advisory-db", database.Path!, "--format", "json", "--cache-dir", cache, "-q");
        Assert.True(run.ExitCode == 1, run.Stderr);
        var decision = Decision(run);
        Assert.Equal([true, true, false, false], decision.Rules.Select(r => r.Passed));
        Assert.StartsWith("no finding above high (", Rule(decision, "vulnerabilities").Reason);
        Assert.Equal("no secret found", Rule(decision, "secrets").Reason);
        Assert.Equal(["root-user"], Rule(decision, "misconfigurations").Violations.Select(v => v.Id));
        Assert.StartsWith("created 2023-11-14 (", Rule(decision, "maxAge").Reason);
        Assert.EndsWith("older than 30d", Rule(decision, "maxAge").Reason);
        Assert.Equal("expired long ago", Assert.Single(decision.ExpiredExceptions).Reason);

        // An exception in force and a longer age pass the image (the layer cache serves the second scan).
        var relaxed = Policy("""
            version: 1
            vulnerabilities:
              maxSeverity: high
            misconfigurations:
              deny: [root-user]
            maxAge: 100000d
            exceptions:
              - id: root-user
                expires: 2099-01-01
                reason: the test image runs as root
            """, "relaxed.yaml");
        var pass = await CliRunner.InProcessAsync("policy", "check", image, "--policy", relaxed, "--advisory-db", database.Path!, "--cache-dir", cache, "-q");
        Assert.True(pass.ExitCode == 0, pass.Stdout + pass.Stderr);
        Assert.Contains("root-user excepted until 2099-01-01: the test image runs as root", pass.Stdout);
        Assert.Contains("Result: PASS (3 rules passed)", pass.Stdout);
    }

    // log4j 2.13.3 on Debian 11 (three DSA CVEs of unknown severity, two in KEV) and lodash 4.17.20 (GHSA CVEs: one high, one
    // medium), as in VulnerabilityCommandTests.
    private string Sbom()
    {
        var file = Path.Combine(_dir, "app.cdx.json");
        File.WriteAllText(file, """
            {"bomFormat":"CycloneDX","specVersion":"1.6",
             "metadata":{"component":{"type":"container","name":"registry.example.com/app:1"}},
             "components":[
               {"type":"library","name":"liblog4j2-java","purl":"pkg:deb/debian/liblog4j2-java@2.13.3-1?arch=all&distro=debian-11&upstream=apache-log4j2"},
               {"type":"library","name":"lodash","purl":"pkg:npm/lodash@4.17.20"}]}
            """);
        return file;
    }

    [SharedDataFact]
    public async Task A_drydockignore_in_the_working_directory_does_not_weaken_the_policy_unless_named()
    {
        var sbom = $"sbom:{Sbom()}";
        var policy = Policy("version: 1\nvulnerabilities:\n  maxSeverity: medium\n", "ignore.yaml");
        var work = Path.Combine(_dir, "repo");
        Directory.CreateDirectory(work);
        var ignore = Path.Combine(work, ".drydockignore");
        await File.WriteAllTextAsync(ignore, "CVE-2021-23337 # dropped into the repository\n");
        var dll = Path.Combine(AppContext.BaseDirectory, "drydock.dll");

        // scan picks the file up by default; policy check does not, unless it is named with --ignore-file.
        var scan = await Fixtures.ProcessRunner.RunAsync("dotnet", [dll, "scan", sbom, "--advisory-db", database.Path!, "--format", "json", "--fail-on", "high"], workingDirectory: work);
        Assert.True(scan.ExitCode == 0, scan.Stderr);
        var check = await Fixtures.ProcessRunner.RunAsync("dotnet", [dll, "policy", "check", sbom, "--policy", policy, "--advisory-db", database.Path!], workingDirectory: work);
        Assert.True(check.ExitCode == 1, check.Stdout + check.Stderr);
        Assert.Contains("CVE-2021-23337", check.Stdout);
        var named = await Fixtures.ProcessRunner.RunAsync("dotnet", [dll, "policy", "check", sbom, "--policy", policy, "--advisory-db", database.Path!, "--ignore-file", ignore], workingDirectory: work);
        Assert.True(named.ExitCode == 0, named.Stdout + named.Stderr);
    }

    [SharedDataFact]
    public async Task An_sbom_fails_max_severity_and_only_kev_and_an_exception_with_expiry_passes_it()
    {
        var sbom = $"sbom:{Sbom()}";
        var strict = await CliRunner.InProcessAsync("policy", "check", sbom, "--policy", Policy("version: 1\nvulnerabilities:\n  maxSeverity: medium\n"), "--advisory-db", database.Path!, "--format", "json");
        Assert.True(strict.ExitCode == 1, strict.Stderr);
        var violations = Rule(Decision(strict), "vulnerabilities").Violations.Select(v => v.Id).ToList();
        Assert.Equal(["CVE-2021-23337"], violations);

        var kev = await CliRunner.InProcessAsync("policy", "check", sbom, "--policy", Policy("version: 1\nvulnerabilities:\n  maxSeverity: none\n  onlyKev: true\n", "kev.yaml"), "--advisory-db", database.Path!, "--format", "json");
        Assert.Equal(["CVE-2021-44228", "CVE-2021-45046"], Rule(Decision(kev), "vulnerabilities").Violations.Select(v => v.Id).Order());

        // The exception names the finding by its GHSA alias.
        var exceptions = "  - {id: GHSA-35jh-r3h4-6jhm, expires: 2099-01-01, reason: mitigated by the WAF}\n";
        var excepted = await CliRunner.InProcessAsync("policy", "check", sbom, "--policy", Policy("version: 1\nvulnerabilities:\n  maxSeverity: medium\nexceptions:\n" + exceptions, "excepted.yaml"), "--advisory-db", database.Path!, "--format", "json");
        Assert.True(excepted.ExitCode == 0, excepted.Stdout);
        Assert.Equal("CVE-2021-23337", Assert.Single(Rule(Decision(excepted), "vulnerabilities").Excepted).Id);

        var expired = await CliRunner.InProcessAsync("policy", "check", sbom, "--policy", Policy("version: 1\nvulnerabilities:\n  maxSeverity: medium\nexceptions:\n" + exceptions.Replace("2099-01-01", "2020-01-01"), "expired.yaml"), "--advisory-db", database.Path!, "--format", "json");
        Assert.Equal(1, expired.ExitCode);
        Assert.Equal(violations.Count, Decision(expired).ExpiredExceptions.Count);

        // An SBOM holds no files: the malware rule fails rather than pass unseen.
        var malware = await CliRunner.InProcessAsync("policy", "check", sbom, "--policy", Policy("version: 1\nmalware:\n  deny: [coin-miner]\n", "malware.yaml"), "--advisory-db", database.Path!, "--format", "json");
        Assert.Equal(1, malware.ExitCode);
        Assert.Equal("malicious content was not checked: the malware scanner needs an image, not an SBOM", Rule(Decision(malware), "malware").Reason);
    }

    [SharedDataFact]
    public async Task Sarif_output_validates_against_the_official_2_1_0_schema()
    {
        var output = Path.Combine(_dir, "policy.sarif");
        var run = await CliRunner.InProcessAsync("policy", "check", $"sbom:{Sbom()}", "--policy", Policy(PolicyParserTests.Smallest), "--advisory-db", database.Path!, "--format", "sarif", "-o", output);
        Assert.True(run.ExitCode == 1, run.Stderr);
        var text = await File.ReadAllTextAsync(output);
        var package = await NpmPackages.UnpackAsync("@microsoft/sarif-multitool-linux", "5.7.0");
        var schema = JsonSchema.FromText(await File.ReadAllTextAsync(Path.Combine(package, "sarif-2.1.0.json")), new BuildOptions { SchemaRegistry = new SchemaRegistry() });
        using var document = JsonDocument.Parse(text);
        var result = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        var errors = (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")).Take(10);
        Assert.True(result.IsValid, "SARIF 2.1.0 schema: " + string.Join("; ", errors));

        var sarif = JsonNode.Parse(text)!["runs"]![0]!;
        Assert.Equal(["policy/registries", "policy/base", "policy/vulnerabilities", "policy/malware"],
            sarif["tool"]!["driver"]!["rules"]!.AsArray().Select(r => r!["id"]!.GetValue<string>()));
        Assert.Equal(["fail", "fail", "pass", "fail"], sarif["results"]!.AsArray().Select(r => r!["kind"]!.GetValue<string>()));
        Assert.False(sarif["properties"]!["passed"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_saved_json_report_is_checked_without_scanning()
    {
        await _images.EnsureAsync("miner");
        var report = Path.Combine(_dir, "miner.json");
        var scan = await CliRunner.InProcessAsync("scan", $"oci:{_images.OciLayout("miner")}:v1", "--format", "json", "-o", report, "--no-cache", "-q");
        Assert.True(scan.ExitCode == 0, scan.Stderr);
        var run = await CliRunner.InProcessAsync("policy", "check", $"report:{report}", "--policy", Policy("version: 1\nmalware:\n  deny: [coin-miner]\nmaxAge: 100000d\n"), "--format", "json");
        Assert.Equal(1, run.ExitCode);
        var decision = Decision(run);
        Assert.Equal([false, true], decision.Rules.Select(r => r.Passed));
        Assert.EndsWith("miner-oci:v1", decision.Image.Reference);

        await File.WriteAllTextAsync(report, "{\"not\": ");
        AssertOneLineError(await CliRunner.InProcessAsync("policy", "check", $"report:{report}", "--policy", Policy("version: 1\n")), "not a drydock JSON report");
        AssertOneLineError(await CliRunner.InProcessAsync("policy", "check", "report:/nonexistent/report.json", "--policy", Policy("version: 1\n")), "/nonexistent/report.json");
    }

    [Fact]
    public async Task A_bad_policy_is_exit_two_with_its_line_and_column_before_any_scan()
    {
        var policy = Policy("version: 1\nvulnerabilities:\n  maxSeverity: high\n  onlyFixible: true\n");
        AssertOneLineError(await CliRunner.InProcessAsync("policy", "check", "docker://127.0.0.1:1/never/pulled", "--policy", policy),
            $"{policy}:4:3: unknown key 'onlyFixible' in 'vulnerabilities' (did you mean 'onlyFixable'?)");
        AssertOneLineError(await CliRunner.InProcessAsync("policy", "check", "docker://127.0.0.1:1/never/pulled", "--policy", Policy("version: 1\nregistries: [\n")), "policy.yaml:");
        AssertOneLineError(await CliRunner.InProcessAsync("policy", "check", "x", "--policy", "/nonexistent/policy.yaml"), "no such file");
        AssertOneLineError(await CliRunner.InProcessAsync("policy", "check", "x"), "--policy");
        AssertOneLineError(await CliRunner.InProcessAsync("policy", "check", "x", "--policy", Policy("version: 1\n"), "--fail-on", "high"), "--fail-on does not apply to 'policy check'");
        AssertOneLineError(await CliRunner.InProcessAsync("policy", "check", "x", "--policy", Policy("version: 1\n"), "--format", "cyclonedx"), "cyclonedx");
    }
}
