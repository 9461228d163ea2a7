namespace Drydock.Sandbox.Runtime;

/// <summary>The network side of one run: the namespace the container joins and its name server.</summary>
public interface ISandboxNetwork : IAsyncDisposable
{
    /// <summary>The network namespace to join, or null for a new one with loopback only.</summary>
    string? NamespacePath { get; }

    /// <summary>The name server for the container's /etc/resolv.conf, or null for none.</summary>
    string? NameServer { get; }
}
