namespace Drydock.Tests.Sandbox.Network;

/// <summary>A fact that creates real network namespaces: skipped, with the reason, unless root with ip, iptables, sysctl and busybox.</summary>
public sealed class SinkNetworkFactAttribute : FactAttribute
{
    public SinkNetworkFactAttribute()
    {
        if (!OperatingSystem.IsLinux() || !Environment.IsPrivilegedProcess)
        {
            Skip = "the sink network tests need root on Linux (network namespaces, veth, iptables)";
            return;
        }

        var missing = new[] { "/usr/sbin/ip", "/usr/sbin/iptables", "/usr/sbin/sysctl", "/usr/bin/busybox" }.Where(p => !File.Exists(p)).ToList();
        if (missing.Count > 0)
        {
            Skip = $"the sink network tests need {string.Join(", ", missing)} (apt-get install iproute2 iptables procps busybox-static)";
        }
    }
}

/// <summary>The sink network tests run one after another: they count namespaces and share the host's netns directory.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SinkNetworkCollection
{
    public const string Name = "sink network";
}
