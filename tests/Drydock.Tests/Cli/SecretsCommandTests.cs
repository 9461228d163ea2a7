using System.Text.Json;
using System.Text.Json.Nodes;
using Drydock.Tests.Detection;
using Drydock.Tests.Fixtures;
using Json.Schema;

namespace Drydock.Tests.Cli;

/// <summary><c>drydock scan --scanners secret,misconfig</c> on the secrets image: every output format lists the
/// secrets and checks, and none of them ever prints a raw secret.</summary>
[Collection(TestImagesCollection.Name)]
public sealed class SecretsCommandTests(TestImages images)
{
    private async Task<CliRunner.Run> ScanAsync(params string[] extra)
    {
        await images.EnsureAsync("secrets");
        var run = await CliRunner.InProcessAsync(["scan", $"oci:{images.OciLayout("secrets")}:v1", "--no-cache", "-q", "--scanners", "secret,misconfig", .. extra]);
        Assert.True(run.ExitCode == 0, run.Stderr);
        return run;
    }

    // The values of secrets.raw plus every body line of the generated keys.
    private List<string> RawSecrets()
    {
        var root = images.RootFs("secrets");
        string[] keys = ["root/.ssh/id_rsa", "root/.ssh/id_ed25519", "etc/app/tls.key", "etc/app/ec.key", "etc/app/encrypted.key", "etc/app/signing.asc"];
        var bodies = keys.SelectMany(k => File.ReadAllLines(Path.Combine(root, k)))
            .Where(l => l.Length >= 16 && !l.StartsWith("-----", StringComparison.Ordinal) && !l.Contains(' ', StringComparison.Ordinal));
        return [.. ImageScans.RawSecrets(images), .. bodies];
    }

    private void AssertNoRawSecret(string output)
    {
        var raw = RawSecrets();
        Assert.True(raw.Count > 40, $"only {raw.Count} raw values");
        var leaked = raw.Where(r => output.Contains(r, StringComparison.Ordinal)).ToList();
        Assert.True(leaked.Count == 0, "raw secret in the output: " + string.Join(", ", leaked.Select(l => l[..6] + "…")));
    }

    [Fact]
    public async Task Json_lists_secrets_and_misconfigurations_masked()
    {
        var run = await ScanAsync("--format", "json");
        AssertNoRawSecret(run.Stdout);
        var report = run.Report;
        Assert.Equal(27, report.Secrets.Count);
        Assert.Equal(["secret", "misconfig"], report.Scanners);
        Assert.Contains(report.Secrets, s => s.RuleId == "aws-access-key-id" && s.Deleted && s.Match == "aws_access_key_id = AKIA********");
        Assert.Equal(["secret-in-config", "root-user", "no-healthcheck"], report.Misconfigurations.Select(m => m.Id));

        // The image configuration the report repeats is masked too, whichever entry held the secret.
        var config = report.Artifact.Config;
        Assert.Contains("DB_PASSWORD=********", config.Env!);
        Assert.Contains("API_TOKEN=ghp_********", config.Env!);
        Assert.Contains("DB_PASSWORD_FILE=/run/secrets/db", config.Env!);
        Assert.Equal("********", config.Labels!["com.example.api-token"]);
        Assert.Equal("secrets test", config.Labels!["org.opencontainers.image.title"]);
        Assert.Contains(config.History, h => h.CreatedBy == "ENV DB_PASSWORD=******** API_TOKEN=ghp_********");
        Assert.StartsWith("|1 NPM_TOKEN=npm_********", report.Artifact.Layers[1].CreatedBy, StringComparison.Ordinal);

        // The secrets stay masked even when only the vulnerability scanner runs.
        var vulnOnly = await CliRunner.InProcessAsync("scan", $"oci:{images.OciLayout("secrets")}:v1", "--no-cache", "-q", "--scanners", "vuln", "--format", "json");
        Assert.True(vulnOnly.ExitCode == 0, vulnOnly.Stderr);
        AssertNoRawSecret(vulnOnly.Stdout);
        Assert.Empty(vulnOnly.Report.Secrets);
        Assert.Empty(vulnOnly.Report.Misconfigurations);
    }

