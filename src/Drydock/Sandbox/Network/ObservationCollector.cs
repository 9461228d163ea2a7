using System.Diagnostics;

namespace Drydock.Sandbox.Network;

/// <summary>Thread-safe, bounded store of what the sink's services saw; events past the limit are only counted.</summary>
internal sealed class ObservationCollector(int maxEvents)
{
    private readonly Lock gate = new();
    private readonly long started = Stopwatch.GetTimestamp();
    private readonly List<DnsQuery> dns = [];
    private readonly List<ConnectionAttempt> connections = [];
    private readonly List<HttpRequestSeen> http = [];
    private readonly List<TlsClientHelloSeen> tls = [];
    private readonly List<StratumLogin> stratum = [];
    private readonly List<RawPayloadSeen> raw = [];
    private int count;
    private int dropped;

    /// <summary>Milliseconds since the sink started.</summary>
    public long NowMs => (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;

    public void Add(DnsQuery e) => Add(dns, e);

    public void Add(ConnectionAttempt e) => Add(connections, e);

    public void Add(HttpRequestSeen e) => Add(http, e);

    public void Add(TlsClientHelloSeen e) => Add(tls, e);

    public void Add(StratumLogin e) => Add(stratum, e);

    public void Add(RawPayloadSeen e) => Add(raw, e);

    /// <summary>An immutable copy, each list sorted by time and then by every field (ordinal), so equal runs compare equal.</summary>
    public NetworkObservations Snapshot()
    {
        lock (gate)
        {
            return new NetworkObservations(
                [.. dns.OrderBy(e => e.TimeMs).ThenBy(e => e.Name, StringComparer.Ordinal).ThenBy(e => e.Type, StringComparer.Ordinal)
                    .ThenBy(e => e.Answer, StringComparer.Ordinal).ThenBy(e => e.Transport, StringComparer.Ordinal)],
                [.. connections.OrderBy(e => e.TimeMs).ThenBy(e => e.Protocol, StringComparer.Ordinal).ThenBy(e => e.Address, StringComparer.Ordinal)
                    .ThenBy(e => e.Port)],
                [.. http.OrderBy(e => e.TimeMs).ThenBy(e => e.Address, StringComparer.Ordinal).ThenBy(e => e.Port).ThenBy(e => e.Method, StringComparer.Ordinal)
                    .ThenBy(e => e.Host, StringComparer.Ordinal).ThenBy(e => e.Path, StringComparer.Ordinal).ThenBy(e => e.UserAgent, StringComparer.Ordinal)
                    .ThenBy(e => e.Status)],
                [.. tls.OrderBy(e => e.TimeMs).ThenBy(e => e.Address, StringComparer.Ordinal).ThenBy(e => e.Port).ThenBy(e => e.ServerName, StringComparer.Ordinal)],
                [.. stratum.OrderBy(e => e.TimeMs).ThenBy(e => e.Address, StringComparer.Ordinal).ThenBy(e => e.Port).ThenBy(e => e.Method, StringComparer.Ordinal)
                    .ThenBy(e => e.Login, StringComparer.Ordinal).ThenBy(e => e.Agent, StringComparer.Ordinal)],
                [.. raw.OrderBy(e => e.TimeMs).ThenBy(e => e.Protocol, StringComparer.Ordinal).ThenBy(e => e.Address, StringComparer.Ordinal).ThenBy(e => e.Port)
                    .ThenBy(e => e.Length).ThenBy(e => e.Preview, StringComparer.Ordinal)],
                dropped);
        }
    }

    private void Add<T>(List<T> list, T item)
    {
        lock (gate)
        {
            if (count >= maxEvents)
            {
                dropped++;
                return;
            }

            count++;
            list.Add(item);
        }
    }
}
