using System.Security.Cryptography;
using System.Text;
using Drydock.Analysis;
using Drydock.Analysis.Content;
using Drydock.Analysis.Secrets;
using Drydock.Layers;

namespace Drydock.Tests.Analysis.Secrets;

/// <summary>The secret rules, masking and allow rules on text the tests write: real keys from .NET's cryptography,
/// tokens random in their documented formats.</summary>
public sealed class SecretScannerTests
{
    private static string Random(string alphabet, int length) => RandomNumberGenerator.GetString(alphabet, length);

    private const string Alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private const string Base64 = Alnum + "+/";

    private static string B64Url(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Runs the analyzer on one file and returns what it recorded.</summary>
    private static LayerResult Analyze(string path, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var analyzer = new SecretsAnalyzer();
        var entry = new EntryInfo(path, EntryKind.File, bytes.Length, 0x1a4, 0, 0, null, 0);
        var builder = new LayerResultBuilder();
        Assert.Equal(AnalyzerNeed.Content, analyzer.Required(entry));
        Assert.True(analyzer.WantsContent(entry, bytes.AsSpan(0, Math.Min(bytes.Length, LayerAnalysisRunner.HeadSize))));
        analyzer.Analyze(new AnalyzerInput(entry, bytes.AsSpan(0, Math.Min(bytes.Length, LayerAnalysisRunner.HeadSize)), bytes), builder);
        return builder.Build("sha256:00", "none", bytes.Length, 1);
    }

    private static SecretFinding Single(string text, string secret)
    {
        var finding = Assert.Single(Analyze("app/config.txt", text).Secrets);
        Assert.DoesNotContain(secret, finding.Match, StringComparison.Ordinal);
        Assert.Contains(SecretMasker.Mask, finding.Match, StringComparison.Ordinal);
        return finding;
    }

    public static TheoryData<string, string, string, string> Tokens()
    {
        var jwt = B64Url("{\"alg\":\"RS256\",\"typ\":\"JWT\"}") + "." + B64Url("{\"sub\":\"svc\",\"exp\":1900000000}") + "." + Random(Alnum + "-_", 86);
        return new()
        {
            // rule, line written, the raw secret, the prefix the masked text keeps
            { "aws-access-key-id", "aws_access_key_id={0}", "AKIA" + Random("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16), "AKIA" },
            { "aws-secret-access-key", "AWS_SECRET_ACCESS_KEY: \"{0}\"", Random(Base64, 40), "" },
            { "azure-storage-account-key", "DefaultEndpointsProtocol=https;AccountName=x;AccountKey={0};EndpointSuffix=core.windows.net", Convert.ToBase64String(RandomNumberGenerator.GetBytes(64)), "" },
            { "azure-shared-access-key", "Endpoint=sb://x.servicebus.windows.net/;SharedAccessKeyName=k;SharedAccessKey={0}", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), "" },
            { "github-token", "token = {0}", "ghp_" + Random(Alnum, 36), "ghp_" },
            { "github-token", "oauth: {0}", "gho_" + Random(Alnum, 36), "gho_" },
            { "github-fine-grained-pat", "GH={0}", "github_pat_" + Random(Alnum, 22) + "_" + Random(Alnum, 59), "github_pat_" },
            { "gitlab-pat", "PRIVATE-TOKEN: {0}", "glpat-" + Random(Alnum + "-_", 20), "glpat-" },
            { "slack-token", "bot: {0}", "xoxb-" + Random("0123456789", 12) + "-" + Random("0123456789", 13) + "-" + Random(Alnum, 24), "xoxb-" },
            { "slack-webhook-url", "url: https://hooks.slack.com/services/{0}", "T" + Random(Alnum, 10) + "/B" + Random(Alnum, 10) + "/" + Random(Alnum, 24), "" },
            { "stripe-secret-key", "Stripe.apiKey = \"{0}\";", "sk_live_" + Random(Alnum, 99), "sk_live_" },
            { "npm-access-token", "NPM={0}", "npm_" + Random(Alnum, 36), "npm_" },
            { "npmrc-auth-token", "//npm.example.com/:_authToken={0}", Guid.NewGuid().ToString(), "" },
            { "jwt", "Authorization: Bearer {0}", jwt, "eyJ" },
            { "url-password", "DATABASE_URL=postgresql://app:{0}@db.internal:5432/app", Random(Alnum, 18), "" },
            { "url-password", "broker: amqps://svc:{0}@mq:5671/", Random(Alnum, 18), "" },
            { "url-password", "mongo = \"mongodb+srv://admin:{0}@cluster0.mongodb.net/db\"", Random(Alnum, 18), "" },
            { "url-password", "spring.datasource.url=jdbc:postgresql://app:{0}@db:5432/app", Random(Alnum, 18), "" },
            { "connection-string-password", "Host=db;Port=5432;Username=app;Password={0};Database=app", Random(Alnum, 14), "" },
            { "connection-string-password", "\"Data Source=sql01;Initial Catalog=app;User ID=app;Password={0};\"", Random(Alnum, 14), "" },
            { "connection-string-password", "Server=sql01; Database=app; User Id=app; Password={0};", Random(Alnum, 14), "" },
            { "connection-string-password", "Server=sql01;Database=app;\tPwd={0}", Random(Alnum, 14), "" },
        };
    }

    [Theory]
    [MemberData(nameof(Tokens))]
    public void Each_token_format_is_found_on_its_line_and_masked(string rule, string template, string secret, string kept)
    {
        var text = "# settings\n\n" + string.Format(System.Globalization.CultureInfo.InvariantCulture, template, secret) + "\nend\n";
        var finding = Single(text, secret);
        Assert.Equal(rule, finding.RuleId);
        Assert.Equal(3, finding.Line);
        Assert.Contains(kept + SecretMasker.Mask, finding.Match, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> Keys()
    {
        using var rsa = RSA.Create(2048);
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var dsa = DSA.Create(2048);
        return new()
        {
            { "rsa-private-key", rsa.ExportRSAPrivateKeyPem() },
            { "pkcs8-private-key", rsa.ExportPkcs8PrivateKeyPem() },
            { "pkcs8-encrypted-private-key", rsa.ExportEncryptedPkcs8PrivateKeyPem("pw", new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 1000)) },
            { "ec-private-key", ec.ExportECPrivateKeyPem() },
            { "pkcs8-private-key", dsa.ExportPkcs8PrivateKeyPem() },
        };
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void Private_keys_are_found_at_their_header_with_the_body_masked(string rule, string pem)
    {
        var lines = pem.Split('\n');
        var result = Analyze("etc/app/server.key", "# key follows\n" + pem.Replace("\n", "\r\n", StringComparison.Ordinal) + "\n");
        var finding = Assert.Single(result.Secrets);
        Assert.Equal((rule, 2), (finding.RuleId, finding.Line));
        Assert.StartsWith("-----BEGIN", finding.Match, StringComparison.Ordinal);
        Assert.All(lines[1..^1], l => Assert.DoesNotContain(l.Trim(), finding.Match, StringComparison.Ordinal));
    }

    [Fact]
    public void A_gcp_service_account_key_masks_the_whole_private_key_string()
    {
        using var rsa = RSA.Create(2048);
        var key = rsa.ExportPkcs8PrivateKeyPem().Replace("\n", "\\n", StringComparison.Ordinal);
        var json = "{\n  \"type\": \"service_account\",\n  \"project_id\": \"p\",\n  \"private_key\": \"" + key + "\\n\",\n  \"client_email\": \"a@p.iam.gserviceaccount.com\"\n}\n";
        var finding = Single(json, key.Split("\\n")[3]);
        Assert.Equal(("gcp-service-account-key", 4), (finding.RuleId, finding.Line));
        Assert.All(key.Split("\\n")[1..^1], l => Assert.DoesNotContain(l, finding.Match, StringComparison.Ordinal));

        // The same key string without the service-account type is not called a GCP key (nor a PEM key: no real line breaks).
        Assert.Empty(Analyze("app/key.json", json.Replace("service_account", "authorized_user", StringComparison.Ordinal)).Secrets);
    }

    [Theory]
    [InlineData("aws_access_key_id = AKIAIOSFODNN7EXAMPLE")]
    [InlineData("aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")]
    [InlineData("token: ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")]
    [InlineData("key: sk_live_000000000000000000000000")]
    [InlineData("url: postgres://user:password@localhost:5432/db")]
    [InlineData("url: postgres://app:${DB_PASSWORD}@db/app")]
    [InlineData("url: mysql://root:<password>@localhost/")]
    [InlineData("url: redis://:changeme@cache:6379")]
    [InlineData("Server=db;Database=app;User Id=sa;Password=$(DB_PASS);")]
    [InlineData("//registry.npmjs.org/:_authToken=${NPM_TOKEN}")]
    [InlineData("jwt: eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c")]
    [InlineData("not a jwt: eyJ0aGlzIGlzIG5vdA.eyJqc29uIGF0IGFsbA.c2lnbmF0dXJlc2lnbmF0dXJl")]
    [InlineData("pem = \"-----BEGIN RSA PRIVATE KEY-----\"  # the header alone, as code that parses keys writes it")]
    [InlineData("-----BEGIN OPENSSH PRIVATE KEY-----\n...\n-----END OPENSSH PRIVATE KEY-----")]
    [InlineData("AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==")]
    [InlineData("the ghp_ prefix, AKIA keys, xoxb- tokens, glpat- and npm_ ones")]
    public void Placeholders_documented_examples_and_look_alikes_are_not_reported(string text)
        => Assert.Empty(Analyze("app/settings.conf", text + "\n").Secrets);

    [Fact]
    public void Every_secret_on_a_line_is_masked_in_each_finding_and_long_lines_are_cut()
    {
        var id = "AKIA" + Random("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16);
        var secret = Random(Base64, 40);
        var ghp = "ghp_" + Random(Alnum, 36);
        var line = new string('x', 500) + $" {{\"aws_access_key_id\":\"{id}\",\"aws_secret_access_key\":\"{secret}\",\"gh\":\"{ghp}\"}} " + new string('y', 500);
        var result = Analyze("app/minified.js", line);
        Assert.Equal(["aws-access-key-id", "aws-secret-access-key", "github-token"], result.Secrets.Select(s => s.RuleId).Order(StringComparer.Ordinal));
        foreach (var f in result.Secrets)
        {
            Assert.True(f.Match.Length < 200, f.Match);
            Assert.DoesNotContain(id[4..], f.Match, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, f.Match, StringComparison.Ordinal);
            Assert.DoesNotContain(ghp[4..], f.Match, StringComparison.Ordinal);
            Assert.Equal(1, f.Line);
        }
    }

    [Fact]
    public void A_secret_across_the_scanner_s_chunk_boundary_is_found_with_its_line()
    {
        // The anchor "ghp_" starts a byte before and at the 32 KiB chunk boundary.
        foreach (var shift in new[] { 1, 2, 0 })
        {
            var token = "ghp_" + Random(Alnum, 36);
            var padding = string.Concat(Enumerable.Repeat(new string('a', 63) + "\n", 512))[..(32 * 1024 - shift - 1)] + "\n";
            var finding = Single(padding + token + "\n", token);
            Assert.Equal(("github-token", padding.Count(c => c == '\n') + 1), (finding.RuleId, finding.Line));
        }
    }

    [Fact]
    public void Binary_files_are_refused_from_their_first_bytes_and_many_secrets_are_capped_with_a_warning()
    {
        var analyzer = new SecretsAnalyzer();
        var entry = new EntryInfo("usr/bin/tool", EntryKind.File, 4096, 0x1ed, 0, 0, null, 0);
        Assert.False(analyzer.WantsContent(entry, "\u007fELF\u0002\u0001\u0001\0\0\0"u8));
        Assert.True(analyzer.WantsContent(entry, "#!/bin/sh\necho hi\n"u8));

        var many = string.Join('\n', Enumerable.Range(0, SecretsAnalyzer.MaxPerFile + 10).Select(_ => "ghp_" + Random(Alnum, 36)));
        var result = Analyze("app/tokens.txt", many);
        Assert.Equal(SecretsAnalyzer.MaxPerFile, result.Secrets.Count);
        Assert.Equal("secrets-capped", Assert.Single(result.Warnings).Code);
        Assert.Equal(Enumerable.Range(1, SecretsAnalyzer.MaxPerFile), result.Secrets.Select(s => s.Line));
    }

    [Theory]
    [InlineData("eyJ")]
    [InlineData("Server=a;Password=;")]
    [InlineData("AKIA")]
    [InlineData("-----BEGIN RSA PRIVATE KEY-----\n")]
    public void A_file_made_of_keywords_stops_at_the_work_budget_with_a_warning(string keyword)
    {
        // Every anchor hit costs a pattern attempt on its window; a file of nothing but anchors must not make that quadratic.
        var text = string.Concat(Enumerable.Repeat(keyword, 4 * 1024 * 1024 / keyword.Length));
        var matches = new List<SecretMatch>();
        var stop = SecretScanner.Default.Scan(Encoding.ASCII.GetBytes(text), matches, SecretsAnalyzer.MaxPerFile);
        Assert.Empty(matches);
        Assert.True(keyword != "eyJ" || stop == ScanStop.Budget, $"{stop}");
        if (stop == ScanStop.Budget)
        {
            Assert.Equal("secrets-capped", Assert.Single(Analyze("app/blob.txt", text).Warnings).Code);
        }
    }

    [Theory]
    [InlineData("app/tests/fixtures/id_rsa", true)]
    [InlineData("usr/lib/python3/dist-packages/cryptography/test/key.pem", true)]
    [InlineData("src/testdata/token.txt", true)]
    [InlineData("node_modules/jsonwebtoken/__tests__/jwt.js", true)]
    [InlineData("opt/app/examples/config.yml", true)]
    [InlineData("usr/share/doc/openssl/README", true)]
    [InlineData("usr/share/man/man1/ssh.1", true)]
    [InlineData("opt/app/docs/setup.md", true)]
    [InlineData("usr/lib/python3/dist-packages/PyJWT-2.6.0.egg-info/PKG-INFO", true)]
    [InlineData("etc/ssl/private/ssl-cert-snakeoil.key", true)]
    [InlineData("opt/app/docs/deploy.sh", false)]
    [InlineData("opt/app/README.md", false)]
    [InlineData("root/.ssh/id_rsa", false)]
    [InlineData("etc/ssl/private/server.key", false)]
    [InlineData("app/.env", false)]
    [InlineData("latest/contest.txt", false)]
    public void Fixtures_and_documentation_are_skipped_by_path(string path, bool allowed)
    {
        Assert.Equal(allowed, SecretAllowList.IsAllowedPath(path));
        var entry = new EntryInfo(path, EntryKind.File, 100, 0x1a4, 0, 0, null, 0);
        Assert.Equal(allowed ? AnalyzerNeed.None : AnalyzerNeed.Content, new SecretsAnalyzer().Required(entry));
    }
}