    [Fact]
    public async Task Fail_on_counts_secrets_by_their_severity()
    {
        // The image holds critical secrets (AWS keys, private keys); only the secret scanner runs, so nothing else counts.
        await images.EnsureAsync("secrets");
        var run = await CliRunner.InProcessAsync("scan", $"oci:{images.OciLayout("secrets")}:v1", "--no-cache", "-q", "--scanners", "secret", "--format", "json", "--fail-on", "critical");
        Assert.True(run.ExitCode == 1, run.Stderr);
        Assert.Contains(run.Report.Secrets, s => s.Severity == "critical");
        Assert.Empty(run.Report.Misconfigurations);
    }

    [Fact]
    public async Task Secrets_come_back_from_the_layer_cache_unchanged()
    {
        var cache = RepoPaths.Scratch("secrets-cache");
        await images.EnsureAsync("secrets");
        string[] args = ["scan", $"oci:{images.OciLayout("secrets")}:v1", "-q", "--scanners", "secret,misconfig", "--format", "json", "--cache-dir", cache];
        var cold = await CliRunner.InProcessAsync(args);
        var warm = await CliRunner.InProcessAsync(args);
        Assert.True(cold.ExitCode == 0 && warm.ExitCode == 0, cold.Stderr + warm.Stderr);
        Assert.Equal((0, 2), (cold.Report.Statistics.LayersFromCache, warm.Report.Statistics.LayersFromCache));
        Assert.Equal(cold.Report.Secrets, warm.Report.Secrets);
        Assert.Equal(27, warm.Report.Secrets.Count);
        AssertNoRawSecret(warm.Stdout); // what the cache held was masked already
    }

    [Fact]
    public async Task Table_has_short_secret_and_misconfiguration_sections()
    {
        var run = await ScanAsync();
        AssertNoRawSecret(run.Stdout);
        Assert.Contains("Secrets: 27 (2 in files a later layer deleted)", run.Stdout);
        Assert.Contains("Misconfigurations: 3", run.Stdout);
        Assert.Contains("/root/.aws/credentials:2", run.Stdout);
        Assert.Contains("gcp-service-account-key", run.Stdout);
        Assert.Contains("secret-in-config", run.Stdout);
    }

    [Fact]
    public async Task Sarif_has_secret_and_misconfiguration_rules_and_validates_against_the_schema()
    {
        var run = await ScanAsync("--format", "sarif");
        AssertNoRawSecret(run.Stdout);
        var package = await NpmPackages.UnpackAsync("@microsoft/sarif-multitool-linux", "5.7.0");
        var schema = JsonSchema.FromText(await File.ReadAllTextAsync(Path.Combine(package, "sarif-2.1.0.json")), new BuildOptions { SchemaRegistry = new SchemaRegistry() });
        using var document = JsonDocument.Parse(run.Stdout);
        var result = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        var errors = (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")).Take(10);
        Assert.True(result.IsValid, "SARIF 2.1.0 schema: " + string.Join("; ", errors));

        var sarifRun = JsonNode.Parse(run.Stdout)!["runs"]![0]!;
        var rules = sarifRun["tool"]!["driver"]!["rules"]!.AsArray().Select(r => r!["id"]!.GetValue<string>()).ToList();
        Assert.Contains("secret/rsa-private-key", rules);
        Assert.Contains("misconfig/root-user", rules);
        Assert.Equal(rules.Count, rules.Distinct().Count());
        var results = sarifRun["results"]!.AsArray();
        Assert.Equal(27 + 3, results.Count);
        var rsa = results.Single(r => r!["ruleId"]!.GetValue<string>() == "secret/rsa-private-key")!;
        var location = rsa["locations"]![0]!["physicalLocation"]!;
        Assert.Equal(("root/.ssh/id_rsa", 1), (location["artifactLocation"]!["uri"]!.GetValue<string>(), location["region"]!["startLine"]!.GetValue<int>()));
        Assert.All(results, r => Assert.Equal(r!["ruleId"]!.GetValue<string>(), rules[r["ruleIndex"]!.GetValue<int>()]));
    }
}
