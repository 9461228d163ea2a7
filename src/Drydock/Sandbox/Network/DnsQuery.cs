namespace Drydock.Sandbox.Network;

/// <summary>One DNS question the container asked and the answer the sink gave.</summary>
/// <param name="TimeMs">Milliseconds since the sink started.</param>
/// <param name="Name">The name asked for, lower case, without the final dot (empty for a malformed packet).</param>
/// <param name="Type">The record type (<c>A</c>, <c>AAAA</c>, <c>TXT</c>, <c>TYPE65</c>...), or <c>malformed</c>.</param>
/// <param name="Answer">The address given, or null when the answer was empty.</param>
/// <param name="Transport"><c>udp</c> or <c>tcp</c>.</param>
public sealed record DnsQuery(long TimeMs, string Name, string Type, string? Answer, string Transport);
