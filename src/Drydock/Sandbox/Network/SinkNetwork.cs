using System.Net;
using System.Security.Cryptography;

namespace Drydock.Sandbox.Network;

/// <summary>The isolated network of a sandboxed container: its own network namespace, joined by a veth pair to a sink
/// namespace where every IPv4 address is local and every TCP and UDP packet lands on the sink's fake services, which
/// log what arrives. Nothing routes beyond the sink. Disposing stops the services and deletes both namespaces.</summary>
public sealed class SinkNetwork : IAsyncDisposable
{
    private static readonly IPAddress SinkIp = IPAddress.Parse("10.200.0.1");
    private static readonly IPAddress ContainerIp = IPAddress.Parse("10.200.0.2");
    private const string PrefixLength = "/30";

    private readonly NetworkCommands commands;
    private readonly SinkNetworkOptions options;
    private readonly ObservationCollector collector;
    private readonly CancellationTokenSource stopping = new();
    private readonly List<string> createdNamespaces = [];
    private SinkSockets? sockets;
    private UdpCatchAll? udp;
    private Thread? udpThread;
    private Task services = Task.CompletedTask;
    private int disposed;

    private SinkNetwork(NetworkCommands commands, SinkNetworkOptions options, string id)
    {
        this.commands = commands;
        this.options = options;
        collector = new ObservationCollector(options.MaxEvents);
        (SinkNamespaceName, ContainerNamespaceName) = NamespaceNames(id);
        SinkLink = "ddv" + id + "a";
        ContainerLink = "ddv" + id + "b";
    }

    /// <summary>The sink and container namespace names of a network with <paramref name="id"/> (8 lowercase hex digits).</summary>
    public static (string Sink, string Container) NamespaceNames(string id) => ("ddsk-" + id, "ddct-" + id);

    /// <summary>The sink namespace's name (<c>ip netns</c>).</summary>
    public string SinkNamespaceName { get; }

    /// <summary>The container namespace's name (<c>ip netns</c>).</summary>
    public string ContainerNamespaceName { get; }

    /// <summary>The container namespace as a path, for the OCI config's <c>{"type":"network","path":...}</c>.</summary>
    public string ContainerNamespacePath => "/var/run/netns/" + ContainerNamespaceName;

    /// <summary>The sink's address: the container's gateway and the <c>nameserver</c> for its <c>/etc/resolv.conf</c>.</summary>
    public IPAddress SinkAddress => SinkIp;

    /// <summary>The container's own address.</summary>
    public IPAddress ContainerAddress => ContainerIp;

    /// <summary>The veth end inside the sink namespace.</summary>
    public string SinkLink { get; }

    /// <summary>The veth end inside the container namespace.</summary>
    public string ContainerLink { get; }

