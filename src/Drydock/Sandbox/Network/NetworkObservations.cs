namespace Drydock.Sandbox.Network;

/// <summary>Everything a sandboxed container tried on the network, as the sink saw it; each list is sorted by time, then by its fields.</summary>
/// <param name="DnsQueries">Every DNS question asked of the sink's resolver (malformed packets have type <c>malformed</c>).</param>
/// <param name="Connections">Every TCP connection accepted and every UDP datagram received, by original destination.</param>
/// <param name="HttpRequests">HTTP requests read on any TCP connection.</param>
/// <param name="TlsClientHellos">TLS ClientHello messages, with the server name they asked for.</param>
/// <param name="StratumLogins">Mining-pool logins, subscriptions and authorisations (stratum JSON-RPC).</param>
/// <param name="RawPayloads">The first bytes of connections and datagrams that were none of the above.</param>
/// <param name="Dropped">Events not kept because the collection limit was reached.</param>
public sealed record NetworkObservations(
    IReadOnlyList<DnsQuery> DnsQueries,
    IReadOnlyList<ConnectionAttempt> Connections,
    IReadOnlyList<HttpRequestSeen> HttpRequests,
    IReadOnlyList<TlsClientHelloSeen> TlsClientHellos,
    IReadOnlyList<StratumLogin> StratumLogins,
    IReadOnlyList<RawPayloadSeen> RawPayloads,
    int Dropped);
