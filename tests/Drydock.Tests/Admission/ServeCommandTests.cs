using Drydock.Cli;
using Drydock.Tests.Cli;
using Drydock.Tests.Fixtures;

namespace Drydock.Tests.Admission;

/// <summary><c>drydock serve</c> as the command line runs it: started, answering over HTTPS, stopped by cancellation
/// (Ctrl+C, SIGTERM); bad options are one line and exit code 2.</summary>
[Collection(AdmissionCollection.Name)]
public sealed class ServeCommandTests(AdmissionFixture fixture)
{
    [Fact]
    public async Task Serve_answers_over_https_and_stops_when_cancelled()
    {
        var port = RegistryServer.FreePort();
        var text = new StringWriter();
        var error = TextWriter.Synchronized(text);
        using var stop = new CancellationTokenSource();
        var run = DrydockCli.RunAsync(
            ["serve", "--listen", $"127.0.0.1:{port}", "--policy", fixture.PolicyPath, "--tls-cert", fixture.CertificatePath, "--tls-key", fixture.KeyPath,
             "--db", fixture.Database, "--cache-dir", fixture.CacheDirectory, "--scanners", "malware", "--scan-timeout", "60s"],
            new CliContext(new StringReader(""), new StringWriter(), error, false, false), stop.Token);
        using var client = new WebhookClient(new Uri($"https://127.0.0.1:{port}"), fixture.Certificate);
        for (var i = 0; ; i++)
        {
            Assert.False(run.IsCompleted, text.ToString());
            try
            {
                if ((await client.GetAsync("/healthz")).Status == 200)
                {
                    break;
                }
            }
            catch (HttpRequestException) when (i < 300)
            {
                await Task.Delay(100);
            }
        }

        var response = await client.ValidateAsync(WebhookClient.PodReview(fixture.Ref("apps/layered:v1")));
        Assert.True((bool)response["allowed"]!);
        await stop.CancelAsync();
        Assert.Equal(0, await run);
        var log = text.ToString();
        Assert.True(log.Contains($"drydock: serving the admission webhook on https://127.0.0.1:{port}/ (policy {fixture.PolicyPath}, fail-closed, scan budget 60 s)", StringComparison.Ordinal), log);
        Assert.Contains("\"decision\":\"allowed\"", log);
        Assert.EndsWith("drydock: stopped\n", log.ReplaceLineEndings("\n"));
    }

    [Theory]
    [InlineData("no-tls", "drydock: --tls-cert and --tls-key are required (or --insecure-http for plain HTTP, for local testing only)")]
    [InlineData("--listen=localhost:8443", "drydock: --listen localhost:8443: expected ADDRESS:PORT with an IP address (e.g. 0.0.0.0:8443 or [::]:8443)")]
    [InlineData("--scan-timeout=soon", "drydock: --scan-timeout soon: expected a positive duration up to an hour, such as 8s or 1500ms")]
    [InlineData("--tls-key=/nonexistent.key", "drydock: --tls-cert ")]
    [InlineData("--advisory-db=/nonexistent.db", "drydock: --advisory-db /nonexistent.db: no such file (build one with 'drydock db build')")]
    public async Task Bad_options_are_one_line_and_exit_code_2(string option, string expected)
    {
        var options = new Dictionary<string, string>
        {
            ["--policy"] = fixture.PolicyPath,
            ["--listen"] = "127.0.0.1:0",
            ["--tls-cert"] = fixture.CertificatePath,
            ["--tls-key"] = fixture.KeyPath,
        };
        if (option == "no-tls")
        {
            options.Remove("--tls-cert");
            options.Remove("--tls-key");
        }
        else
        {
            options[option.Split('=')[0]] = option.Split('=')[1];
        }

        var run = await CliRunner.InProcessAsync(["serve", .. options.SelectMany(o => new[] { o.Key, o.Value })]);
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith(expected, run.Stderr);
        Assert.Single(run.Stderr.TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task A_bad_policy_is_refused_before_listening()
    {
        var policy = Path.Combine(fixture.Dir, "bad-policy.yaml");
        await File.WriteAllTextAsync(policy, "version: 1\nbase:\n  require: hardened\n  colour: blue\n");
        var run = await CliRunner.InProcessAsync("serve", "--policy", policy, "--insecure-http", "--listen", "127.0.0.1:0");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("colour", run.Stderr);
        Assert.Contains(":4:", run.Stderr);
    }
}