    /// <summary>Creates both namespaces, the veth pair, the routes and rules, and starts the services. Needs root, <c>ip</c>,
    /// <c>iptables</c> and <c>sysctl</c> (else <see cref="SinkNetworkException"/>); whatever was created is removed when a step fails.</summary>
    public static async Task<SinkNetwork> CreateAsync(SinkNetworkOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxEvents);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ConnectionReadLimit, 1024);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxConcurrentConnections, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.ConnectionTimeout, TimeSpan.Zero);
        var commands = NetworkCommands.Locate();
        var id = options.Id ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        if (id.Length != 8 || !id.All(char.IsAsciiHexDigitLower))
        {
            throw new ArgumentException($"the sink network id must be 8 lowercase hex digits: {id}", nameof(options));
        }

        var network = new SinkNetwork(commands, options, id);
        try
        {
            await network.SetUpAsync(cancellationToken).ConfigureAwait(false);
            return network;
        }
        catch
        {
            await network.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>A sorted, immutable copy of what the services have seen so far.</summary>
    public NetworkObservations Observations() => collector.Snapshot();

    /// <summary>Stops the services and deletes both namespaces (and with them the veth pair). Safe to call more than once.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        await stopping.CancelAsync().ConfigureAwait(false);
        udp?.Stop();
        udpThread?.Join();
        sockets?.Dispose();
        try
        {
            await services.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // A session that ignores cancellation must not keep the namespaces alive.
        }

        foreach (var ns in createdNamespaces)
        {
            await commands.TryRunAsync("ip", "netns", "delete", ns).ConfigureAwait(false);
        }

        stopping.Dispose();
    }

    private async Task SetUpAsync(CancellationToken cancellationToken)
    {
        var sink = SinkNamespaceName;
        var container = ContainerNamespaceName;
        foreach (var ns in new[] { sink, container })
        {
            Step("namespace", cancellationToken);
            await commands.RunAsync("ip", "netns", "add", ns).ConfigureAwait(false);
            createdNamespaces.Add(ns);
            // No IPv6 anywhere, so that nothing leaves by a path the rules below do not cover.
            await commands.RunInAsync(ns, "sysctl", "-q", "-w", "net.ipv6.conf.all.disable_ipv6=1", "net.ipv6.conf.default.disable_ipv6=1").ConfigureAwait(false);
        }

        Step("forwarding", cancellationToken);
        await commands.RunInAsync(sink, "sysctl", "-q", "-w", "net.ipv4.ip_forward=0").ConfigureAwait(false);

        Step("veth", cancellationToken);
        await commands.RunAsync("ip", "link", "add", SinkLink, "netns", sink, "type", "veth", "peer", "name", ContainerLink, "netns", container).ConfigureAwait(false);

        Step("addresses", cancellationToken);
        await commands.RunAsync("ip", "-n", sink, "addr", "add", SinkIp + PrefixLength, "dev", SinkLink).ConfigureAwait(false);
        await commands.RunAsync("ip", "-n", container, "addr", "add", ContainerIp + PrefixLength, "dev", ContainerLink).ConfigureAwait(false);
        foreach (var (ns, link) in new[] { (sink, SinkLink), (container, ContainerLink) })
        {
            await commands.RunAsync("ip", "-n", ns, "link", "set", "lo", "up").ConfigureAwait(false);
            await commands.RunAsync("ip", "-n", ns, "link", "set", link, "up").ConfigureAwait(false);
        }

        Step("routes", cancellationToken);
        await commands.RunAsync("ip", "-n", container, "route", "add", "default", "via", SinkIp.ToString()).ConfigureAwait(false);
        // Every IPv4 address is local to the sink: whatever the container sends ends here.
        await commands.RunAsync("ip", "-n", sink, "route", "add", "local", "0.0.0.0/0", "dev", "lo", "table", "local").ConfigureAwait(false);

        Step("iptables", cancellationToken);
        var port = SinkSockets.CatchAllPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await commands.RunInAsync(sink, "iptables", "-w", "-P", "FORWARD", "DROP").ConfigureAwait(false);
        // DNS to any address reaches the resolver; conntrack answers from the address the client asked.
        await commands.RunInAsync(sink, "iptables", "-w", "-t", "nat", "-A", "PREROUTING", "-i", SinkLink, "-p", "udp", "--dport", "53", "-j", "REDIRECT", "--to-ports", "53").ConfigureAwait(false);
        await commands.RunInAsync(sink, "iptables", "-w", "-t", "nat", "-A", "PREROUTING", "-i", SinkLink, "-p", "tcp", "-j", "REDIRECT", "--to-ports", port).ConfigureAwait(false);
        // UDP by TPROXY, which keeps the destination in the packet, so the catch-all learns it from IP_ORIGDSTADDR.
        await commands.RunInAsync(sink, "iptables", "-w", "-t", "mangle", "-A", "PREROUTING", "-i", SinkLink, "-p", "udp", "!", "--dport", "53",
            "-j", "TPROXY", "--on-port", port, "--on-ip", "0.0.0.0").ConfigureAwait(false);

        Step("sockets", cancellationToken);
        sockets = NamespaceThread.Run("/var/run/netns/" + sink, SinkSockets.Create);
        var dns = new DnsServer(sockets.Dns, SinkIp, collector);
        var shared = new SinkServices(options, collector, dns);
        udp = new UdpCatchAll(sockets.Udp, collector, options.ConnectionReadLimit);
        udpThread = new Thread(udp.Run) { IsBackground = true, Name = "drydock-sink-udp" };
        udpThread.Start();
        services = Task.WhenAll(
            Task.Run(() => dns.RunAsync(stopping.Token), CancellationToken.None),
            Task.Run(() => new TcpCatchAll(sockets.Tcp, shared).RunAsync(stopping.Token), CancellationToken.None));
    }

    private void Step(string name, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (options.FailAtStep == name)
        {
            throw new SinkNetworkException($"sink network set-up stopped at step '{name}' (test)");
        }
    }
}
