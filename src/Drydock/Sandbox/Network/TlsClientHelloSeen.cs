namespace Drydock.Sandbox.Network;

/// <summary>A TLS ClientHello the container sent; the sink closes the connection after reading it.</summary>
/// <param name="TimeMs">Milliseconds since the sink started.</param>
/// <param name="Address">The original destination address.</param>
/// <param name="Port">The original destination port.</param>
/// <param name="ServerName">The server name indication, when the hello carried one.</param>
public sealed record TlsClientHelloSeen(long TimeMs, string Address, int Port, string? ServerName);
