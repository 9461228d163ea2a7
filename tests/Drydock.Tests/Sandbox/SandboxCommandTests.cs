using System.Text.Json;
using Drydock.Detection.Malware;
using Drydock.Policy.Output;
using Drydock.Sandbox.Behaviour;
using Drydock.Tests.Cli;
using Drydock.Tests.Fixtures;

namespace Drydock.Tests.Sandbox;

/// <summary><c>drydock sandbox</c>, <c>scan --sandbox</c> and the policy's sandbox rule, on an image umoci builds.</summary>
[Collection(SandboxCollection.Name)]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class SandboxCommandTests
{
    private readonly string _dir = RepoPaths.Scratch("sandbox-cli");

    private const string CronWriter = "echo '* * * * * /tmp/.x' > /etc/crontab\necho written\n";

    [RuncFact]
    public async Task Sandbox_prints_the_behaviour_and_exits_1_for_a_suspicious_image()
    {
        var image = await UmociImage.BuildAsync(Path.Join(_dir, "cron"), CronWriter);
        var json = await CliRunner.InProcessAsync("sandbox", image, "--format", "json", "--timeout", "20s");
        Assert.True(json.ExitCode == 1, json.Stderr);
        var behaviour = JsonSerializer.Deserialize(json.Stdout, BehaviourJsonContext.Default.BehaviourReport)!;
        Assert.Equal(VerdictKind.Suspicious, behaviour.Verdict);
        Assert.Contains(behaviour.Reasons, r => r.Category == "persistence");
        Assert.Equal(["/bin/sh", "/app.sh"], behaviour.Command);
        Assert.Contains("\"verdict\": \"suspicious\"", json.Stdout);
        Assert.Contains("\"kind\": \"created\"", json.Stdout);

        var table = await CliRunner.InProcessAsync("sandbox", image, "--network", "none");
        Assert.Equal(1, table.ExitCode);
        Assert.Contains("Sandbox: suspicious", table.Stdout);
        Assert.Contains("/etc/crontab", table.Stdout);
        Assert.Contains("Network: none", table.Stdout);
    }

    [RuncFact]
    public async Task Scan_with_sandbox_adds_behaviour_to_the_report_and_the_policy_can_require_a_clean_run()
    {
        var image = await UmociImage.BuildAsync(Path.Join(_dir, "scan"), CronWriter);
        var scan = await CliRunner.InProcessAsync("scan", image, "--format", "json", "--no-cache", "--quiet", "--scanners", "malware", "--sandbox", "--sandbox-timeout", "20s");
        Assert.True(scan.ExitCode == 0, scan.Stderr);
        var report = scan.Report;
        Assert.NotNull(report.Behaviour);
        Assert.Contains("sandbox", report.Scanners);
        Assert.Contains(report.Malware, m => m.Source == "sandbox" && m.Category == "persistence");
        Assert.Equal(VerdictKind.Suspicious, report.Verdict!.Verdict);

        var policy = Path.Join(_dir, "sandbox-policy.yaml");
        await File.WriteAllTextAsync(policy, "version: 1\nsandbox:\n  require: clean\n");
        var refused = await CliRunner.InProcessAsync("policy", "check", image, "--policy", policy, "--format", "json", "--no-cache", "--quiet", "--sandbox", "--sandbox-timeout", "20s");
        Assert.Equal(1, refused.ExitCode);
        var rule = PolicyJsonWriter.Read(refused.Stdout).Rules.Single(r => r.Rule == "sandbox");
        Assert.False(rule.Passed);
        Assert.Contains("persistence", rule.Reason);

        var notRun = await CliRunner.InProcessAsync("policy", "check", image, "--policy", policy, "--format", "json", "--no-cache", "--quiet");
        Assert.Equal(1, notRun.ExitCode);
        Assert.Contains("not run in the sandbox", PolicyJsonWriter.Read(notRun.Stdout).Rules.Single(r => r.Rule == "sandbox").Reason);

        await File.WriteAllTextAsync(policy, "version: 1\nsandbox:\n  require: not-malicious\n");
        var admitted = await CliRunner.InProcessAsync("policy", "check", image, "--policy", policy, "--format", "json", "--no-cache", "--quiet", "--sandbox", "--sandbox-timeout", "20s");
        Assert.True(admitted.ExitCode == 0, admitted.Stdout + admitted.Stderr);
    }

    [RuncFact]
    public async Task Bad_sandbox_options_are_one_line_errors()
    {
        var image = await UmociImage.BuildAsync(Path.Join(_dir, "bad"), "echo hi\n");
        foreach (var args in new[]
        {
            new[] { "sandbox", image, "--timeout", "forever" },
            ["sandbox", image, "--env", "NOEQUALS"],
            ["sandbox", image, "--http-file", "/x=/no/such/file"],
            ["sandbox", image, "--memory", "1KiB"],
            ["sandbox", image, "--runtime", "/no/such/runtime"],
            ["sandbox", "oci:/no/such/layout:t"],
        })
        {
            var run = await CliRunner.InProcessAsync(args);
            Assert.True(run.ExitCode == 2, $"{string.Join(' ', args)}: {run.ExitCode} {run.Stderr}");
            var line = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith("drydock: ", line);
            Assert.DoesNotContain("   at ", run.Stderr);
        }
    }
}
