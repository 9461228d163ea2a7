using Drydock.Analysis;
using Drydock.Detection.Secrets;
using Drydock.Reporting.Malware;
using Drydock.Tests.Fixtures;

namespace Drydock.Tests.Detection.Secrets;

/// <summary>The secrets test image: one generated secret of each kind in files, one file deleted by a later layer,
/// secrets in Env, a label and the history, and look-alikes (fixtures, docs, examples, placeholders, a binary)
/// that must stay silent.</summary>
[Collection(TestImagesCollection.Name)]
public sealed class SecretImageTests(TestImages images)
{
    [Fact]
    public async Task Every_planted_secret_is_found_with_its_place_and_nothing_else()
    {
        var result = await ImageScans.ScanAsync(images, "secrets", Scanners.Secrets);
        var input = MalwareReportBuilder.InputOf(result);
        var findings = SecretDetector.Detect(input);
        var layers = input.DiffIds;

        string[] expected =
        [
            "file /app/.env:2 github-token", "file /app/.env:3 github-fine-grained-pat", "file /app/.env:4 gitlab-pat",
            "file /app/.env:5 slack-token", "file /app/.env:6 slack-webhook-url", "file /app/.env:7 stripe-secret-key",
            "file /app/.env:8 url-password", "file /app/.env:9 jwt", "file /app/.npmrc:1 npmrc-auth-token",
            "file /app/appsettings.json:2 azure-storage-account-key", "file /app/appsettings.json:3 azure-shared-access-key",
            "file /app/config/db.config:2 connection-string-password", "file /app/gcp-service-account.json:5 gcp-service-account-key",
            "file /etc/app/ec.key:1 ec-private-key", "file /etc/app/encrypted.key:1 pkcs8-encrypted-private-key",
            "file /etc/app/signing.asc:1 pgp-private-key", "file /etc/app/tls.key:1 pkcs8-private-key",
            "file /root/.aws/credentials:2 aws-access-key-id", "file /root/.aws/credentials:3 aws-secret-access-key",
            "file /root/.ssh/id_ed25519:1 openssh-private-key", "file /root/.ssh/id_rsa:1 rsa-private-key",
            "env Env API_TOKEN: github-token", "env Env DB_PASSWORD: secret-assignment",
            "label Label com.example.api-token: secret-assignment",
            "history history 1: npm-access-token", "history history 2: github-token", "history history 2: secret-assignment",
        ];
        var actual = findings.Select(f => f.Source == "file" ? $"file {f.Path}:{f.Line} {f.RuleId}" : $"{f.Source} {f.Location}: {f.RuleId}");
        Assert.Equal(expected.Order(StringComparer.Ordinal), actual.Order(StringComparer.Ordinal));

        // Files sit in the first layer; the AWS credentials were deleted by the second, which the history step built.
        Assert.All(findings.Where(f => f.Source == "file"), f => Assert.Equal(layers[0], f.Layer));
        Assert.Equal(["/root/.aws/credentials"], findings.Where(f => f.Deleted).Select(f => f.Path).Distinct());
        Assert.All(findings.Where(f => f.Deleted), f => Assert.Equal(layers[1], f.DeletedIn));
        Assert.Equal(layers[1], findings.Single(f => f.RuleId == "npm-access-token").Layer);
        Assert.Equal(["critical", "high", "medium"], findings.Select(f => f.Severity).Distinct());

        // Neither the findings nor the layer results (what the cache stores) hold a raw secret.
        var raw = ImageScans.RawSecrets(images);
        Assert.True(raw.Count >= 18, $"secrets.raw lists {raw.Count} values");
        var stored = result.Layers.SelectMany(l => l.Result.Secrets).Select(s => s.Match).Concat(findings.Select(f => f.Match)).ToList();
        Assert.All(stored, text => Assert.DoesNotContain(raw, r => text.Contains(r, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_debian_image_has_no_secret()
    {
        var result = await ImageScans.ScanAsync(images, "debian", Scanners.Secrets);
        Assert.Empty(SecretDetector.Detect(MalwareReportBuilder.InputOf(result)));
        Assert.DoesNotContain(result.Warnings, w => w.Code == "secrets-capped");
    }
}
