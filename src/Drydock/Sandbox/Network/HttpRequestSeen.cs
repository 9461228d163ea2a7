namespace Drydock.Sandbox.Network;

/// <summary>An HTTP request the container sent and the status the sink answered.</summary>
/// <param name="TimeMs">Milliseconds since the sink started.</param>
/// <param name="Address">The original destination address.</param>
/// <param name="Port">The original destination port.</param>
/// <param name="Method">The request method.</param>
/// <param name="Host">The Host header, when present.</param>
/// <param name="Path">The request target as sent (path and query).</param>
/// <param name="UserAgent">The User-Agent header, when present.</param>
/// <param name="Status">200 when a configured file was served, else 404.</param>
public sealed record HttpRequestSeen(long TimeMs, string Address, int Port, string Method, string? Host, string Path, string? UserAgent, int Status);
