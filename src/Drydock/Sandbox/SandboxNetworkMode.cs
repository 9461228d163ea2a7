namespace Drydock.Sandbox;

/// <summary>What network the sandboxed container gets.</summary>
public enum SandboxNetworkMode
{
    /// <summary>A veth to the sink namespace, where every address reaches the sandbox's logging services.</summary>
    Sink,

    /// <summary>A namespace with loopback only.</summary>
    None,
}
