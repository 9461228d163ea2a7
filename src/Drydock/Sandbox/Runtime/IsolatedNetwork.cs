namespace Drydock.Sandbox.Runtime;

/// <summary><c>--network none</c>: a fresh namespace with loopback only, nothing to observe.</summary>
public sealed class IsolatedNetwork : ISandboxNetwork
{
    /// <inheritdoc/>
    public string? NamespacePath => null;

    /// <inheritdoc/>
    public string? NameServer => null;

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
