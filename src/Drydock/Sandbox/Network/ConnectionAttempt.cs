namespace Drydock.Sandbox.Network;

/// <summary>A TCP connection or UDP datagram the container sent, to the destination it meant (before the sink's redirect).</summary>
/// <param name="TimeMs">Milliseconds since the sink started.</param>
/// <param name="Protocol"><c>tcp</c> or <c>udp</c>.</param>
/// <param name="Address">The original destination address.</param>
/// <param name="Port">The original destination port.</param>
public sealed record ConnectionAttempt(long TimeMs, string Protocol, string Address, int Port);
