namespace Drydock.Sandbox.Network;

/// <summary>A mining-pool request (stratum JSON-RPC <c>login</c>, <c>mining.subscribe</c> or <c>mining.authorize</c>).</summary>
/// <param name="TimeMs">Milliseconds since the sink started.</param>
/// <param name="Address">The original destination address.</param>
/// <param name="Port">The original destination port.</param>
/// <param name="Method">The JSON-RPC method.</param>
/// <param name="Login">The wallet or worker user (<c>params.login</c> of <c>login</c>, <c>params[0]</c> of <c>mining.authorize</c>).</param>
/// <param name="Agent">The miner's self-description (<c>params.agent</c> of <c>login</c>, <c>params[0]</c> of <c>mining.subscribe</c>).</param>
public sealed record StratumLogin(long TimeMs, string Address, int Port, string Method, string? Login, string? Agent);
