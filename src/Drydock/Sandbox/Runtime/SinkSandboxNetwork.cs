using Drydock.Sandbox.Network;

namespace Drydock.Sandbox.Runtime;

/// <summary>The default network: the container joins the sink's namespace pair and resolves names through the sink.</summary>
public sealed class SinkSandboxNetwork(SinkNetwork sink) : ISandboxNetwork
{
    /// <summary>The sink, whose services keep what they saw until disposed.</summary>
    public SinkNetwork Sink { get; } = sink;

    /// <inheritdoc/>
    public string? NamespacePath => Sink.ContainerNamespacePath;

    /// <inheritdoc/>
    public string? NameServer => Sink.SinkAddress.ToString();

    /// <summary>The network of <paramref name="options"/>: the sink (its namespaces named after <paramref name="id"/>), or loopback
    /// only for <see cref="SandboxNetworkMode.None"/>.</summary>
    public static async Task<ISandboxNetwork> CreateAsync(SandboxOptions options, string id, CancellationToken cancellationToken) =>
        options.Network == SandboxNetworkMode.None
            ? new IsolatedNetwork()
            : new SinkSandboxNetwork(await SinkNetwork.CreateAsync(new SinkNetworkOptions { HttpFiles = options.HttpFiles, Id = id }, cancellationToken).ConfigureAwait(false));

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => Sink.DisposeAsync();
}
