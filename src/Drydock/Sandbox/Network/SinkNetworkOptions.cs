namespace Drydock.Sandbox.Network;

/// <summary>How the sink behaves: files it serves over HTTP and the limits that keep a hostile container from exhausting it.</summary>
public sealed record SinkNetworkOptions
{
    /// <summary>URL path (such as <c>/x.sh</c>, without query) → local file served with status 200; every other path gets 404.</summary>
    public IReadOnlyDictionary<string, string> HttpFiles { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The namespaces' id, 8 lowercase hex digits (<see cref="SinkNetwork.NamespaceNames"/>); random when null.</summary>
    public string? Id { get; init; }

    /// <summary>Events kept in all lists together; later ones are counted as dropped.</summary>
    public int MaxEvents { get; init; } = 10_000;

    /// <summary>How long one connection may take to send what the sink reads.</summary>
    public TimeSpan ConnectionTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Bytes read from one connection at most.</summary>
    public int ConnectionReadLimit { get; init; } = 64 * 1024;

    /// <summary>Connections handled at once; more are accepted, recorded and closed at once.</summary>
    public int MaxConcurrentConnections { get; init; } = 128;

    /// <summary>Test seam: creation fails on reaching the step of this name, to prove that clean-up follows.</summary>
    internal string? FailAtStep { get; init; }
}
