namespace Drydock.Sandbox.Network;

/// <summary>The first bytes of a connection or datagram in no protocol the sink recognises.</summary>
/// <param name="TimeMs">Milliseconds since the sink started.</param>
/// <param name="Protocol"><c>tcp</c> or <c>udp</c>.</param>
/// <param name="Address">The original destination address.</param>
/// <param name="Port">The original destination port.</param>
/// <param name="Length">How many bytes were read (at most the read limit).</param>
/// <param name="Preview">The first bytes, printable ASCII kept and others as <c>\xHH</c>, capped.</param>
public sealed record RawPayloadSeen(long TimeMs, string Protocol, string Address, int Port, int Length, string Preview);
